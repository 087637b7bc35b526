package org.ctl.query.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/** The series a batch's events belong to, read off their messages without deserializing a payload. */
public final class SeriesEvents {

    private SeriesEvents() {
    }

    /**
     * The aggregate identifiers (a series' id is its aggregate's) of the batch's events whose payload is one of
     * {@code types}, in order of first appearance.
     */
    public static Set<String> seriesOf(List<? extends EventMessage<?>> batch, Set<Class<?>> types) {
        return lowestSequences(batch, types).keySet();
    }

    /**
     * The lowest sequence number in the batch of each series (aggregate identifier) whose events of {@code types}
     * it holds, in order of first appearance.
     */
    public static Map<String, Long> lowestSequences(List<? extends EventMessage<?>> batch, Set<Class<?>> types) {
        Map<String, Long> lowest = new LinkedHashMap<>();
        for (EventMessage<?> message : batch) {
            if (message instanceof DomainEventMessage<?> domainEvent && types.contains(message.getPayloadType())) {
                lowest.merge(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(), Math::min);
            }
        }
        return lowest;
    }
}
