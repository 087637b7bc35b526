package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;

/** The due instant passed unpaid; the pledge is seized for the lender. Final. */
@Revision("1")
public record LoanDefaulted(LoanId loanId) {
}
