package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;

/** The loan saga reports the borrower's return transfer refused by {@code cause}: the loan is open again. */
public record FailRepayment(@TargetAggregateIdentifier LoanId loanId, RuleCode cause) implements LoanCommand {

    public FailRepayment {
        Required.present(loanId, "loanId");
        Required.present(cause, "cause");
    }
}
