package org.ctl.infra.http;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: where an accepted command's last event stands in the global event stream, and a bounded
 * wait until named projections have processed the stream that far (through their processors' own tokens).
 */
@Component
public class ProjectionProgress {

    /** The longest a read waits for its projections. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public ProjectionProgress(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
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

    /** How far the slowest segment of a projection's processor has got; -1 before its first event. */
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
            while (position(group) < position.getAsLong()) {
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
