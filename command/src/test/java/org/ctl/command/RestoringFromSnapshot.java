package org.ctl.command;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;

/**
 * An aggregate factory for {@code AggregateTestFixture.registerAggregateFactory}: when the first event of a
 * stream is a snapshot (its payload is the aggregate), it restores a fresh copy through the storage serializer
 * on every load, as a stored snapshot would be; otherwise it builds the aggregate from its events.
 */
public final class RestoringFromSnapshot<T> implements AggregateFactory<T> {

    private final Class<T> aggregateType;
    private final AggregateFactory<T> fromEvents;

    public RestoringFromSnapshot(Class<T> aggregateType) {
        this.aggregateType = aggregateType;
        this.fromEvents = new GenericAggregateFactory<>(aggregateType);
    }

    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        if (aggregateType.isInstance(firstEvent.getPayload())) {
            return StorageSerializer.roundTrip(aggregateType.cast(firstEvent.getPayload()));
        }
        return fromEvents.createAggregateRoot(aggregateIdentifier, firstEvent);
    }

    @Override
    public Class<T> getAggregateType() {
        return aggregateType;
    }
}
