package org.ctl.domain.governance.poll;

import org.ctl.domain.shared.Identifier;

/** The client's id of a governance poll; its idempotency key. */
public record PollId(String value) {

    /** The prefix of a poll's event stream; '/' is no identifier character, so no series or feed shares it. */
    private static final String STREAM_PREFIX = "poll/";

    public PollId {
        Identifier.require(value, "pollId");
    }

    public static PollId of(String value) {
        return new PollId(value);
    }

    /** The poll's event stream: its own name space, apart from every series, feed and loan. */
    public String stream() {
        return STREAM_PREFIX + value;
    }

    /** Axon names the aggregate's stream by this: see {@link #stream()}. */
    @Override
    public String toString() {
        return stream();
    }
}
