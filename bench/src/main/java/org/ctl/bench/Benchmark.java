package org.ctl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.ctl.bench.peer.DefaultAxonPeer;
import org.ctl.domain.shared.CommandReceipt;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger against its storage limit and against out-of-the-box Axon, on H2 and (where one answers) on the
 * local PostgreSQL. Prints a table and writes {@code target/bench/results.json}, one object per storage.
 *
 * <p>Usage: {@code java -jar bench/target/ctl-bench-0.1.0-SNAPSHOT.jar [--quick] [--h2-only | --postgresql-only]
 * [--ledger-property=name=value]... [--skip=spread,replay,peer,three] [--fixture-events=N]}. Each {@code --ledger-property} is handed to the ledger as a command-line
 * property (a lever to compare side by side: {@code ctl.storage.snapshot-threshold=1000}, say); the results name
 * them.
 */
public final class Benchmark {

    static final int CLIENT_THREADS = 8;
    static final Path RESULTS = Path.of("target", "bench", "results.json");
    static final String LEDGER_PROPERTY = "--ledger-property=";

    private Benchmark() {
    }

    public static void main(String[] args) {
        try {
            run(Arrays.asList(args));
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            // The contexts' non-daemon threads would keep a failed run alive.
            System.exit(1);
        }
    }

    static void run(List<String> options) throws Exception {
        Sizes sizes = options.contains("--quick") ? Sizes.quick() : Sizes.full();
        for (String option : options) {
            if (option.startsWith("--fixture-events=")) {
                sizes = sizes.withFixtureEvents(Long.parseLong(option.substring("--fixture-events=".length())));
            }
        }
        long began = System.nanoTime();
        log("benchmark (" + sizes.mode() + "), " + Runtime.getRuntime().availableProcessors() + " cores, load "
                + loadAverage());

        List<String> unavailable = new ArrayList<>();
        List<Storage> storages = new ArrayList<>();
        if (!options.contains("--postgresql-only")) {
            storages.add(Storage.h2());
        }
        if (!options.contains("--h2-only")) {
            Storage postgres = Storage.postgres(unavailable);
            if (postgres != null) {
                storages.add(postgres);
            }
        }
        unavailable.forEach(reason -> log("not measured: " + reason));
        List<Map<String, Object>> results = new ArrayList<>();

        Set<String> skip = options.stream().filter(option -> option.startsWith("--skip="))
                .flatMap(option -> Arrays.stream(option.substring("--skip=".length()).split(",")))
                .collect(Collectors.toSet());
        List<String> ledgerProperties = options.stream().filter(option -> option.startsWith(LEDGER_PROPERTY))
                .map(option -> option.substring(LEDGER_PROPERTY.length())).toList();
        for (Storage storage : storages) {
            Map<String, Object> result = new LinkedHashMap<>();
            results.add(result);
            try {
                measure(storage, sizes, ledgerProperties, skip, result, () -> write(results));
                measureThreeNodes(storage, sizes, ledgerProperties, skip, result, unavailable);
                result.put("complete", true);
            } finally {
                result.put("ledgerFileMegabytesAtEnd", storage.ledgerFileMegabytes());
                storage.dropSchemas();
                write(results);
            }
        }
        if (!unavailable.isEmpty()) {
            Map<String, Object> postgres = new LinkedHashMap<>();
            postgres.put("storage", "postgresql");
            postgres.put("measured", false);
            postgres.put("unavailable", String.join("; ", unavailable));
            results.add(postgres);
            write(results);
        }
        System.out.println();
        System.out.println(ResultsTable.render(results));
        unavailable.forEach(reason -> System.out.println("not measured: " + reason));
        log("wrote " + RESULTS.toAbsolutePath() + " in " + Math.round((System.nanoTime() - began) / 1e9) + " s");
    }

    /**
     * Measures one storage into {@code result}; {@code checkpoint} is called after each figure, so that a long run
     * stopped half-way leaves what it measured in the results file (marked {@code "complete": false}).
     */
    static void measure(Storage storage, Sizes sizes, List<String> ledgerProperties, Set<String> skip,
                        Map<String, Object> result, Runnable checkpoint) {
        String name = storage.name();
        result.put("storage", name);
        result.put("nodes", 1);
        result.put("mode", sizes.mode());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("loadAverageAtStart", loadAverage());
        result.put("ledgerProperties", ledgerProperties);
        result.put("complete", false);

        try (LedgerUnderTest ledger = LedgerUnderTest.start(storage,
                ledgerProperties.stream().map(property -> "--" + property).toList())) {
            ProjectionWatch watch = new ProjectionWatch(ledger);
            HotSeries.setUp(ledger);
            watch.awaitCaughtUp(60_000);

            // (3) the storage limit, on the idle ledger's own data source
            RawAppends raw = new RawAppends(ledger.bean(DataSource.class), storage.rawTableDdl());
            result.put("rawAppendRowBytes", raw.template().bytes());
            List<Load.Result> rawSingle = new ArrayList<>();
            List<Load.Result> rawMulti = new ArrayList<>();
            for (int round = 0; round < sizes.rounds(); round++) {
                rawSingle.add(raw.run("single" + round, 1, Duration.ofSeconds(1), sizes.rawMeasured()));
                rawMulti.add(raw.run("multi" + round, CLIENT_THREADS, Duration.ofSeconds(1), sizes.rawMeasured()));
                log(name + " raw appends round " + round + ": 1 thread " + rate(rawSingle.get(round)) + "/s, "
                        + CLIENT_THREADS + " threads " + rate(rawMulti.get(round)) + "/s");
            }
            double rawSingleRate = medianRate(rawSingle);
            double rawMultiRate = medianRate(rawMulti);
            double rawBest = Math.max(rawSingleRate, rawMultiRate);
            result.put("rawAppendsSingleThreadPerSecond", round(rawSingleRate));
            result.put("rawAppendsMultiThreadPerSecond", round(rawMultiRate));
            result.put("rawAppendsPerSecond", round(rawBest));
            checkpoint.run();

            // (1) hot series at full speed, with the projections' backlog sampled meanwhile
            List<Load.Result> hot = new ArrayList<>();
            List<ProjectionWatch.Backlog> backlogs = new ArrayList<>();
            if (!sizes.jitWarmUp().isZero()) {
                Load.Result warmUp = Load.run(CLIENT_THREADS, sizes.jitWarmUp(), Duration.ofSeconds(1),
                        (thread, call) -> HotSeries.transfer(ledger, "jit", thread, call));
                watch.awaitCaughtUp(600_000);
                log(name + " hot warm-up of " + sizes.jitWarmUp().toSeconds() + " s done: " + describe(warmUp));
            }
            // CPU of the whole process (ledger and clients) per transfer, until the projections caught up: steadier
            // than throughput on a shared machine, where other processes take cores but not this process' CPU time.
            List<Double> hotCpu = new ArrayList<>();
            List<Double> hotGroups = new ArrayList<>();
            for (int round = 0; round < sizes.rounds(); round++) {
                String label = "hot" + round;
                Load.Result[] measured = new Load.Result[1];
                long cpuBefore = processCpuNanos();
                long headBefore = watch.head();
                CommandsPerCommit groupsBefore = CommandsPerCommit.now(ledger);
                backlogs.add(watch.sampleWhile(() -> measured[0] = Load.run(CLIENT_THREADS, sizes.warmUp(),
                        sizes.measured(), (thread, call) -> HotSeries.transfer(ledger, label, thread, call))));
                hot.add(measured[0]);
                hotCpu.add((processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, watch.head() - headBefore));
                hotGroups.add(CommandsPerCommit.now(ledger).since(groupsBefore));
                log(name + " hot round " + round + ": " + describe(measured[0]) + "; CPU "
                        + round(hotCpu.get(round), 3) + " ms per transfer, " + round(hotGroups.get(round), 2)
                        + " per commit; projections' backlog max "
                        + backlogs.get(round).maxEvents() + " events, caught up " + backlogs.get(round).catchUpMillis()
                        + " ms after the load stopped" + h2Figures(name, ledger));
            }
            double hotRate = medianRate(hot);
            result.put("hotTransfersPerSecond", round(hotRate));
            result.put("hotP50Millis", median(hot.stream().map(r -> r.latencies().millisAt(50)).toList()));
            result.put("hotP99Millis", median(hot.stream().map(r -> r.latencies().millisAt(99)).toList()));
            result.put("hotFailures", hot.stream().mapToLong(Load.Result::failed).sum());
            result.put("hotRoundsPerSecond", hot.stream().map(r -> round(r.perSecond())).toList());
            result.put("hotCpuMillisPerTransfer", round(median(hotCpu), 3));
            result.put("hotRoundsCpuMillisPerTransfer", hotCpu.stream().map(cpu -> round(cpu, 3)).toList());
            result.put("hotCommandsPerCommit", round(median(hotGroups), 2));
            result.put("h2StoreAfterHot", H2StoreFigures.read(name, ledger.bean(DataSource.class)));
            result.put("ratioToRawAppend", ratio(hotRate, rawBest));
            // What loading the hot series costs after its many transfers: its largest stored snapshot.
            result.put("largestSnapshotKilobytes", round(new JdbcTemplate(ledger.bean(DataSource.class))
                    .queryForObject("SELECT MAX(OCTET_LENGTH(payload)) FROM snapshot_event_entry", Long.class)
                    / 1024.0));
            checkpoint.run();

            // (5) projections: keeping up at full speed, and lag at half of it
            long worstCatchUp = backlogs.stream().mapToLong(ProjectionWatch.Backlog::catchUpMillis).max().orElse(0);
            result.put("projectionsKeepUp", worstCatchUp <= 1_000);
            result.put("projectionMaxBacklogEventsAtFullSpeed",
                    backlogs.stream().mapToLong(ProjectionWatch.Backlog::maxEvents).max().orElse(0));
            result.put("projectionCatchUpMillisAfterFullSpeed", worstCatchUp);
            double halfRate = hotRate / 2;
            Load.Result paced;
            Latencies lag;
            try (ProjectionWatch.Lag lagWatch = watch.new Lag()) {
                paced = Load.run(CLIENT_THREADS, Duration.ZERO, sizes.lagMeasured(), halfRate, (thread, call) -> {
                    CommandReceipt receipt = HotSeries.transfer(ledger, "lag", thread, call);
                    lagWatch.completed(receipt, System.nanoTime());
                });
                lag = lagWatch.latencies();
                lagWatch.close();
            }
            result.put("projectionLagRatePerSecond", round(paced.perSecond()));
            result.put("projectionLagP50Millis", lag.millisAt(50));
            result.put("projectionLagP99Millis", lag.millisAt(99));
            result.put("projectionLagSamples", lag.count());
            checkpoint.run();
            log(name + " projection lag at " + rate(paced) + "/s (target " + Math.round(halfRate) + "/s): p50 "
                    + lag.millisAt(50) + " ms, p99 " + lag.millisAt(99) + " ms over " + lag.count() + " commands");

            // (2) spread over many series
            if (skip.contains("spread")) {
                result.put("spreadSkipped", "--skip=spread");
            } else {
                measureSpread(ledger, watch, sizes, result);
                checkpoint.run();
            }

            // (6) replay and (8) heap
            if (skip.contains("replay")) {
                result.put("replaySkipped", "--skip=replay");
            } else {
                measureReplayAndHeap(ledger, watch, sizes, result, checkpoint);
            }

            // (7) audit: hash-chain verification of the whole store
            AuditVerification.measure(ledger, watch, sizes.rounds(), result);
            Map<String, String> h2AtEnd = H2StoreFigures.read(name, ledger.bean(DataSource.class));
            result.put("h2StoreAtEnd", h2AtEnd);
            result.put("h2ChunkCountAtEnd", h2AtEnd.get("CHUNK_COUNT"));
            checkpoint.run();
        }

        // (4) the peer: out-of-the-box Axon, same hot workload, its own fresh store
        if (skip.contains("peer")) {
            result.put("defaultAxonSkipped", "--skip=peer");
        } else {
            try (DefaultAxonPeer peer = DefaultAxonPeer.start(storage.peerArguments())) {
                Load.Result peerRun = Load.run(CLIENT_THREADS, sizes.peerWarmUp(), sizes.peerMeasured(),
                        (thread, call) -> peer.transfer("peer", thread, call));
                log(name + " default Axon: " + describe(peerRun));
                result.put("defaultAxonTransfersPerSecond", round(peerRun.perSecond()));
                result.put("defaultAxonP99Millis", peerRun.latencies().millisAt(99));
                result.put("defaultAxonFailures", peerRun.failed());
                result.put("ratioToDefaultAxon",
                        ratio((Double) result.get("hotTransfersPerSecond"), peerRun.perSecond()));
            }
        }

        result.put("loadAverageAtEnd", loadAverage());
    }

    /** Scale-out: three nodes on a fresh schema of their own, on PostgreSQL only (an H2 file is one node's). */
    private static void measureThreeNodes(Storage storage, Sizes sizes, List<String> ledgerProperties, Set<String> skip,
                                          Map<String, Object> result, List<String> unavailable) {
        if (!storage.name().equals("postgresql")) {
            result.put("threeNodes", null);
            result.put("threeNodesUnavailable", "an embedded H2 file is one node's; several nodes share PostgreSQL");
            return;
        }
        if (skip.contains("three") || sizes.mode().startsWith("quick")) {
            result.put("threeNodes", null);
            result.put("threeNodesSkipped", skip.contains("three") ? "--skip=three"
                    : "quick mode measures one node (three nodes start three more contexts)");
            return;
        }
        Storage shared = Storage.postgres(unavailable);
        if (shared == null) {
            result.put("threeNodes", null);
            result.put("threeNodesUnavailable", String.join("; ", unavailable));
            return;
        }
        try {
            ThreeNodes.measure(shared, sizes, ledgerProperties.stream().map(property -> "--" + property).toList(),
                    result);
        } finally {
            shared.dropSchemas();
        }
        result.put("loadAverageAtEnd", loadAverage());
    }

    /** H2's chunk count, fill rates and file size, for the log line of a round; empty on PostgreSQL. */
    private static String h2Figures(String storage, LedgerUnderTest ledger) {
        Map<String, String> figures = H2StoreFigures.read(storage, ledger.bean(DataSource.class));
        return figures.isEmpty() ? "" : "; H2 store " + figures;
    }

    static void write(List<Map<String, Object>> results) {
        try {
            Files.createDirectories(RESULTS.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(RESULTS.toFile(), results);
        } catch (java.io.IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }

    /** (2) The hot workload spread over many series. */
    private static void measureSpread(LedgerUnderTest ledger, ProjectionWatch watch, Sizes sizes,
                                      Map<String, Object> result) {
        String name = (String) result.get("storage");
        SpreadSeries.setUp(ledger, sizes.spreadSeries());
        watch.awaitCaughtUp(600_000);
        List<Load.Result> spread = new ArrayList<>();
        for (int round = 0; round < sizes.rounds(); round++) {
            String label = "spread" + round;
            spread.add(Load.run(CLIENT_THREADS, sizes.warmUp(), sizes.measured(),
                    (thread, call) -> SpreadSeries.transfer(ledger, sizes.spreadSeries(), label, thread, call)));
            log(name + " spread round " + round + ": " + describe(spread.get(round)) + h2Figures(name, ledger));
            watch.awaitCaughtUp(600_000);
        }
        result.put("spreadSeries", sizes.spreadSeries());
        result.put("spreadTransfersPerSecond", round(medianRate(spread)));
        result.put("spreadP50Millis", median(spread.stream().map(r -> r.latencies().millisAt(50)).toList()));
        result.put("spreadP99Millis", median(spread.stream().map(r -> r.latencies().millisAt(99)).toList()));
        result.put("spreadFailures", spread.stream().mapToLong(Load.Result::failed).sum());
    }

    /** (6) Replay of all projections from the whole store, filled up with a fixture; (8) the heap then. */
    private static void measureReplayAndHeap(LedgerUnderTest ledger, ProjectionWatch watch, Sizes sizes,
                                             Map<String, Object> result, Runnable checkpoint) {
        String name = (String) result.get("storage");
        Replay replay = new Replay(ledger, watch);
        replay.stopProjections();
        JdbcTemplate jdbc = new JdbcTemplate(ledger.bean(DataSource.class));
        long stored = count(jdbc);
        long fixtureBegan = System.nanoTime();
        long appended = EventFixture.append(ledger, Math.max(0, sizes.fixtureEvents() - stored),
                sizes.fixtureSeries(), sizes.fixtureHolders());
        log(name + " fixture: " + appended + " events appended in "
                + Math.round((System.nanoTime() - fixtureBegan) / 1e9) + " s");
        long events = count(jdbc);
        double replaySeconds = replay.replayAll();
        result.put("replayEvents", events);
        result.put("replaySeconds", Math.round(replaySeconds * 10) / 10.0);
        result.put("replayEventsPerSecond", round(events / replaySeconds));
        log(name + " replay of " + events + " events by " + watch.groups().size() + " projections: "
                + Math.round(events / replaySeconds) + " events/s");
        checkpoint.run();

        // (8) heap after the store holds that many events and the read models that many holders
        long holders = jdbc.queryForObject("SELECT COUNT(DISTINCT holder_id) FROM holding", Long.class);
        result.put("heapEvents", events);
        result.put("heapHolders", holders);
        double heap = heapMegabytesAfterGc();
        result.put("heapMegabytes", heap);
        result.put("heapMegabytesAt1MEvents", events >= 1_000_000 ? heap : null);
        if (events < 1_000_000) {
            result.put("heapMegabytesAt1MEventsUnavailable", "quick mode: heap measured at " + events + " events");
        }
        log(name + " heap after GC: " + heap + " MB with " + events + " events and " + holders + " holders");
    }

    private static long count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    static double heapMegabytesAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            ProjectionWatch.sleepMillis(200);
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Math.round(used / 1024.0 / 1024.0 * 10) / 10.0;
    }

    static double medianRate(List<Load.Result> results) {
        return median(results.stream().map(Load.Result::perSecond).toList());
    }

    static Double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> v != null).sorted().toList();
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static Double ratio(Double numerator, double denominator) {
        return numerator == null || denominator <= 0 ? null : Math.round(numerator / denominator * 1000) / 1000.0;
    }

    /** CPU time used by this process so far, every thread. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    static String rate(Load.Result result) {
        return String.valueOf(Math.round(result.perSecond()));
    }

    static String describe(Load.Result result) {
        return rate(result) + "/s, p50 " + result.latencies().millisAt(50) + " ms, p99 "
                + result.latencies().millisAt(99) + " ms, " + result.completed() + " done, " + result.failed()
                + " failed" + (result.firstFailure() == null ? "" : " (first: " + result.firstFailure() + ")");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception unavailable) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
