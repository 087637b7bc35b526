package org.ctl.command.series;

import java.util.Optional;
import org.ctl.domain.shared.TokenId;

/**
 * Which series a collateral id backs, across all series: the set-based check behind "one collateral id backs
 * at most one series". The ledger's implementation keeps a table with the collateral id as its key, written
 * in the same transaction as each issuance, so that two issuances racing for one collateral cannot both
 * commit.
 */
public interface CollateralRegistry {

    /** The series that {@code collateralId} backs, if any. */
    Optional<TokenId> seriesBackedBy(String collateralId);
}
