package org.ctl.bench;

import org.HdrHistogram.Histogram;

/** Latencies in microseconds, from 1 µs to 60 s at 3 significant digits (HdrHistogram). */
final class Latencies {

    private final Histogram histogram = new Histogram(1, 60_000_000L, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(60_000_000L, nanos / 1_000)));
    }

    void add(Latencies other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0–100) in milliseconds; null when nothing was recorded. */
    Double millisAt(double percentile) {
        if (histogram.getTotalCount() == 0) {
            return null;
        }
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
