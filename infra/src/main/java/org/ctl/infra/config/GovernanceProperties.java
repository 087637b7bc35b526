package org.ctl.infra.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The registered governance members, who open polls over the ledger-wide default policy and vote in them, under
 * {@code ctl.governance.*}: {@code members} (principal names; none: no polls) and {@code quorum} (the fewest votes
 * that can decide a poll; by default a majority of the members).
 */
@ConfigurationProperties("ctl.governance")
public record GovernanceProperties(List<String> members, Integer quorum) {

    public GovernanceProperties {
        members = members == null ? List.of() : List.copyOf(members);
        if (quorum != null && (quorum < 1 || quorum > Math.max(1, members.size()))) {
            throw new IllegalStateException("ctl.governance.quorum must be 1 to the number of members ("
                    + members.size() + "), was " + quorum);
        }
    }

    /** The configured quorum, or a majority of the members. */
    public int effectiveQuorum() {
        return quorum != null ? quorum : members.size() / 2 + 1;
    }
}
