package org.ctl.domain.pricing;

import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;

/**
 * A series' live collateralization.
 *
 * @param pricing    CV, ColV, CR, RP, FP at the latest prices; {@code null} when no unit is outstanding
 * @param belowAlert whether CR is below the configured alert threshold
 */
public record CollateralizationView(TokenId tokenId, SeriesStatus status, Pricing pricing, boolean belowAlert) {
}
