package org.ctl.bench;

import org.ctl.domain.shared.CommandReceipt;

/**
 * One series and eight holders: client thread {@code t} moves one unit from holder {@code t} to holder
 * {@code t+1} (mod 8), each transfer with an id of its own, each as the holder it debits.
 */
final class HotSeries {

    static final int HOLDERS = 8;
    static final String TOKEN = "hot-series";

    private HotSeries() {
    }

    static void setUp(LedgerUnderTest ledger) {
        String[] holders = new String[HOLDERS];
        for (int h = 0; h < HOLDERS; h++) {
            holders[h] = holder(h);
        }
        LedgerCommands.issueVerifyAndSeed(ledger, TOKEN, 1_000_000_000L, 100_000_000L, holders);
    }

    /** One transfer of client thread {@code thread}; {@code round} keeps the ids of separate runs apart. */
    static CommandReceipt transfer(LedgerUnderTest ledger, String round, int thread, long call) {
        String from = holder(thread % HOLDERS);
        String to = holder((thread + 1) % HOLDERS);
        return ledger.send(from, LedgerCommands.transfer(TOKEN, round + "-" + thread + "-" + call, from, to, 1));
    }

    static String holder(int index) {
        return "hot-holder-" + index;
    }
}
