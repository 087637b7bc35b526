package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;

/** The borrower repays an open loan: the units go back to the lender and the pledge is released. */
public record RepayLoan(@TargetAggregateIdentifier LoanId loanId) implements LoanCommand {

    public RepayLoan {
        Required.present(loanId, "loanId");
    }
}
