package org.ctl.domain.governance.poll;

import org.axonframework.serialization.Revision;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.HolderId;

/** A member voted; {@code replaced} is the member's earlier vote in this poll, or null for a first vote. */
@Revision("1")
public record VoteCast(PollId pollId, HolderId member, GovernancePolicy policy, GovernancePolicy replaced) {
}
