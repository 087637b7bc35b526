package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.RuleCode;

/** The collateral series refused the seizure of a defaulted loan's pledge (it was settled by a flag). */
@Revision("1")
public record LoanCollateralNotSeized(LoanId loanId, RuleCode cause) {
}
