package org.ctl.domain.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored event as the history reads it back: where it stands in the global event stream and in its own
 * stream, when it happened, and its payload (a domain event record).
 *
 * @param position   the event's global index in the event store
 * @param stream     the aggregate the event belongs to: a series id, or a price feed's id
 * @param sequence   the event's sequence number in its own stream, from zero
 * @param occurredAt the event's timestamp
 * @param payload    the domain event
 */
public record RecordedEvent(long position, String stream, long sequence, Instant occurredAt, Object payload) {

    public RecordedEvent {
        Objects.requireNonNull(stream, "an event belongs to a stream");
        Objects.requireNonNull(occurredAt, "an event has a timestamp");
        Objects.requireNonNull(payload, "an event has a payload");
    }
}
