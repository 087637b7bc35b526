package org.ctl.domain.governance.poll;

/** How a poll ended. */
public enum PollOutcome {
    /** One policy had more votes than any other, and the votes reached the quorum: it is the new default. */
    ADOPTED,
    /** Two or more policies shared the most votes: the current default stays. */
    TIE,
    /** Fewer votes than the quorum: the current default stays. */
    NO_QUORUM
}
