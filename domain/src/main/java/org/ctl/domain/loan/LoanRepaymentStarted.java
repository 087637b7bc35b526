package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;

/** The borrower asked to repay; the units are going back. */
@Revision("1")
public record LoanRepaymentStarted(LoanId loanId) {
}
