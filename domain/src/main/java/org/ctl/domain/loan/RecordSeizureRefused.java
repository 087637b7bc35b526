package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;

/** The loan saga reports that the series refused to seize a defaulted loan's pledge. */
public record RecordSeizureRefused(@TargetAggregateIdentifier LoanId loanId, RuleCode cause) implements LoanCommand {

    public RecordSeizureRefused {
        Required.present(loanId, "loanId");
        Required.present(cause, "cause");
    }
}
