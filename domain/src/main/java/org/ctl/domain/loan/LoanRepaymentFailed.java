package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.RuleCode;

/** The return of the units was refused; the loan is open again. */
@Revision("1")
public record LoanRepaymentFailed(LoanId loanId, RuleCode cause) {
}
