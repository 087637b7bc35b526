package org.ctl.domain.balance;

import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/**
 * One series in a holder's portfolio.
 *
 * @param value (available + pledged) × the latest published compute price of the series' unit (zero for a
 *              worthless series)
 */
public record SeriesBalance(TokenId tokenId, Units available, Units pledged, Money value) {
}
