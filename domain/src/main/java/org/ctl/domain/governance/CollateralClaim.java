package org.ctl.domain.governance;

import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Units;

/**
 * A holder's claim on a wound-up series' collateral, pro rata to the units it held.
 *
 * @param holder the holder (for pledged units, the pledger: the pledge was released first)
 * @param units  the units it held, available and pledged, that were burned
 * @param claim  its share of the collateral value, in cents
 */
public record CollateralClaim(HolderId holder, Units units, Money claim) {
}
