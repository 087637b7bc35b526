package org.ctl.infra.dashboard;

import java.util.List;
import org.ctl.domain.shared.TokenId;

/**
 * A series' collateralization through time, for the dashboard's chart.
 *
 * @param alertThreshold the CR below which the ledger marks a series {@code belowAlert}
 * @param points         oldest first: the issuance and every later change of supply, status or price
 * @param truncated      whether older points were left out (the newest are kept)
 */
public record CollateralizationHistory(TokenId tokenId, String alertThreshold, List<CollateralizationPoint> points,
                                       boolean truncated) {
}
