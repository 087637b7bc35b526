package org.ctl.domain.issuance;

import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.pricing.Pricing;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;

/**
 * A series summary as the projections know it, priced at the latest published prices.
 *
 * @param verifiedBy   the oracle that verified it, or {@code null} before verification
 * @param pricing      CV, ColV, CR, RP, FP at live prices over the outstanding units; {@code null} when no
 *                     unit is outstanding (all burned) — a worthless series is priced at zero
 * @param lastSequence the sequence number of the series' last event the projection has applied
 */
public record SeriesView(TokenId tokenId, HolderId issuer, String computeUnit, SeriesStatus status,
                         GovernancePolicy policy, Units issued, Units outstanding, Units burned,
                         String collateralId, String collateralUnit, Units qubits, Money computePrice,
                         Money collateralPrice, HolderId verifiedBy, Pricing pricing, long lastSequence) {
}
