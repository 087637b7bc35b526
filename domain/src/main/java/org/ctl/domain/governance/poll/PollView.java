package org.ctl.domain.governance.poll;

import java.time.Instant;
import java.util.List;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.HolderId;

/**
 * A poll as the read side shows it: the tally of the members' current votes, and once closed its outcome.
 *
 * @param outcome null while open
 * @param adopted the adopted policy when the outcome is {@link PollOutcome#ADOPTED}, else null
 */
public record PollView(PollId pollId, HolderId openedBy, Instant openedAt, Instant closesAt, int quorum,
                       PollStatus status, PollTally tally, PollOutcome outcome, GovernancePolicy adopted,
                       List<PollVote> votes) {
}
