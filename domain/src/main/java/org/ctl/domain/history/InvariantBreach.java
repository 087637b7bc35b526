package org.ctl.domain.history;

/**
 * An invariant the stored history breaks, and the event at which it broke.
 *
 * @param position  the event's global index
 * @param stream    the event's stream (series or price feed)
 * @param sequence  the event's sequence number in its stream
 * @param invariant the rule broken
 * @param detail    what exactly is wrong, in a sentence
 */
public record InvariantBreach(long position, String stream, long sequence, LedgerInvariant invariant,
                              String detail) {
}
