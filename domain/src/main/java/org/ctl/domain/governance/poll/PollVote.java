package org.ctl.domain.governance.poll;

import java.time.Instant;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.HolderId;

/** A member's current vote in a poll, and when it was cast. */
public record PollVote(HolderId member, GovernancePolicy policy, Instant castAt) {
}
