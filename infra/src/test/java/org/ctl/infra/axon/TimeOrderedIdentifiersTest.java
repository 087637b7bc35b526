package org.ctl.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/**
 * Axon makes its message identifiers with {@link TimeOrderedIdentifiers}: version-7 UUIDs, unique, whose string
 * (as the event store keeps it) sorts by the millisecond it was made in.
 */
class TimeOrderedIdentifiersTest {

    @Test
    void axonFindsTheFactoryAndEventsCarryItsIdentifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifiers.class);

        String identifier = GenericEventMessage.asEventMessage("payload").getIdentifier();

        assertThat(UUID.fromString(identifier).version()).isEqualTo(7);
    }

    @Test
    void identifiersAreUniqueAndSortByTheMillisecondTheyWereMadeIn() throws Exception {
        IdentifierFactory identifiers = IdentifierFactory.getInstance();
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(identifiers.generateIdentifier());
                    }
                    return mine;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> future : made) {
                List<String> mine = future.get();
                for (int i = 1; i < mine.size(); i++) {
                    assertThat(millisecond(mine.get(i))).as("identifier %d of a thread", i)
                            .isGreaterThanOrEqualTo(millisecond(mine.get(i - 1)));
                }
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdentifierMadeLaterSortsAfterOneMadeEarlier() throws InterruptedException {
        String earlier = IdentifierFactory.getInstance().generateIdentifier();
        Thread.sleep(3);
        String later = IdentifierFactory.getInstance().generateIdentifier();

        assertThat(later).isGreaterThan(earlier);
        assertThat(millisecond(later) - millisecond(earlier)).isBetween(3L, 60_000L);
        assertThat(UUID.fromString(later).toString()).isEqualTo(later);
    }

    /** The milliseconds since the epoch a version-7 identifier starts with (its first 48 bits). */
    private static long millisecond(String identifier) {
        return UUID.fromString(identifier).getMostSignificantBits() >>> 16;
    }
}
