package org.ctl.domain.balance;

import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;

/** Fetches one holder's portfolio ({@link HolderPortfolio}), series ordered by id. */
public record FindBalancesOfHolder(HolderId holder, Page page) {
}
