package org.ctl.domain.loan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;

/** The lender offers a loan on {@code terms}; the acting principal must be the lender. */
public record OfferLoan(@TargetAggregateIdentifier LoanId loanId, LoanTerms terms) implements LoanCommand {

    public OfferLoan {
        Required.present(loanId, "loanId");
        Required.present(terms, "terms");
    }
}
