package org.ctl.domain.loan;

import org.axonframework.serialization.Revision;
import org.ctl.domain.shared.RuleCode;

/** An opening step was refused; the pledge made before it, if any, was released again. Final. */
@Revision("1")
public record LoanOpeningFailed(LoanId loanId, LoanSteps.Step failedStep, RuleCode cause, boolean pledgeReleased) {
}
