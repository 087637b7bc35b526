package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;

/**
 * The loan saga reports an opening step refused by {@code cause}, and whether the pledge made before it was
 * released again.
 */
public record FailLoanOpening(@TargetAggregateIdentifier LoanId loanId, LoanSteps.Step failedStep, RuleCode cause,
                              boolean pledgeReleased) implements LoanCommand {

    public FailLoanOpening {
        Required.present(loanId, "loanId");
        Required.present(failedStep, "failedStep");
        Required.present(cause, "cause");
    }
}
