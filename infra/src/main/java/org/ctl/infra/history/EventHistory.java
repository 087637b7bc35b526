package org.ctl.infra.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.domain.history.LedgerHistory;
import org.ctl.domain.history.RecordedEvent;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.shared.TokenId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the ledger's history from the event store itself, never from a projection, and folds it into a fresh
 * {@link LedgerHistory}: one series with the two price feeds that price it (through Axon's
 * {@link EventStore#readEvents(String, long)}, from the first event, never from a snapshot), or the whole ledger
 * in the order of the global stream (through the {@link EventStorageEngine}'s tracked stream).
 */
@Component
public class EventHistory {

    private final EventStore eventStore;
    private final EventStorageEngine storageEngine;
    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    public EventHistory(EventStore eventStore, EventStorageEngine storageEngine, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
        this.jdbc = jdbc;
    }

    /** The global index of the newest stored event; -1 for an empty store. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /**
     * Refuses a moment the ledger has not reached: an instant after now or a global sequence above the head. Its
     * answer could still change, and an answer "as of" a moment must not.
     *
     * @throws HistoryReadRejected {@link HistoryReadRejected#AS_OF_IN_FUTURE}
     */
    public void requirePast(AsOf asOf) {
        if (asOf instanceof AsOf.AtInstant at && at.instant().isAfter(clock.instant())) {
            throw new HistoryReadRejected(HistoryReadRejected.AS_OF_IN_FUTURE, "asOf " + at
                    + " is in the future: ask for a moment up to now");
        }
        if (asOf instanceof AsOf.AtPosition at) {
            long head = head();
            if (at.position() > head) {
                throw new HistoryReadRejected(HistoryReadRejected.AS_OF_IN_FUTURE, "asOf " + at
                        + " is beyond the newest event, at global sequence " + head);
            }
        }
    }

    /**
     * One series as of {@code asOf}, with the latest prices of its compute unit and its collateral unit up to
     * then; the returned history holds no other series.
     */
    public LedgerHistory seriesAsOf(TokenId tokenId, AsOf asOf) {
        List<RecordedEvent> events = new ArrayList<>(streamOf(tokenId.value()));
        if (!events.isEmpty() && events.get(0).payload() instanceof TokenIssued issued) {
            events.addAll(streamOf(new PriceFeedId(PriceKind.COMPUTE, issued.computeUnit()).toString()));
            events.addAll(streamOf(new PriceFeedId(PriceKind.COLLATERAL, issued.collateral().unit()).toString()));
        }
        events.sort(Comparator.comparingLong(RecordedEvent::position));
        LedgerHistory history = new LedgerHistory();
        events.stream().filter(asOf::includes).forEach(history::apply);
        return history;
    }

    /** The whole ledger as of {@code asOf}, folded in the order of the global stream. */
    public LedgerHistory ledgerAsOf(AsOf asOf) {
        LedgerHistory history = new LedgerHistory();
        long last = head();
        if (asOf instanceof AsOf.AtPosition at) {
            last = Math.min(last, at.position());
        }
        foldGlobalStream(history, asOf, last);
        return history;
    }

    /** The whole ledger up to the global index {@code last}, every event included. */
    public LedgerHistory ledgerUpTo(long last) {
        LedgerHistory history = new LedgerHistory();
        foldGlobalStream(history, new AsOf.AtPosition(last), last);
        return history;
    }

    private void foldGlobalStream(LedgerHistory history, AsOf asOf, long last) {
        if (last < 0) {
            return;
        }
        try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                TrackedEventMessage<?> message = events.next();
                long position = message.trackingToken().position().orElseThrow(() -> new IllegalStateException(
                        "a stored event without a global position: " + message.getIdentifier()));
                if (position > last) {
                    return;
                }
                if (!(message instanceof DomainEventMessage<?> domainEvent)) {
                    throw new IllegalStateException("an event without a stream in the event store: "
                            + message.getIdentifier());
                }
                RecordedEvent event = new RecordedEvent(position, domainEvent.getAggregateIdentifier(),
                        domainEvent.getSequenceNumber(), message.getTimestamp(), message.getPayload());
                if (asOf.includes(event)) {
                    history.apply(event);
                }
            }
        }
    }

    /** Every event of one stream, from the first, each with its global index. */
    private List<RecordedEvent> streamOf(String aggregateId) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            messages.add(stream.next());
        }
        if (messages.isEmpty()) {
            return List.of();
        }
        // Read after the events: the store only appends, so every event read above has its row here.
        Map<Long, Long> positions = new HashMap<>();
        jdbc.query("SELECT sequence_number, global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                row -> {
                    positions.put(row.getLong(1), row.getLong(2));
                }, aggregateId);
        List<RecordedEvent> events = new ArrayList<>(messages.size());
        for (DomainEventMessage<?> message : messages) {
            Long position = positions.get(message.getSequenceNumber());
            if (position == null) {
                throw new IllegalStateException("event " + aggregateId + "#" + message.getSequenceNumber()
                        + " has no row in the event table");
            }
            events.add(new RecordedEvent(position, aggregateId, message.getSequenceNumber(), message.getTimestamp(),
                    message.getPayload()));
        }
        return events;
    }
}
