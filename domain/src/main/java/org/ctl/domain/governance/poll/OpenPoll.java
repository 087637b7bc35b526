package org.ctl.domain.governance.poll;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ctl.domain.shared.Required;

/** A governance member opens a poll over the ledger-wide default policy, closing at {@code closesAt}. */
public record OpenPoll(@TargetAggregateIdentifier PollId pollId, Instant closesAt) implements PollCommand {

    public OpenPoll {
        Required.present(pollId, "pollId");
        Required.present(closesAt, "closesAt");
    }
}
