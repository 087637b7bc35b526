package org.ctl.infra.http;

import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;

/** One series' live collateralization, as the HTTP contract and the stream show it. */
public record CollateralizationEntry(TokenId tokenId, SeriesStatus status, PricingFigures pricing,
                                     boolean belowAlert) {

    public static CollateralizationEntry of(CollateralizationView view) {
        return new CollateralizationEntry(view.tokenId(), view.status(), PricingFigures.of(view.pricing()),
                view.belowAlert());
    }
}
