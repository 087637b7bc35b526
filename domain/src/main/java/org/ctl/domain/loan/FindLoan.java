package org.ctl.domain.loan;

/** Fetches one loan ({@link LoanView}), if it was offered. */
public record FindLoan(LoanId loanId) {
}
