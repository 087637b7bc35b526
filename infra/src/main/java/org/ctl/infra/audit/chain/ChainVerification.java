package org.ctl.infra.audit.chain;

/**
 * The outcome of recomputing the audit chain from the raw event rows and comparing it with the stored links.
 *
 * @param status         {@code OK} when neither the ledger chain nor any series chain breaks, else {@code BROKEN}
 * @param algorithm      the hash function
 * @param verifiedEvents event rows checked (every row up to the chained head)
 * @param series         series (aggregates) whose chains were checked
 * @param chainedHead    the newest link: where the chain ends; null while nothing is chained
 * @param unchainedTail  rows stored after the chained head, not yet chained (not checked)
 * @param ledgerBreak    the first event at which the ledger chain breaks, or null
 * @param seriesBreak    the first event (lowest global index) at which a series chain breaks, or null
 * @param brokenSeries   how many series chains break
 */
public record ChainVerification(String status, String algorithm, long verifiedEvents, long series,
                                ChainedHead chainedHead, UnchainedTail unchainedTail, ChainBreak ledgerBreak,
                                ChainBreak seriesBreak, long brokenSeries) {

    public static final String OK = "OK";
    public static final String BROKEN = "BROKEN";

    public boolean ok() {
        return OK.equals(status);
    }

    /** The newest link of the chain: global index, its place in the ledger chain, the ledger hash there. */
    public record ChainedHead(long globalIndex, long ledgerPosition, String ledgerHash, String chainedAt) {
    }

    /** Rows after the chained head: how many and their global index range (-1 when none). */
    public record UnchainedTail(long events, long fromGlobalIndex, long toGlobalIndex) {
    }
}
