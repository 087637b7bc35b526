package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;

/** The borrower accepts an offered loan: the collateral is pledged and the units lent (by the loan saga). */
public record AcceptLoan(@TargetAggregateIdentifier LoanId loanId) implements LoanCommand {

    public AcceptLoan {
        Required.present(loanId, "loanId");
    }
}
