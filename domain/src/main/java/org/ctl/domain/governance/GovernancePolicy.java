package org.ctl.domain.governance;

/** What a flag does to a series; chosen per series at issuance (seed, "The Governance Path"). */
public enum GovernancePolicy {
    /** Any flag makes the series worthless. */
    HARD_STOP,
    /** Any flag burns all outstanding units and records pro-rata claims on the collateral. */
    GRACEFUL_EXIT,
    /** ILLEGITIMATE makes the series worthless; DISPUTED winds it up gracefully. */
    HYBRID;

    /** The outcome of a flag with {@code verdict} under this policy. */
    public FlagOutcome outcomeFor(Verdict verdict) {
        return switch (this) {
            case HARD_STOP -> FlagOutcome.WORTHLESS;
            case GRACEFUL_EXIT -> FlagOutcome.WOUND_UP;
            case HYBRID -> verdict == Verdict.ILLEGITIMATE ? FlagOutcome.WORTHLESS : FlagOutcome.WOUND_UP;
        };
    }
}
