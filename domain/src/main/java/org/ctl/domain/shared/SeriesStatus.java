package org.ctl.domain.shared;

/** The life of a token series. */
public enum SeriesStatus {
    /** Issued, its units locked with the issuer until an oracle verifies it. */
    PENDING_VERIFICATION,
    /** Verified: units can be transferred, pledged and burned. */
    ACTIVE,
    /** Flagged under a hard stop: value zero, nothing moves any more, history kept. */
    WORTHLESS,
    /** Flagged under a graceful exit: all units burned, holders hold claims on the collateral. */
    WOUND_UP;

    /** Whether a flag has settled the series for good. */
    public boolean isSettled() {
        return this == WORTHLESS || this == WOUND_UP;
    }
}
