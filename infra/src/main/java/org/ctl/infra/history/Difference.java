package org.ctl.infra.history;

/**
 * A read-model value that differs from what the events make it.
 *
 * @param table    the projection's table
 * @param series   the series (for {@code market_price}: the feed, {@code KIND:UNIT})
 * @param holder   the holder, for a holding; else {@code null}
 * @param field    the column, or {@code row} for a row missing or in excess, or {@code sequence N} for a
 *                 provenance entry's column
 * @param expected what the events make it ({@code null}: no such row)
 * @param found    what the read model holds ({@code null}: no such row)
 */
public record Difference(String table, String series, String holder, String field, String expected,
                         String found) {
}
