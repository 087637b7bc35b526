package org.ctl.domain.governance.poll;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.Required;

/** A governance member votes for {@code policy}; a later vote of the same member replaces this one. */
public record CastVote(@TargetAggregateIdentifier PollId pollId, GovernancePolicy policy) implements PollCommand {

    public CastVote {
        Required.present(pollId, "pollId");
        Required.present(policy, "policy");
    }
}
