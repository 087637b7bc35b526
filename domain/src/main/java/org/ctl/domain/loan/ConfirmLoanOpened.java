package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;

/** The loan saga reports both opening steps done: the collateral pledged and the units lent. */
public record ConfirmLoanOpened(@TargetAggregateIdentifier LoanId loanId) implements LoanCommand {

    public ConfirmLoanOpened {
        Required.present(loanId, "loanId");
    }
}
