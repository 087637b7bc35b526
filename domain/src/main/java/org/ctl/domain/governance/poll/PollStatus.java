package org.ctl.domain.governance.poll;

/** Whether a poll still takes votes. */
public enum PollStatus {
    OPEN,
    CLOSED
}
