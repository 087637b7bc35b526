package org.ctl.infra.history;

import java.time.Instant;
import java.util.List;
import org.ctl.domain.history.InvariantBreach;

/**
 * The outcome of an independent verification of the ledger.
 *
 * @param passed             no invariant broken and no difference found
 * @param head               the global index of the last event verified (the head when the run began)
 * @param eventsChecked      how many events were folded and checked
 * @param seriesChecked      how many series were re-derived
 * @param breaches           the invariants broken, each at its event (at most {@link #MAX_LISTED})
 * @param breachCount        how many breaches there are in all
 * @param differences        the read-model values that differ from the events (at most {@link #MAX_LISTED})
 * @param differenceCount    how many differences there are in all
 * @param movedDuringRun     series (and feeds) that got newer events while the run read, compared no further
 * @param startedAt          when the run began
 * @param finishedAt         when it ended
 */
public record VerificationReport(boolean passed, long head, long eventsChecked, int seriesChecked,
                                 List<InvariantBreach> breaches, int breachCount, List<Difference> differences,
                                 int differenceCount, List<String> movedDuringRun, Instant startedAt,
                                 Instant finishedAt) {

    /** The most breaches and differences a report lists (it counts them all). */
    public static final int MAX_LISTED = 1_000;
}
