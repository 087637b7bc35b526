package org.ctl.bench;

import java.util.concurrent.ThreadLocalRandom;

/** Many series, four holders each: every transfer goes to a series and a pair of its holders chosen at random. */
final class SpreadSeries {

    static final int HOLDERS = 4;

    private SpreadSeries() {
    }

    /** Issues, verifies and seeds {@code series} series from 8 client threads; fails if any of it fails. */
    static void setUp(LedgerUnderTest ledger, int series) {
        int threads = 8;
        Thread[] workers = new Thread[threads];
        Exception[] failure = new Exception[1];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(() -> {
                try {
                    for (int s = thread; s < series; s += threads) {
                        LedgerCommands.issueVerifyAndSeed(ledger, token(s), 1_000_000_000L, 100_000_000L,
                                holder(0), holder(1), holder(2), holder(3));
                    }
                } catch (Exception setUpFailure) {
                    failure[0] = setUpFailure;
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure[0] != null) {
            throw new IllegalStateException("setting up the spread series failed", failure[0]);
        }
    }

    static void transfer(LedgerUnderTest ledger, int series, String round, int thread, long call) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String token = token(random.nextInt(series));
        int from = random.nextInt(HOLDERS);
        int to = (from + 1 + random.nextInt(HOLDERS - 1)) % HOLDERS;
        ledger.send(holder(from), LedgerCommands.transfer(token, round + "-" + thread + "-" + call, holder(from),
                holder(to), 1));
    }

    static String token(int index) {
        return "spread-%04d".formatted(index);
    }

    static String holder(int index) {
        return "spread-holder-" + index;
    }
}
