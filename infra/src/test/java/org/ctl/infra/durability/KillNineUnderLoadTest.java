package org.ctl.infra.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctl.infra.support.Commands.burn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.durability.ConcurrentLoadDriver.Sent;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.http.Projections;
import org.ctl.infra.support.RunningLedger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@code kill -9} in the middle of a concurrent load loses nothing that was acknowledged and tears nothing
 * apart. The ledger runs as its own process ({@link ConcurrentLoadDriver}): eight threads send transfers,
 * pledges, releases, seizures and burns across three series and eight holders, each command with its own id;
 * the process is killed with SIGKILL after a number of acknowledgements, with commands in flight. The ledger
 * restarted on the same file then holds:
 * <ul>
 *   <li>the one event of every acknowledged command, exactly once;</li>
 *   <li>the event of a command in flight at the kill wholly or not at all (at most once), and no event of a
 *       refused command or of a command never sent;</li>
 *   <li>every invariant at every event of every series: no negative balance, each holder's pledged units the
 *       sum of its open pledges, outstanding supply = Σ (available + pledged), issued = outstanding + burned;</li>
 *   <li>projections that, once caught up across the crash, show the folded balances and supply and equal a
 *       rebuild from the events (Axon's reset and replay, as in {@code ProjectionRebuildTest});</li>
 *   <li>aggregates that know every balance exactly, and that take the commands in flight at the kill, sent
 *       again as a client would, as repeats or as new, so that each is then stored exactly once.</li>
 * </ul>
 * Each kill point prints its figures (acknowledged, in flight, lost, present unacknowledged) to stdout.
 */
class KillNineUnderLoadTest {

    private static final Map<String, List<String>> TABLES_BY_PROJECTION = Map.of(
            Projections.SERIES, List.of("series_summary", "market_price"),
            Projections.BALANCES, List.of("balance_series", "holding"),
            Projections.PROVENANCE, List.of("provenance_entry", "provenance_party"));
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    @TempDir
    Path temporaryDirectory;

    @ParameterizedTest(name = "killed after {0} acknowledgements under load")
    @ValueSource(ints = {500, 2_000, 5_000})
    void losesNoAcknowledgedCommandAndBreaksNoInvariant(int acknowledgementsBeforeKill) throws Exception {
        long started = System.nanoTime();
        Path dataDirectory = temporaryDirectory.resolve("killed-after-" + acknowledgementsBeforeKill);
        Transcript transcript = new Transcript(acknowledgementsBeforeKill);
        // C1 only and the serial collector: the same code, started with less than half the CPU time (the C2
        // compiler and G1's threads cost more than they save in a process that lives for seconds).
        Process ledgerProcess = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ConcurrentLoadDriver.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> transcript.read(ledgerProcess.getInputStream()), "load-transcript");
        reader.start();
        try {
            transcript.killPoint.get(240, TimeUnit.SECONDS);
        } finally {
            ledgerProcess.destroyForcibly();  // SIGKILL: no shutdown hook, no flush, no clean close
            ledgerProcess.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);  // what the process printed before it died is still read
        }
        long killed = System.nanoTime();
        assertThat(reader.isAlive()).as("the transcript is read to its end").isFalse();
        assertThat(transcript.failed).as("no command failed other than by a rule").isEmpty();
        assertThat(transcript.loadAcknowledged).isGreaterThanOrEqualTo(acknowledgementsBeforeKill);
        Map<String, Sent> inFlight = transcript.inFlight();
        assertThat(inFlight.size()).as("at most one command in flight per thread")
                .isLessThanOrEqualTo(ConcurrentLoadDriver.THREADS);
        Files.deleteIfExists(dataDirectory.resolve("ledger.lock.db"));

        Laps laps = new Laps(killed);
        // The killed process still holds the projections' token claims; Axon lets another owner take them over
        // once they are older than its claim timeout (10 s by default). 1 s here only to keep the test short.
        try (RunningLedger ledger = RunningLedger.start(dataDirectory, "logging.level.root=WARN",
                "axon.eventhandling.tokenstore.claim-timeout=1s")) {
            laps.lap("restart");
            Map<String, Integer> stored = new HashMap<>();
            Map<String, SeriesFold> folds = foldEverySeries(ledger, stored);
            laps.lap("fold");
            int events = folds.values().stream().mapToInt(fold -> fold.events).sum();

            List<String> lostAcknowledged = transcript.acknowledged.stream()
                    .filter(key -> !stored.containsKey(key)).toList();
            List<String> presentUnacknowledged = inFlight.keySet().stream().filter(stored::containsKey).toList();
            System.out.printf("KILL -9 UNDER LOAD, killed after %,d acknowledgements: %,d commands sent, "
                            + "%,d acknowledged, %,d refused, %d in flight at the kill, %d lost acknowledged, "
                            + "%d present unacknowledged (of the %d in flight), %,d events stored; "
                            + "load %.1f s (%.0f acknowledgements/s)%n",
                    acknowledgementsBeforeKill, transcript.sent.size(), transcript.acknowledged.size(),
                    transcript.refused.size(), inFlight.size(), lostAcknowledged.size(),
                    presentUnacknowledged.size(), inFlight.size(), events,
                    seconds(transcript.readyAt, killed),
                    transcript.loadAcknowledged / seconds(transcript.readyAt, killed));

            assertThat(lostAcknowledged).as("acknowledged commands missing after the kill").isEmpty();
            assertThat(stored).as("every command is stored at most once").allSatisfy((key, count) ->
                    assertThat(count).as(key).isEqualTo(1));
            assertThat(stored.keySet()).as("every stored command was sent").isSubsetOf(transcript.sent.keySet());
            assertThat(transcript.refused.keySet()).as("no refused command is stored")
                    .doesNotContainAnyElementsOf(stored.keySet());
            assertThat(ledger.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM domain_event_entry",
                    Integer.class)).as("no event outside the three series").isEqualTo(events);

            projectionsCaughtUpShowTheFoldAndEqualARebuild(ledger, folds, laps);
            aggregatesKnowEveryBalanceAndTakeTheCommandsInFlightAgain(ledger, inFlight);
            laps.lap("aggregates");
        }
        laps.lap("stop");
        System.out.printf("KILL -9 UNDER LOAD, killed after %,d acknowledgements: ledger process ready in %.1f s, "
                        + "killed, then checked in %.1f s (%s); the whole kill point took %.1f s%n",
                acknowledgementsBeforeKill, seconds(started, transcript.readyAt), seconds(killed, System.nanoTime()),
                laps, seconds(started, System.nanoTime()));
    }

    /** Folds every series from its first event, checking every invariant at every event; counts commands stored. */
    private static Map<String, SeriesFold> foldEverySeries(RunningLedger ledger, Map<String, Integer> stored) {
        Map<String, SeriesFold> folds = new TreeMap<>();
        for (String series : ConcurrentLoadDriver.SERIES) {
            SeriesFold fold = new SeriesFold(series);
            for (DomainEventMessage<?> event : ledger.events(series)) {
                fold.apply(event.getSequenceNumber(), event.getPayload());
                String key = commandKey(event.getPayload());
                if (key != null) {
                    stored.merge(key, 1, Integer::sum);
                }
            }
            assertThat(fold.events).as("series %s was issued and verified", series).isGreaterThanOrEqualTo(2);
            folds.put(series, fold);
        }
        return folds;
    }

    /** The kind and id of the command an event records, as {@link Sent#key()} names it. */
    private static String commandKey(Object payload) {
        if (payload instanceof UnitsTransferred transferred) {
            return Sent.key("transfer", transferred.transferId().value());
        } else if (payload instanceof UnitsPledged pledged) {
            return Sent.key("pledge", pledged.pledgeId().value());
        } else if (payload instanceof PledgeReleased released) {
            return Sent.key("release", released.pledgeId().value());
        } else if (payload instanceof PledgeSeized seized) {
            return Sent.key("seize", seized.pledgeId().value());
        } else if (payload instanceof UnitsBurned burned) {
            return Sent.key("burn", burned.burnId().value());
        }
        return null;
    }

    private static void projectionsCaughtUpShowTheFoldAndEqualARebuild(RunningLedger ledger,
                                                                     Map<String, SeriesFold> folds, Laps laps) {
        JdbcTemplate jdbc = ledger.bean(JdbcTemplate.class);
        long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        awaitAllAt(ledger, head);
        laps.lap("catch-up");
        Map<String, List<Map<String, Object>>> live = dumpReadModels(jdbc);

        Map<String, String> projectedHoldings = new TreeMap<>();
        live.get("holding").forEach(row -> projectedHoldings.put(row.get("token_id") + "/" + row.get("holder_id"),
                row.get("available") + "+" + row.get("pledged")));
        Map<String, String> foldedHoldings = new TreeMap<>();
        folds.values().forEach(fold -> fold.holdings.forEach((holder, units) -> {
            if (units[0] + units[1] > 0) {
                foldedHoldings.put(fold.tokenId + "/" + holder, units[0] + "+" + units[1]);
            }
        }));
        assertThat(projectedHoldings).as("the balances projection after the crash").isEqualTo(foldedHoldings);
        Map<String, String> projectedSupply = new TreeMap<>();
        live.get("series_summary").forEach(row -> projectedSupply.put((String) row.get("token_id"),
                row.get("status") + " " + row.get("issued") + "=" + row.get("outstanding") + "+" + row.get("burned")));
        Map<String, String> foldedSupply = new TreeMap<>();
        folds.values().forEach(fold -> foldedSupply.put(fold.tokenId,
                "ACTIVE " + fold.issued + "=" + fold.outstanding + "+" + fold.burned));
        assertThat(projectedSupply).as("the series projection after the crash").isEqualTo(foldedSupply);

        EventProcessingConfiguration processing = ledger.bean(EventProcessingConfiguration.class);
        for (String group : TABLES_BY_PROJECTION.keySet()) {
            StreamingEventProcessor processor = processing
                    .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            for (String table : TABLES_BY_PROJECTION.get(group)) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class))
                        .as("%s is emptied by the reset, so what follows is a rebuild from the events", table).isZero();
            }
            processor.start();
        }
        awaitAllAt(ledger, head);
        laps.lap("rebuild");
        assertThat(dumpReadModels(jdbc)).as("the projections after the crash equal a rebuild").isEqualTo(live);
    }

    /**
     * The restarted aggregates (loaded from a snapshot taken before the kill, and the events after it) take the
     * commands in flight at the kill again, as a client that got no answer sends them again: a stored one as a
     * repeat, a lost one as new; then every command is stored exactly once. And they know each balance exactly:
     * one unit more than the fold says is available is refused, exactly that much is accepted.
     */
    private static void aggregatesKnowEveryBalanceAndTakeTheCommandsInFlightAgain(RunningLedger ledger,
                                                                                Map<String, Sent> inFlight) {
        for (Sent command : inFlight.values()) {
            if (command.mustBeRefused()) {
                assertThat(ledger.refusal(command.principal(), command.command())).as(command.toString())
                        .isEqualTo(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            } else {
                ledger.send(command.principal(), command.command());
            }
        }
        Map<String, Integer> stored = new HashMap<>();
        Map<String, SeriesFold> folds = foldEverySeries(ledger, stored);
        assertThat(stored).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        inFlight.values().forEach(command -> assertThat(stored.containsKey(command.key()))
                .as("%s is stored after it was sent again", command).isEqualTo(!command.mustBeRefused()));

        for (SeriesFold fold : folds.values()) {
            fold.holdings.forEach((holder, units) -> {
                long available = units[0];
                assertThat(ledger.refusal(holder, burn(fold.tokenId, "after-over-" + holder, holder, available + 1)))
                        .as("%s of %s", holder, fold.tokenId).isEqualTo(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
                if (available > 0) {
                    ledger.send(holder, burn(fold.tokenId, "after-all-" + holder, holder, available));
                }
            });
        }
    }

    private static void awaitAllAt(RunningLedger ledger, long head) {
        ProjectionProgress progress = ledger.bean(ProjectionProgress.class);
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(50)).until(() -> TABLES_BY_PROJECTION.keySet()
                .stream().allMatch(group -> progress.position(group) >= head));
    }

    private static Map<String, List<Map<String, Object>>> dumpReadModels(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
        TABLES_BY_PROJECTION.values().stream().flatMap(List::stream).sorted().forEach(table ->
                dump.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2")));
        return dump;
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Durations of the phases of a check, for the figures. */
    private static final class Laps {

        private final StringBuilder laps = new StringBuilder();
        private long last;

        Laps(long start) {
            last = start;
        }

        private long lastCpu = cpu();

        static long cpu() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        void lap(String phase) {
            long now = System.nanoTime();
            long nowCpu = cpu();
            laps.append(laps.length() == 0 ? "" : ", ").append(String.format("%s %.1f s [cpu %.1f]", phase,
                    seconds(last, now), seconds(lastCpu, nowCpu)));
            last = now;
            lastCpu = nowCpu;
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    /** What the driver printed: every command sent, and the outcome of those that got one before the kill. */
    private static final class Transcript {

        final int acknowledgementsBeforeKill;
        final CompletableFuture<Void> killPoint = new CompletableFuture<>();
        final Map<String, Sent> sent = new LinkedHashMap<>();
        final Set<String> acknowledged = new LinkedHashSet<>();
        final Map<String, String> refused = new LinkedHashMap<>();
        final List<String> failed = new ArrayList<>();
        final StringBuilder otherOutput = new StringBuilder();
        long readyAt;
        int loadAcknowledged;

        Transcript(int acknowledgementsBeforeKill) {
            this.acknowledgementsBeforeKill = acknowledgementsBeforeKill;
        }

        void read(InputStream output) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    take(line);
                }
                killPoint.completeExceptionally(new AssertionError("the ledger process ended before "
                        + acknowledgementsBeforeKill + " acknowledgements:\n" + otherOutput + failed));
            } catch (IOException closed) {
                killPoint.completeExceptionally(closed);
            }
        }

        private void take(String line) {
            String[] fields = line.split(" ");
            if (fields[0].equals("SEND") && fields.length == 7) {
                Sent command = Sent.parse(fields);
                sent.put(command.key(), command);
            } else if (fields[0].equals("ACK") && fields.length == 7) {
                acknowledged.add(Sent.parse(fields).key());
                if (readyAt != 0 && ++loadAcknowledged >= acknowledgementsBeforeKill) {
                    killPoint.complete(null);
                }
            } else if (fields[0].equals("REFUSED") && fields.length == 8) {
                refused.put(Sent.parse(fields).key(), fields[7]);
            } else if (fields[0].equals("FAILED")) {
                failed.add(line);
            } else if (line.equals("READY")) {
                readyAt = System.nanoTime();
            } else if (otherOutput.length() < 20_000) {
                otherOutput.append(line).append('\n');
            }
        }

        /** The commands sent that had no outcome when the process died. */
        Map<String, Sent> inFlight() {
            Map<String, Sent> inFlight = new LinkedHashMap<>(sent);
            inFlight.keySet().removeAll(acknowledged);
            inFlight.keySet().removeAll(refused.keySet());
            return inFlight;
        }
    }

    /** One series folded from its events, every invariant checked after each. */
    private static final class SeriesFold {

        final String tokenId;
        long issued;
        long outstanding;
        long burned;
        int events;
        /** Holder to {available, pledged}. */
        final Map<String, long[]> holdings = new TreeMap<>();
        /** Open pledge id to {pledger, amount}. */
        final Map<String, Object[]> openPledges = new HashMap<>();

        SeriesFold(String tokenId) {
            this.tokenId = tokenId;
        }

        void apply(long sequence, Object payload) {
            String where = tokenId + "#" + sequence + " " + payload;
            assertThat(sequence).as("sequence of %s", where).isEqualTo(events);
            if (payload instanceof TokenIssued issuedEvent) {
                assertThat(events).as(where).isZero();
                issued = issuedEvent.computeRights().value();
                outstanding = issued;
                units(issuedEvent.issuer().value())[0] += issued;
            } else if (payload instanceof IssuanceVerified) {
                assertThat(events).as(where).isEqualTo(1);
            } else if (payload instanceof UnitsTransferred transferred) {
                units(transferred.from().value())[0] -= transferred.amount().value();
                units(transferred.to().value())[0] += transferred.amount().value();
            } else if (payload instanceof UnitsPledged pledged) {
                long[] pledger = units(pledged.pledger().value());
                pledger[0] -= pledged.amount().value();
                pledger[1] += pledged.amount().value();
                assertThat(openPledges.put(pledged.pledgeId().value(),
                        new Object[] {pledged.pledger().value(), pledged.amount().value()})).as(where).isNull();
            } else if (payload instanceof PledgeReleased released) {
                close(where, released.pledgeId().value(), released.pledger().value(), released.amount().value());
                units(released.pledger().value())[0] += released.amount().value();
            } else if (payload instanceof PledgeSeized seized) {
                close(where, seized.pledgeId().value(), seized.pledger().value(), seized.amount().value());
                units(seized.pledgee().value())[0] += seized.amount().value();
            } else if (payload instanceof UnitsBurned burnedEvent) {
                units(burnedEvent.holder().value())[0] -= burnedEvent.amount().value();
                outstanding -= burnedEvent.amount().value();
                burned += burnedEvent.amount().value();
            } else {
                throw new AssertionError("an event the load does not cause: " + where);
            }
            events++;
            checkInvariants(where);
        }

        private void close(String where, String pledgeId, String pledger, long amount) {
            Object[] pledge = openPledges.remove(pledgeId);
            assertThat(pledge).as("an open pledge at %s", where).isNotNull();
            assertThat(pledge).as(where).containsExactly(pledger, amount);
            units(pledger)[1] -= amount;
        }

        private void checkInvariants(String where) {
            Map<String, Long> pledgedByPledger = new HashMap<>();
            openPledges.values().forEach(pledge -> pledgedByPledger.merge((String) pledge[0], (Long) pledge[1],
                    Long::sum));
            long held = 0;
            for (Map.Entry<String, long[]> holding : holdings.entrySet()) {
                long[] units = holding.getValue();
                assertThat(units[0]).as("available of %s after %s", holding.getKey(), where).isNotNegative();
                assertThat(units[1]).as("pledged of %s after %s", holding.getKey(), where)
                        .isEqualTo(pledgedByPledger.getOrDefault(holding.getKey(), 0L));
                held += units[0] + units[1];
            }
            assertThat(outstanding).as("outstanding = Σ (available + pledged) after %s", where).isEqualTo(held);
            assertThat(issued).as("issued = outstanding + burned after %s", where).isEqualTo(outstanding + burned);
        }

        private long[] units(String holder) {
            return holdings.computeIfAbsent(holder, any -> new long[2]);
        }
    }
}
