package org.ctl.infra.audit.chain;

/**
 * The first event at which a chain breaks.
 *
 * @param chain               {@code LEDGER} (the chain over every event) or {@code SERIES} (one aggregate's chain)
 * @param kind                what happened there, as far as it can tell
 * @param globalIndex         where in the event table
 * @param aggregateIdentifier the series (aggregate) of the event found there, or of the event chained there
 * @param sequenceNumber      its sequence number in the series
 * @param eventIdentifier     the event found there (or, when none is, the one chained there)
 * @param expectedHash        what the chain says (hex), null when the chain knows nothing there
 * @param foundHash           what the stored rows hash to (hex), null when no row is there
 * @param detail              one sentence for a person
 */
public record ChainBreak(String chain, BreakKind kind, long globalIndex, String aggregateIdentifier,
                         long sequenceNumber, String eventIdentifier, String expectedHash, String foundHash,
                         String detail) {

    public static final String LEDGER = "LEDGER";
    public static final String SERIES = "SERIES";
}
