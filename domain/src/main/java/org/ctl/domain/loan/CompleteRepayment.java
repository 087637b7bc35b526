package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;

/**
 * The loan saga reports the units returned; {@code releaseRefusedBy} is null when the pledge was released, else
 * why it could not be (the collateral series was settled by a flag meanwhile).
 */
public record CompleteRepayment(@TargetAggregateIdentifier LoanId loanId, RuleCode releaseRefusedBy)
        implements LoanCommand {

    public CompleteRepayment {
        Required.present(loanId, "loanId");
    }
}
