package org.ctl.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The projections' source calls a stream's reader back once events are committed (never before), lets it find them,
 * wakes it at most once per interval under a burst of commits, and forgets a closed stream.
 */
class CommitWakingEventSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private CommitWakingEventSource source;

    @AfterEach
    void tearDown() {
        source.close();
        store.shutDown();
    }

    @Test
    void aReaderIsCalledBackAfterTheCommitThatAppendedEventsAndThenFindsThem() {
        source = new CommitWakingEventSource(store, Duration.ofHours(1), Duration.ZERO);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger wakes = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(wakes::incrementAndGet)).isTrue();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("first"));
        assertThat(wakes).as("not before the commit").hasValue(0);
        unitOfWork.commit();

        assertThat(wakes).hasValue(1);
        assertThat(stream.hasNextAvailable()).isTrue();
        stream.close();
    }

    @Test
    void aBurstOfCommitsWakesAReaderOnceNowAndOnceWhenTheIntervalHasPassed() {
        source = new CommitWakingEventSource(store, Duration.ofHours(1), Duration.ofSeconds(2));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger wakes = new AtomicInteger();
        stream.setOnAvailableCallback(wakes::incrementAndGet);

        for (int commit = 0; commit < 5; commit++) {
            store.publish(GenericEventMessage.asEventMessage("event " + commit));
        }
        assertThat(wakes).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() == 2);
        stream.close();
    }

    @Test
    void aClosedStreamIsNoLongerCalledBackButReadersAreAskedToLookEveryTick() {
        source = new CommitWakingEventSource(store, Duration.ofMillis(50), Duration.ZERO);
        BlockingStream<TrackedEventMessage<?>> closed = source.openStream(null);
        AtomicInteger closedWakes = new AtomicInteger();
        closed.setOnAvailableCallback(closedWakes::incrementAndGet);
        closed.close();
        BlockingStream<TrackedEventMessage<?>> open = source.openStream(null);
        AtomicInteger looks = new AtomicInteger();
        open.setOnAvailableCallback(looks::incrementAndGet);

        await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() >= 3);
        store.publish(GenericEventMessage.asEventMessage("after close"));
        assertThat(closedWakes).hasValue(0);
        open.close();
    }
}
