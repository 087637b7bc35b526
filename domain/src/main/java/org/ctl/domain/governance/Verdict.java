package org.ctl.domain.governance;

/** An oracle's verdict on a series whose legitimacy fails. */
public enum Verdict {
    /** Legitimacy cannot be verified. */
    ILLEGITIMATE,
    /** Legitimacy is disputed. */
    DISPUTED
}
