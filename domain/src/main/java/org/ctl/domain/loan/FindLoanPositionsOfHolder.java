package org.ctl.domain.loan;

import org.ctl.domain.shared.HolderId;

/** Fetches a holder's {@link HolderLoanPositions}. */
public record FindLoanPositionsOfHolder(HolderId holder) {
}
