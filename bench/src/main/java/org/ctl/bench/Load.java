package org.ctl.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed loop of client threads: each thread calls its operation again as soon as the previous call returned
 * (or, with a target rate, at its next slot), for a warm-up and then for the measured time. Only calls that start
 * within the measured time are counted and timed.
 */
final class Load {

    /** One call of a thread's operation: {@code thread} in 0..threads-1, {@code call} counts that thread's calls. */
    @FunctionalInterface
    interface Operation {
        void call(int thread, long call) throws Exception;
    }

    /**
     * What a load measured.
     *
     * @param completed calls that returned normally within the measured time
     * @param failed    calls that threw within the measured time
     * @param seconds   the measured time
     */
    record Result(long completed, long failed, double seconds, Latencies latencies, String firstFailure) {

        double perSecond() {
            return completed / seconds;
        }
    }

    private Load() {
    }

    static Result run(int threads, Duration warmUp, Duration measured, Operation operation) {
        return run(threads, warmUp, measured, 0, operation);
    }

    /** With {@code ratePerSecond} > 0 the threads together start that many calls a second (each its share). */
    static Result run(int threads, Duration warmUp, Duration measured, double ratePerSecond, Operation operation) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Latencies[] latencies = new Latencies[threads];
        long[] completed = new long[threads];
        long[] failed = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            latencies[t] = new Latencies();
            long intervalNanos = ratePerSecond > 0 ? (long) (1e9 * threads / ratePerSecond) : 0;
            Thread worker = new Thread(() -> {
                long call = 0;
                long nextSlot = start + (intervalNanos * thread) / threads;
                while (!stop.get()) {
                    if (intervalNanos > 0) {
                        long wait = nextSlot - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                        nextSlot += intervalNanos;
                    }
                    long began = System.nanoTime();
                    if (began >= measureUntil) {
                        break;
                    }
                    boolean counted = began >= measureFrom;
                    try {
                        operation.call(thread, call++);
                        if (counted) {
                            latencies[thread].recordNanos(System.nanoTime() - began);
                            completed[thread]++;
                        }
                    } catch (Exception | AssertionError failure) {
                        if (counted) {
                            failed[thread]++;
                        }
                        firstFailure.compareAndSet(null, failure.toString());
                    }
                }
            }, "bench-client-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join(warmUp.plus(measured).toMillis() + 120_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop.set(true);
        Latencies all = new Latencies();
        long totalCompleted = 0;
        long totalFailed = 0;
        for (int t = 0; t < threads; t++) {
            all.add(latencies[t]);
            totalCompleted += completed[t];
            totalFailed += failed[t];
        }
        return new Result(totalCompleted, totalFailed, measured.toNanos() / 1e9, all, firstFailure.get());
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
