package org.ctl.bench;

import java.util.List;
import java.util.Map;

/** The results as a fixed-width table: one row per figure, one column per storage, and the target. */
final class ResultsTable {

    private record Row(String label, String key, String target) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("hot series transfers/s (8 threads)", "hotTransfersPerSecond", ">= 15000"),
            new Row("hot p50 ms", "hotP50Millis", ""),
            new Row("hot p99 ms", "hotP99Millis", "<= 20"),
            new Row("hot CPU ms per transfer (whole process)", "hotCpuMillisPerTransfer", ""),
            new Row("hot commands per commit", "hotCommandsPerCommit", ""),
            new Row("spread transfers/s (1,000 series; quick: 250)", "spreadTransfersPerSecond", ">= 15000"),
            new Row("spread p99 ms", "spreadP99Millis", ""),
            new Row("raw appends/s, 1 thread", "rawAppendsSingleThreadPerSecond", ""),
            new Row("raw appends/s, 8 threads", "rawAppendsMultiThreadPerSecond", ""),
            new Row("ratio hot / raw (best)", "ratioToRawAppend", ">= 0.3"),
            new Row("largest snapshot KB (the hot series)", "largestSnapshotKilobytes", ""),
            new Row("default Axon transfers/s", "defaultAxonTransfersPerSecond", ""),
            new Row("ratio hot / default Axon", "ratioToDefaultAxon", ""),
            new Row("projections keep up at full speed", "projectionsKeepUp", "true"),
            new Row("projection catch-up after full speed ms", "projectionCatchUpMillisAfterFullSpeed", ""),
            new Row("projection lag rate/s (half of hot)", "projectionLagRatePerSecond", ""),
            new Row("projection lag p50 ms", "projectionLagP50Millis", ""),
            new Row("projection lag p99 ms", "projectionLagP99Millis", "<= 100"),
            new Row("replay events", "replayEvents", ">= 1000000"),
            new Row("replay events/s", "replayEventsPerSecond", ">= 150000"),
            new Row("audit verification events/s", "auditVerifyEventsPerSecond", ">= 200000"),
            new Row("heap MB after GC", "heapMegabytes", "<= 512"),
            new Row("  at events", "heapEvents", ""),
            new Row("  holders", "heapHolders", ""),
            new Row("H2 file MB at the end", "ledgerFileMegabytesAtEnd", ""),
            new Row("H2 chunks at the end", "h2ChunkCountAtEnd", ""),
            new Row("three nodes: hot transfers/s", "threeNodesHotTransfersPerSecond", ""),
            new Row("three nodes: hot p99 ms", "threeNodesHotP99Millis", ""),
            new Row("three nodes: spread transfers/s", "threeNodesSpreadTransfersPerSecond", ""),
            new Row("three nodes: collisions retried", "threeNodesCollisionsRetried", ""),
            new Row("three nodes: refused after retries", "threeNodesRefusedAfterRetries", ""));

    private ResultsTable() {
    }

    static String render(List<Map<String, Object>> results) {
        StringBuilder table = new StringBuilder();
        String format = "%-42s" + "%16s".repeat(results.size()) + "%14s%n";
        Object[] header = new Object[results.size() + 2];
        header[0] = "figure";
        for (int i = 0; i < results.size(); i++) {
            header[i + 1] = results.get(i).get("storage");
        }
        header[results.size() + 1] = "target";
        table.append(String.format(format, header));
        for (Row row : ROWS) {
            Object[] cells = new Object[results.size() + 2];
            cells[0] = row.label();
            for (int i = 0; i < results.size(); i++) {
                Object value = results.get(i).get(row.key());
                cells[i + 1] = value == null ? "n/a" : value.toString();
            }
            cells[results.size() + 1] = row.target();
            table.append(String.format(format, cells));
        }
        return table.toString();
    }
}
