package org.ctl.infra.http;

import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/** A series summary as the HTTP contract shows it: status, policy, supply and pricing at live prices. */
public record SeriesSummary(TokenId tokenId, HolderId issuer, String computeUnit, SeriesStatus status,
                           GovernancePolicy policy, HolderId verifiedBy, CollateralFacts collateral, Supply supply,
                           LivePrices prices, PricingFigures pricing, long lastSequence) {

    public record CollateralFacts(String collateralId, String unit, Units qubits) {
    }

    public record Supply(Units issued, Units outstanding, Units burned) {
    }

    public record LivePrices(Money computePrice, Money collateralPrice) {
    }

    public static SeriesSummary of(SeriesView view) {
        return new SeriesSummary(view.tokenId(), view.issuer(), view.computeUnit(), view.status(), view.policy(),
                view.verifiedBy(), new CollateralFacts(view.collateralId(), view.collateralUnit(), view.qubits()),
                new Supply(view.issued(), view.outstanding(), view.burned()),
                new LivePrices(view.computePrice(), view.collateralPrice()), PricingFigures.of(view.pricing()),
                view.lastSequence());
    }
}
