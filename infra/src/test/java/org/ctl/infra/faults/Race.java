package org.ctl.infra.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs requests at once: a pool of threads that all wait on one start latch, so the first {@code threads}
 * requests leave together and the rest follow as soon as a thread is free (the pool is never idle).
 */
final class Race {

    private Race() {
    }

    /** The outcomes of {@code tasks}, in the order of the tasks. */
    static <T> List<T> run(int threads, List<Callable<T>> tasks, Duration atMost) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + atMost.toNanos();
            List<T> outcomes = new ArrayList<>(tasks.size());
            for (Future<T> future : futures) {
                outcomes.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return outcomes;
        } catch (ExecutionException failed) {
            throw new AssertionError("a racing request failed: " + failed.getCause(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new AssertionError("the race took longer than " + atMost, slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        } finally {
            pool.shutdownNow();
        }
    }
}
