package org.ctl.infra.http;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: where an accepted command's last event stands in the global event stream, and a bounded
 * wait until named projections have processed the stream that far.
 *
 * <p>The wait reads the processors' tokens from the shared token table, every segment of each, whichever node has
 * claimed it: each token is committed together with the read-model rows it covers, so a token that has passed the
 * position means that the shared read model holds the event, also when another node applied it.
 */
@Component
public class ProjectionProgress {

    /** The longest a read waits for its projections. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    private final Serializer serializer;

    public ProjectionProgress(JdbcTemplate jdbc, EventProcessingConfiguration processing, Serializer serializer) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.serializer = serializer;
    }

    /** The global index of an event, given its stream and sequence number. */
    public long globalPosition(String aggregateId, long sequence) {
        List<Long> positions = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class, aggregateId, sequence);
        if (positions.isEmpty()) {
            throw new IllegalStateException("no stored event " + aggregateId + "#" + sequence + " for an accepted command");
        }
        return positions.get(0);
    }

    /**
     * Whether every segment of a projection's processor, on any node, has committed the event at {@code position}
     * (its token has passed it and does not list it as a gap).
     */
    public boolean reached(String processingGroup, long position) {
        String processorName = processing
                .eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::getName)
                .orElseThrow(() -> new IllegalStateException("no streaming processor for " + processingGroup));
        List<Boolean> segments = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (row, index) -> {
                    byte[] token = row.getBytes("token");
                    String type = row.getString("token_type");
                    return token != null && type != null && reached(serializer.<byte[], TrackingToken>deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type, null)), position);
                },
                processorName);
        return !segments.isEmpty() && !segments.contains(false);
    }

    static boolean reached(TrackingToken token, long position) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    /** How far the slowest segment of this node's processor for a projection has got; -1 before its first event. */
    public long position(String processingGroup) {
        StreamingEventProcessor processor = processing
                .eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor for " + processingGroup));
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(-1))
                .min()
                .orElse(-1);
    }

    /**
     * Waits until every named projection has processed the global stream up to {@code position}.
     *
     * @throws LedgerUnavailable {@link Problems#PROJECTION_BEHIND} when they have not after {@link #MAX_WAIT}
     */
    public void awaitPosition(OptionalLong position, String... processingGroups) {
        if (position.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        for (String group : processingGroups) {
            while (!reached(group, position.getAsLong())) {
                if (System.nanoTime() > deadline) {
                    throw new LedgerUnavailable(Problems.PROJECTION_BEHIND, "projection " + group
                            + " has not reached position " + position.getAsLong() + " within " + MAX_WAIT);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new LedgerUnavailable(Problems.PROJECTION_BEHIND, "interrupted while waiting");
                }
            }
        }
    }
}
