package org.ctl.domain.governance.poll;

/** A command to a poll: a missing poll is refused as {@code UNKNOWN_POLL}, not as an unknown series. */
public interface PollCommand {

    PollId pollId();
}
