package org.ctl.domain.loan;

import java.util.List;
import org.ctl.domain.shared.HolderId;

/**
 * What a holder has lent out and borrowed in loans still owed (OPEN or REPAYING), per series. Lent units are
 * in the borrower's balance, borrowed ones in the holder's own: these positions say who owes them.
 */
public record HolderLoanPositions(HolderId holder, List<LoanPosition> lentOut, List<LoanPosition> borrowed) {
}
