package org.ctl.bench;

import static org.ctl.bench.Benchmark.describe;
import static org.ctl.bench.Benchmark.log;
import static org.ctl.bench.Benchmark.median;
import static org.ctl.bench.Benchmark.medianRate;
import static org.ctl.bench.Benchmark.round;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hot and the spread workloads on three nodes sharing one fresh PostgreSQL schema (the scale-out setup: a shared
 * store, each node with its own cache check, lock and commit lanes, the projections' segments shared out). Client
 * thread {@code t} sends through node {@code t mod 3}, so every node writes the hot series and commands of different
 * nodes collide on it; the gateway retries those, and the counts of retries and refusals are reported.
 */
final class ThreeNodes {

    static final int NODES = 3;
    private static final String COLLISIONS = "ctl.commands.collisions";

    private ThreeNodes() {
    }

    static void measure(Storage storage, Sizes sizes, List<String> ledgerArguments, Map<String, Object> result) {
        List<LedgerUnderTest> nodes = new ArrayList<>();
        try {
            for (int node = 0; node < NODES; node++) {
                nodes.add(LedgerUnderTest.start(storage, ledgerArguments));
            }
            HotSeries.setUp(nodes.get(0));
            List<Load.Result> hot = new ArrayList<>();
            for (int round = 0; round < sizes.rounds(); round++) {
                String label = "three-hot" + round;
                Load.Result measured = Load.run(Benchmark.CLIENT_THREADS, sizes.warmUp(), sizes.measured(),
                        (thread, call) -> HotSeries.transfer(nodes.get(thread % NODES), label, thread, call));
                hot.add(measured);
                log(storage.name() + " three nodes, hot round " + round + ": " + describe(measured));
            }
            result.put("threeNodesHotTransfersPerSecond", round(medianRate(hot)));
            result.put("threeNodesHotP99Millis", median(hot.stream().map(r -> r.latencies().millisAt(99)).toList()));
            result.put("threeNodesHotFailures", hot.stream().mapToLong(Load.Result::failed).sum());

            SpreadSeries.setUp(nodes.get(0), sizes.spreadSeries());
            List<Load.Result> spread = new ArrayList<>();
            for (int round = 0; round < sizes.rounds(); round++) {
                String label = "three-spread" + round;
                Load.Result measured = Load.run(Benchmark.CLIENT_THREADS, sizes.warmUp(), sizes.measured(),
                        (thread, call) -> SpreadSeries.transfer(nodes.get(thread % NODES), sizes.spreadSeries(),
                                label, thread, call));
                spread.add(measured);
                log(storage.name() + " three nodes, spread round " + round + ": " + describe(measured));
            }
            result.put("threeNodesSpreadTransfersPerSecond", round(medianRate(spread)));
            result.put("threeNodesSpreadP99Millis",
                    median(spread.stream().map(r -> r.latencies().millisAt(99)).toList()));
            result.put("threeNodesCollisionsRetried", collisions(nodes, "retried"));
            result.put("threeNodesRefusedAfterRetries", collisions(nodes, "refused"));
            result.put("threeNodes", true);
        } finally {
            nodes.forEach(LedgerUnderTest::close);
        }
    }

    private static long collisions(List<LedgerUnderTest> nodes, String outcome) {
        return Math.round(nodes.stream().mapToDouble(node -> node.bean(MeterRegistry.class).find(COLLISIONS)
                .tag("outcome", outcome).counters().stream().mapToDouble(Counter::count).sum()).sum());
    }
}
