package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;

/** The due instant of an open loan has passed unpaid (sent by the loan saga's deadline). */
public record DefaultLoan(@TargetAggregateIdentifier LoanId loanId) implements LoanCommand {

    public DefaultLoan {
        Required.present(loanId, "loanId");
    }
}
