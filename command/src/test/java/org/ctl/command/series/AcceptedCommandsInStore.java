package org.ctl.command.series;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.shared.TokenId;

/**
 * The accepted-command log of the tests: derived from the series' stream in the test's event store on every
 * question, with {@link AcceptedCommand#acceptedBy} as the ledger's table is, so that it always holds every
 * command the series accepted.
 */
public final class AcceptedCommandsInStore implements AcceptedCommandLog {

    private final Supplier<EventStore> eventStore;

    public AcceptedCommandsInStore(Supplier<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<AcceptedCommand> find(TokenId series, String key) {
        Map<String, AcceptedCommand> accepted = new LinkedHashMap<>();
        eventStore.get().readEvents(series.value()).asStream().forEach(event -> record(event, accepted));
        return Optional.ofNullable(accepted.get(key));
    }

    private static void record(DomainEventMessage<?> event, Map<String, AcceptedCommand> accepted) {
        AcceptedCommand.acceptedBy(event.getPayload(), event.getSequenceNumber())
                .ifPresent(command -> accepted.put(command.key(), command));
        if (event.getPayload() instanceof SeriesWoundUp woundUp) {
            accepted.computeIfPresent(AcceptedCommand.flagKey(woundUp.flagId()),
                    (key, flag) -> flag.endingAt(event.getSequenceNumber()));
        }
    }
}
