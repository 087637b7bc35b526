package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;

/** The collateral is pledged and the units lent: the loan is open until its due instant. */
@Revision("1")
public record LoanOpened(LoanId loanId, LoanTerms terms) {
}
