package org.ctl.domain.governance.poll;

import java.util.Collection;
import org.ctl.domain.governance.GovernancePolicy;

/**
 * The votes of a poll per policy, and the one rule that decides a poll: fewer votes than the quorum decide
 * nothing ({@link PollOutcome#NO_QUORUM}); otherwise the policy with the most votes is adopted, and a tie for the
 * most keeps the current default ({@link PollOutcome#TIE}).
 */
public record PollTally(int hardStop, int gracefulExit, int hybrid) {

    public PollTally {
        if (hardStop < 0 || gracefulExit < 0 || hybrid < 0) {
            throw new IllegalArgumentException("a vote count cannot be negative");
        }
    }

    /** The tally of the members' current votes. */
    public static PollTally of(Collection<GovernancePolicy> votes) {
        int hardStop = 0;
        int gracefulExit = 0;
        int hybrid = 0;
        for (GovernancePolicy vote : votes) {
            switch (vote) {
                case HARD_STOP -> hardStop++;
                case GRACEFUL_EXIT -> gracefulExit++;
                case HYBRID -> hybrid++;
            }
        }
        return new PollTally(hardStop, gracefulExit, hybrid);
    }

    public int votes() {
        return hardStop + gracefulExit + hybrid;
    }

    public int votesFor(GovernancePolicy policy) {
        return switch (policy) {
            case HARD_STOP -> hardStop;
            case GRACEFUL_EXIT -> gracefulExit;
            case HYBRID -> hybrid;
        };
    }

    /** The outcome under {@code quorum}. */
    public PollOutcome outcome(int quorum) {
        if (votes() < quorum || votes() == 0) {
            return PollOutcome.NO_QUORUM;
        }
        return winner() == null ? PollOutcome.TIE : PollOutcome.ADOPTED;
    }

    /** The policy with strictly the most votes, or null when two or more share the most. */
    public GovernancePolicy winner() {
        GovernancePolicy best = null;
        int most = -1;
        boolean tied = false;
        for (GovernancePolicy policy : GovernancePolicy.values()) {
            int count = votesFor(policy);
            if (count > most) {
                best = policy;
                most = count;
                tied = false;
            } else if (count == most) {
                tied = true;
            }
        }
        return tied ? null : best;
    }
}
