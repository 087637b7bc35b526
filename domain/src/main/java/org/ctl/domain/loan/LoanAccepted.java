package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;

/** The borrower accepted the offer; the loan is opening. */
@Revision("1")
public record LoanAccepted(LoanId loanId, LoanTerms terms) {
}
