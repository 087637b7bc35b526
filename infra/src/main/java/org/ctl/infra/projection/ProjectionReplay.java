package org.ctl.infra.projection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ctl.query.balance.BalanceProjection;
import org.ctl.query.provenance.ProvenanceProjection;
import org.ctl.query.series.SeriesProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the projections' read models from the event store through Axon's own reset and replay: the group's
 * processor is shut down, its tokens reset (its {@code @ResetHandler} empties its tables, and its dead letters
 * go), and started again, so that it applies every event from the first.
 *
 * <p>Only the projections ({@link #PROJECTIONS}: series, balances, provenance) can be replayed; no other processor
 * (the write side's lookups, an audit chain, say) is ever reset from here, whatever else is configured.
 *
 * <p>A projection counts as replaying from just before its reset until its processor has reached the head the
 * event store had when the replay started. Axon's own {@code isReplaying()} is not used for that: it stays true
 * after a replay that no newer event followed. After a restart in the middle of a replay, the processor's
 * {@link ReplayToken} tells the same: replaying while its position is below the token's position at reset.
 */
@Component
public class ProjectionReplay {

    /** The read models that can be rebuilt, named explicitly so that no processor added later is reset. */
    public static final List<String> PROJECTIONS = List.of(SeriesProjection.PROCESSING_GROUP,
            BalanceProjection.PROCESSING_GROUP, ProvenanceProjection.PROCESSING_GROUP);

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);

    private record Run(long target, Instant startedAt, Instant finishedAt) {
    }

    private final EventProcessingConfiguration processing;
    private final ProjectionMonitor monitor;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public ProjectionReplay(EventProcessingConfiguration processing, ProjectionMonitor monitor) {
        this.processing = processing;
        this.monitor = monitor;
    }

    /** The projections that can be replayed. */
    public List<String> groups() {
        return PROJECTIONS;
    }

    public boolean isProjection(String group) {
        return groups().contains(group);
    }

    /**
     * Starts rebuilding one projection and returns at once; {@link #state(String)} tells when it has ended.
     *
     * @throws IllegalArgumentException for a group that is not a projection
     * @throws ReplayInProgress         when that projection is being rebuilt already
     */
    public synchronized ReplayState replay(String group) {
        requireProjection(group);
        if (isReplaying(group)) {
            throw new ReplayInProgress(List.of(group), "projection " + group + " is being rebuilt already");
        }
        start(group);
        return state(group);
    }

    /**
     * Starts rebuilding every projection (and no other processor).
     *
     * @throws ReplayInProgress when any of them is being rebuilt already; then none is started
     */
    public synchronized List<ReplayState> replayAll() {
        List<String> busy = groups().stream().filter(this::isReplaying).toList();
        if (!busy.isEmpty()) {
            throw new ReplayInProgress(busy, "projections " + busy + " are being rebuilt already");
        }
        groups().forEach(this::start);
        return states();
    }

    /** Where one projection's rebuild stands. */
    public ReplayState state(String group) {
        requireProjection(group);
        boolean replaying = isReplaying(group);
        Run run = runs.get(group);
        long position = position(processor(group).processingStatus());
        return run == null
                ? new ReplayState(group, replaying, position, -1, null, null)
                : new ReplayState(group, replaying, position, run.target(), run.startedAt(), run.finishedAt());
    }

    /** Where every projection's rebuild stands. */
    public List<ReplayState> states() {
        List<ReplayState> states = new ArrayList<>();
        groups().forEach(group -> states.add(state(group)));
        return states;
    }

    /** Whether a projection's read model is being rebuilt now. */
    public boolean isReplaying(String group) {
        if (!isProjection(group)) {
            return false;
        }
        Map<Integer, EventTrackerStatus> segments = processor(group).processingStatus();
        Run run = runs.get(group);
        if (run != null && run.finishedAt() == null) {
            if (segments.isEmpty() || position(segments) < run.target()) {
                return true;
            }
            runs.computeIfPresent(group, (name, running) -> running.finishedAt() != null ? running
                    : new Run(running.target(), running.startedAt(), clock.instant()));
            log.info("Replay of projection {} reached its target {}", group, run.target());
        }
        return segments.values().stream().anyMatch(ProjectionReplay::replayingBelowReset);
    }

    /** The projections among {@code groups} being rebuilt now. */
    public List<String> replaying(String... groups) {
        List<String> replaying = new ArrayList<>();
        for (String group : groups) {
            if (isReplaying(group)) {
                replaying.add(group);
            }
        }
        return replaying;
    }

    private void start(String group) {
        StreamingEventProcessor processor = processor(group);
        if (!processor.supportsReset()) {
            throw new IllegalStateException("the processor of projection " + group + " does not support a reset");
        }
        long target = monitor.head();
        // Marked before the reset empties the tables, so that no read sees them half rebuilt.
        runs.put(group, new Run(target, clock.instant(), null));
        log.info("Replaying projection {} up to global index {}", group, target);
        try {
            processor.shutDown();
            processor.resetTokens();
        } finally {
            processor.start();
        }
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor for projection " + group));
    }

    private void requireProjection(String group) {
        if (!isProjection(group)) {
            throw new IllegalArgumentException("no projection is called " + group + "; the projections are "
                    + groups());
        }
    }

    private static long position(Map<Integer, EventTrackerStatus> segments) {
        return ProjectionMonitor.position(segments);
    }

    /** A segment still below the position its replay token was reset at (also after a restart). */
    private static boolean replayingBelowReset(EventTrackerStatus segment) {
        if (!(segment.getTrackingToken() instanceof ReplayToken)) {
            return false;
        }
        var atReset = ReplayToken.getTokenAtReset(segment.getTrackingToken());
        return atReset.isPresent() && segment.getCurrentPosition().orElse(-1) < atReset.getAsLong();
    }
}
