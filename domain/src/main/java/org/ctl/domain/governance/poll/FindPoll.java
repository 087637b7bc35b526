package org.ctl.domain.governance.poll;

/** Fetches one poll ({@link PollView}), if it was opened. */
public record FindPoll(PollId pollId) {
}
