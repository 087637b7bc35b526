package org.ctl.infra.projection;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.ctl.infra.axon.DeadLetterConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator needs to know of the projections, read fresh on each call: the head of the event store, and
 * per projection its processor's state, position, lag and dead letters. Health and metrics both read it.
 */
@Component
public class ProjectionMonitor {

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public ProjectionMonitor(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** The projections watched: the dead-lettering processing groups. */
    public List<String> groups() {
        return DeadLetterConfiguration.DEAD_LETTERING_GROUPS;
    }

    /**
     * The event processors that are not projections (the write side's lookups, which handle each event in the
     * transaction that stores it), by name: whether each runs and whether it is in error.
     */
    public Map<String, Map<String, Object>> otherProcessors() {
        Map<String, Map<String, Object>> others = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (groups().contains(name)) {
                return;
            }
            boolean streaming = processor instanceof StreamingEventProcessor;
            boolean error = processor.isError();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("mode", streaming ? "streaming" : "subscribing");
            details.put("running", processor.isRunning());
            details.put("error", error);
            details.put("state", !processor.isRunning() ? ProcessorState.STOPPED
                    : error ? ProcessorState.ERROR
                    : streaming && ((StreamingEventProcessor) processor).isReplaying() ? ProcessorState.REPLAYING
                    : ProcessorState.CAUGHT_UP);
            others.put(name, details);
        });
        return others;
    }

    /** The time of the newest stored event, if any. */
    public Optional<Instant> newestEventAt() {
        return jdbc.query("SELECT time_stamp FROM domain_event_entry WHERE global_index = "
                        + "(SELECT MAX(global_index) FROM domain_event_entry)",
                (row, rowNumber) -> row.getString(1)).stream().findFirst().map(Instant::parse);
    }

    /** The global index of the newest stored event; -1 while the store is empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** The state of one projection's processor against {@code head}. */
    public ProcessorState state(String group, long head) {
        Optional<StreamingEventProcessor> found =
                processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class);
        long deadLetters = deadLetters(group);
        long deadLetterSequences = deadLetterSequences(group);
        if (found.isEmpty()) {
            return new ProcessorState(group, false, true, "no streaming processor for " + group, false, -1,
                    Math.max(0, head + 1), false, 0, deadLetters, deadLetterSequences);
        }
        StreamingEventProcessor processor = found.get();
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        String segmentError = segments.values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(status -> String.valueOf(status.getError()))
                .findFirst().orElse(null);
        boolean error = processor.isError() || segmentError != null;
        String errorMessage = segmentError != null ? segmentError
                : error ? "the processor is in error mode and retrying" : null;
        long position = position(segments);
        long lag = Math.max(0, head - position);
        return new ProcessorState(group, processor.isRunning(), error, errorMessage, processor.isReplaying(),
                position, lag, !segments.isEmpty() && lag == 0, segments.size(), deadLetters, deadLetterSequences);
    }

    /** How far the slowest segment has got; -1 before the first event (or while no segment is claimed). */
    static long position(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(-1))
                .min()
                .orElse(-1);
    }

    /** The number of events of a group parked in its dead-letter queue (0 for a group without one). */
    public long deadLetters(String group) {
        return queue(group).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    /** The number of series of a group with parked events. */
    public long deadLetterSequences(String group) {
        return queue(group).map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
    }

    /** The lag of a group's processor behind the head of the store, in events; empty without a processor. */
    public OptionalLong lag(String group) {
        return processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                .map(processor -> OptionalLong.of(Math.max(0, head() - position(processor.processingStatus()))))
                .orElse(OptionalLong.empty());
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return processing.deadLetterQueue(group);
    }

    /**
     * One projection's processor.
     *
     * @param running             whether it is started
     * @param error               whether it (or one of its segments) is in error mode, retrying a failed batch
     * @param replaying           Axon's replay flag (it stays set after a replay until a newer event arrives)
     * @param position            the global index it has processed up to (its slowest segment's), -1 before any
     * @param lag                 head − position: stored events it has not processed yet
     * @param caughtUp            lag 0 with at least one segment claimed
     * @param deadLetters         events parked in its dead-letter queue
     * @param deadLetterSequences series with parked events
     */
    public record ProcessorState(String group, boolean running, boolean error, String errorMessage,
                                 boolean replaying, long position, long lag, boolean caughtUp, int segments,
                                 long deadLetters, long deadLetterSequences) {

        /** Not started, or shut down. */
        public static final String STOPPED = "STOPPED";
        /** In error mode, retrying a failed batch without advancing. */
        public static final String ERROR = "ERROR";
        /** Has processed every stored event. */
        public static final String CAUGHT_UP = "CAUGHT_UP";
        /** Replaying the event stream after a reset, not yet at the head. */
        public static final String REPLAYING = "REPLAYING";
        /** Running behind the head of the store (a burst of events, or segments not yet claimed). */
        public static final String BEHIND = "BEHIND";

        /**
         * One word for operators: {@link #STOPPED}, {@link #ERROR}, {@link #CAUGHT_UP}, {@link #REPLAYING} or
         * {@link #BEHIND}. Caught up wins over Axon's replay flag, which stays set after a replay that no newer
         * event followed.
         */
        public String state() {
            return !running ? STOPPED : error ? ERROR : caughtUp ? CAUGHT_UP : replaying ? REPLAYING : BEHIND;
        }

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", state());
            details.put("running", running);
            details.put("error", error);
            if (errorMessage != null) {
                details.put("errorMessage", errorMessage);
            }
            details.put("replaying", replaying);
            details.put("position", position);
            details.put("lag", lag);
            details.put("caughtUp", caughtUp);
            details.put("segments", segments);
            details.put("deadLetters", deadLetters);
            details.put("deadLetterSequences", deadLetterSequences);
            return details;
        }
    }
}
