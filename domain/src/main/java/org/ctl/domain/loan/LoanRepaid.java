package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.RuleCode;

/** The units are back with the lender; the pledge was released unless {@code releaseRefusedBy} says why not. Final. */
@Revision("1")
public record LoanRepaid(LoanId loanId, RuleCode releaseRefusedBy) {
}
