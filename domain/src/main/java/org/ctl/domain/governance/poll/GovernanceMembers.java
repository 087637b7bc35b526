package org.ctl.domain.governance.poll;

import java.util.Set;
import org.ctl.domain.shared.HolderId;

/**
 * The registered governance members (by configuration), who open polls and vote in them, and the quorum: the
 * fewest votes that can decide a poll.
 */
public record GovernanceMembers(Set<HolderId> members, int quorum) {

    public GovernanceMembers {
        members = Set.copyOf(members);
        if (quorum < 1 || quorum > Math.max(1, members.size())) {
            throw new IllegalArgumentException("the quorum must be 1 to the number of members (" + members.size()
                    + "), was " + quorum);
        }
    }

    public boolean isMember(HolderId principal) {
        return members.contains(principal);
    }
}
