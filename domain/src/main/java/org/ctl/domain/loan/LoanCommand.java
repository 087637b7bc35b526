package org.ctl.domain.loan;

/** A command to a loan: a missing loan is refused as {@code UNKNOWN_LOAN}, not as an unknown series. */
public interface LoanCommand {

    LoanId loanId();
}
