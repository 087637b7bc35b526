package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;

/** A lender offered a loan. */
@Revision("1")
public record LoanOffered(LoanId loanId, LoanTerms terms) {
}
