package org.ctl.domain.loan;

import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;

/**
 * Fetches the loans in which {@code holder} lends or borrows ({@link LoanView}), newest offer first; with
 * {@code openOnly}, only those still owed (OPEN or REPAYING).
 */
public record FindLoansOfHolder(HolderId holder, boolean openOnly, Page page) {
}
