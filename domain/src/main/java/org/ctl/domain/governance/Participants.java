package org.ctl.domain.governance;

import java.util.Set;
import org.ctl.domain.shared.HolderId;

/**
 * The principals registered (by configuration) as issuers and as governance-backed oracles.
 *
 * @param issuers principals allowed to issue series
 * @param oracles principals allowed to verify, flag and publish prices
 */
public record Participants(Set<HolderId> issuers, Set<HolderId> oracles) {

    public Participants {
        issuers = Set.copyOf(issuers);
        oracles = Set.copyOf(oracles);
    }

    public boolean isIssuer(HolderId principal) {
        return issuers.contains(principal);
    }

    public boolean isOracle(HolderId principal) {
        return oracles.contains(principal);
    }
}
