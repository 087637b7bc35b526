package org.ctl.domain.governance.poll;

import org.axonframework.serialization.Revision;
import org.ctl.domain.governance.GovernancePolicy;

/**
 * A poll closed at its closing instant with {@code tally}; when {@code outcome} is {@link PollOutcome#ADOPTED},
 * {@code adopted} is the default policy of every series issued from now on without a policy of its own.
 */
@Revision("1")
public record PollClosed(PollId pollId, PollTally tally, PollOutcome outcome, GovernancePolicy adopted) {
}
