package org.ctl.domain.governance;

/** What became of a flagged series. */
public enum FlagOutcome {
    /** Hard stop: value zero, every later move refused, history kept. */
    WORTHLESS,
    /** Graceful exit: every outstanding unit burned, pledges released, holders given collateral claims. */
    WOUND_UP
}
