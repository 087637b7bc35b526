package org.ctl.infra.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.projection.ProjectionReplay;
import org.ctl.infra.support.RunningLedger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not part of {@code mvn verify} (its name matches no surefire include): run it on purpose with
 * {@code mvn -o verify -pl infra -am -Dtest=ReplayBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dctl.benchmark.events=N} for another size). It writes a history of transfers through the command
 * gateway, then replays all three projections through {@link ProjectionReplay} and prints the events per second,
 * and the time of a full verification and of a portfolio read as of the head.
 */
class ReplayBenchmark {

    private static final int SERIES = 64;

    @Test
    void replaysAHistoryOfAHundredThousandEvents() throws Exception {
        int events = Integer.getInteger("ctl.benchmark.events", 100_000);
        Path data = Files.createTempDirectory("ctl-replay-benchmark");
        try (RunningLedger ledger = RunningLedger.start(data)) {
            long written = System.nanoTime();
            write(ledger, events);
            double writeSeconds = (System.nanoTime() - written) / 1e9;
            JdbcTemplate jdbc = ledger.bean(JdbcTemplate.class);
            long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
            ProjectionReplay replay = ledger.bean(ProjectionReplay.class);
            ProjectionProgress progress = ledger.bean(ProjectionProgress.class);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> replay.groups().stream().allMatch(group -> progress.position(group) >= head));

            long started = System.nanoTime();
            replay.replayAll();
            double resetSeconds = (System.nanoTime() - started) / 1e9;
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> replay.groups().stream().noneMatch(replay::isReplaying));
            double replaySeconds = (System.nanoTime() - started) / 1e9;

            long verifying = System.nanoTime();
            VerificationReport report = ledger.bean(LedgerVerification.class).verify();
            double verifySeconds = (System.nanoTime() - verifying) / 1e9;
            assertThat(report.passed()).as("%s", report.differences()).isTrue();

            long asOf = System.nanoTime();
            ledger.bean(EventHistory.class).ledgerAsOf(new AsOf.AtPosition(head))
                    .portfolio(org.ctl.domain.shared.HolderId.of("h1"), org.ctl.domain.shared.Page.FIRST);
            double asOfSeconds = (System.nanoTime() - asOf) / 1e9;

            System.out.printf("""
                    ReplayBenchmark: %,d events written in %.1f s (%,.0f events/s, appended in batches of 1,000)
                    ReplayBenchmark: replay of all 3 projections (series, balances, provenance) in %.1f s, of which %.1f s \
                    the resets (emptying the tables): %,.0f events/s of the store (%,.0f handled events/s over the 3 \
                    projections)
                    ReplayBenchmark: verification of %,d events in %.1f s (%,.0f events/s); portfolio as of the head \
                    in %.1f s
                    """, head + 1, writeSeconds, (head + 1) / writeSeconds, replaySeconds, resetSeconds,
                    (head + 1) / replaySeconds, 3 * (head + 1) / replaySeconds, report.eventsChecked(),
                    verifySeconds, report.eventsChecked() / verifySeconds, asOfSeconds);
        }
    }

    /**
     * 64 series issued and verified through the command gateway, then one-unit transfers round a ring of holders,
     * appended through Axon's {@link EventStore} in batches of 1,000 (serialized as every event is, but not one
     * command each: the write path is the benchmark issue's; this one measures the replay). The history is lawful,
     * so that the verification passes.
     */
    private static void write(RunningLedger ledger, int events) {
        for (int s = 0; s < SERIES; s++) {
            ledger.send("issuer", issue("B" + s, 1_000_000, "C-B" + s, GovernancePolicy.HYBRID));
            ledger.send("oracle", verify("B" + s));
        }
        EventStore store = ledger.bean(EventStore.class);
        int transfers = events - 2 * SERIES;
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < transfers; i++) {
            int series = i % SERIES;
            int round = i / SERIES;
            String from = round == 0 ? "issuer" : "h" + ((round - 1) % 8);
            String to = "h" + (round % 8);
            UnitsTransferred transferred = new UnitsTransferred(TokenId.of("B" + series), CommandId.of("x" + i),
                    HolderId.of(from), HolderId.of(to), Units.of(1));
            batch.add(new GenericDomainEventMessage<>("TokenSeries", "B" + series, 2L + round, transferred,
                    MetaData.with(ActingPrincipal.METADATA_KEY, from)));
            if (batch.size() == 1_000 || i == transfers - 1) {
                store.publish(batch);
                batch.clear();
            }
        }
    }
}
