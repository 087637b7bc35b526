package org.ctl.bench;

import java.time.Duration;

/**
 * How long and how large each measurement is: the full run, or the quick smoke run ({@code --quick}, under two
 * minutes on a 2-core machine).
 *
 * @param rounds         repetitions of each throughput measurement (the median is reported)
 * @param fixtureEvents  the event store is filled to at least this many events before the replay and the heap figure
 * @param jitWarmUp      hot transfers before the first measured round, unmeasured, so that the rounds measure the
 *                       compiled ledger (the JIT takes tens of seconds on two cores; rounds rose up to twofold without it)
 */
record Sizes(String mode, Duration warmUp, Duration measured, int rounds, Duration rawMeasured,
             Duration lagMeasured, Duration peerWarmUp, Duration peerMeasured, int spreadSeries,
             long fixtureEvents, int fixtureSeries, int fixtureHolders, Duration jitWarmUp) {

    static Sizes full() {
        return new Sizes("full", Duration.ofSeconds(5), Duration.ofSeconds(15), 3, Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(20), 1_000,
                1_000_000, 1_000, 10_000, Duration.ofSeconds(30));
    }

    static Sizes quick() {
        return new Sizes("quick", Duration.ofSeconds(2), Duration.ofSeconds(3), 1, Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(3), 250,
                10_000, 1_000, 10_000, Duration.ZERO);
    }

    /** The same sizes with the store filled to {@code events} before the replay (to compare replay levers). */
    Sizes withFixtureEvents(long events) {
        return new Sizes(mode + ", " + events + " events", warmUp, measured, rounds, rawMeasured, lagMeasured,
                peerWarmUp, peerMeasured, spreadSeries, events, fixtureSeries, fixtureHolders, jitWarmUp);
    }
}
