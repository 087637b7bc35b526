package org.ctl.bench;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.projection.ProjectionMonitor;

/**
 * Watches the three projections (series, balances, provenance) through their processors' own tokens — the same
 * positions the ledger's read-your-writes waits on. A change is "shown" once every projection has processed
 * its event.
 */
final class ProjectionWatch {

    private final ProjectionProgress progress;
    private final ProjectionMonitor monitor;

    ProjectionWatch(LedgerUnderTest ledger) {
        this.progress = ledger.bean(ProjectionProgress.class);
        this.monitor = ledger.bean(ProjectionMonitor.class);
    }

    List<String> groups() {
        return monitor.groups();
    }

    /** The position every projection has reached (the slowest one's). */
    long shown() {
        long slowest = Long.MAX_VALUE;
        for (String group : groups()) {
            slowest = Math.min(slowest, progress.position(group));
        }
        return slowest;
    }

    long head() {
        return monitor.head();
    }

    /** Waits until every projection has reached the head; answers how long that took, in milliseconds. */
    long awaitCaughtUp(long timeoutMillis) {
        long head = head();
        long began = System.nanoTime();
        while (shown() < head) {
            if ((System.nanoTime() - began) / 1_000_000 > timeoutMillis) {
                throw new IllegalStateException("projections still behind head " + head + " (at " + shown()
                        + ") after " + timeoutMillis + " ms");
            }
            sleepMillis(1);
        }
        return (System.nanoTime() - began) / 1_000_000;
    }

    /** The backlog (head − shown, in events) sampled every 100 ms while {@code load} runs. */
    record Backlog(long maxEvents, long atEndEvents, long catchUpMillis) {
    }

    Backlog sampleWhile(Runnable load) {
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong max = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                max.accumulateAndGet(Math.max(0, head() - shown()), Math::max);
                sleepMillis(100);
            }
        }, "bench-backlog-sampler");
        sampler.start();
        try {
            load.run();
        } finally {
            done.set(true);
        }
        try {
            sampler.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        long atEnd = Math.max(0, head() - shown());
        long catchUp = awaitCaughtUp(600_000);
        return new Backlog(Math.max(max.get(), atEnd), atEnd, catchUp);
    }

    /**
     * Lag from a command's completion to every projection showing its event. Each completed command is handed
     * in with its completion time; an observer polls the projections' positions every millisecond.
     */
    final class Lag implements AutoCloseable {

        private record Pending(long globalIndex, long completedNanos) {
        }

        private final ConcurrentLinkedQueue<Pending> arrivals = new ConcurrentLinkedQueue<>();
        private final Latencies latencies = new Latencies();
        private final AtomicBoolean closing = new AtomicBoolean();
        private final Thread observer;

        Lag() {
            observer = new Thread(this::observe, "bench-lag-observer");
            observer.start();
        }

        /** A command completed at {@code completedNanos}; its last event is looked up by stream and sequence. */
        void completed(CommandReceipt receipt, long completedNanos) {
            arrivals.add(new Pending(progress.globalPosition(receipt.aggregateId(), receipt.sequence()),
                    completedNanos));
        }

        private void observe() {
            PriorityQueue<Pending> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.globalIndex, b.globalIndex));
            while (true) {
                boolean last = closing.get();
                for (Pending arrived; (arrived = arrivals.poll()) != null; ) {
                    waiting.add(arrived);
                }
                if (!waiting.isEmpty()) {
                    long position = shown();
                    long now = System.nanoTime();
                    while (!waiting.isEmpty() && waiting.peek().globalIndex <= position) {
                        latencies.recordNanos(now - waiting.poll().completedNanos);
                    }
                }
                if (last && waiting.isEmpty() && arrivals.isEmpty()) {
                    return;
                }
                sleepMillis(1);
            }
        }

        Latencies latencies() {
            return latencies;
        }

        @Override
        public void close() {
            closing.set(true);
            try {
                observer.join(600_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
