package org.ctl.domain.loan;

import java.time.Instant;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/**
 * A loan as the read side shows it.
 *
 * @param cause     why the loan failed, why a repayment was refused, or why its pledge was not released or
 *                  seized (a rule code), if any
 * @param updatedAt when its latest event happened
 */
public record LoanView(LoanId loanId, HolderId lender, HolderId borrower, TokenId lentToken, Units lentAmount,
                       TokenId collateralToken, Units collateralAmount, Instant dueAt, LoanStatus status,
                       String cause, Instant offeredAt, Instant updatedAt) {
}
