package org.ctl.infra.dashboard;

import java.time.Instant;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.Units;
import org.ctl.infra.http.PricingFigures;

/**
 * A series' pricing just after one event.
 *
 * @param cause   the event: its type's simple name ({@code TokenIssued}, {@code UnitsBurned}, {@code PricePublished}…)
 * @param pricing the five figures; {@code null} when no unit is outstanding
 */
public record CollateralizationPoint(Instant at, String cause, SeriesStatus status, Units outstanding,
                                     Money computePrice, Money collateralPrice, PricingFigures pricing) {
}
