package org.ctl.domain.balance;

import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Units;

/** One holder's units of one series. */
public record HolderBalance(HolderId holder, Units available, Units pledged) {
}
