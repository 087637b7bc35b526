package org.ctl.infra.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored links of the audit chain (table {@code audit_chain_link}, migration V4). Only {@link LedgerChainer}
 * appends; nothing in the ledger updates or deletes a link.
 */
@Component
public class ChainLinks {

    static final String TABLE = "audit_chain_link";
    private static final String COLUMNS = "global_index, ledger_position, event_identifier, aggregate_identifier, "
            + "sequence_number, event_hash, series_hash, ledger_hash, chained_at";

    private final JdbcTemplate jdbc;

    public ChainLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest link: the chained head. */
    public Optional<ChainLink> head() {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY global_index DESC LIMIT 1",
                ChainLinks::row).stream().findFirst();
    }

    /** At most {@code limit} links with a global index above {@code after} and at most {@code upTo}, in order. */
    public List<ChainLink> between(long after, long upTo, int limit) {
        return jdbc.query(statement -> {
            var query = statement.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?");
            query.setLong(1, after);
            query.setLong(2, upTo);
            query.setInt(3, limit);
            query.setFetchSize(limit);
            return query;
        }, ChainLinks::row);
    }

    /** The link of one event, wherever it stands. */
    public Optional<ChainLink> ofEvent(String eventIdentifier) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE event_identifier = ?", ChainLinks::row,
                eventIdentifier).stream().findFirst();
    }

    /** The link of an aggregate's event at a sequence number. */
    public Optional<ChainLink> ofSeries(String aggregate, long sequence) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE
                        + " WHERE aggregate_identifier = ? AND sequence_number = ?", ChainLinks::row, aggregate, sequence)
                .stream().findFirst();
    }

    /** The newest link of one series. */
    public Optional<ChainLink> seriesHead(String aggregate) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", ChainLinks::row,
                aggregate).stream().findFirst();
    }

    /** At most {@code limit} links of one series with a global index above {@code after}, in order. */
    public List<ChainLink> ofAggregate(String aggregate, long after, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE aggregate_identifier = ? AND "
                + "global_index > ? ORDER BY global_index LIMIT ?", ChainLinks::row, aggregate, after, limit);
    }

    /** Appends links (within the caller's transaction). */
    void append(List<ChainLink> links) {
        jdbc.batchUpdate("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", links,
                links.size(), (statement, link) -> {
                    statement.setLong(1, link.globalIndex());
                    statement.setLong(2, link.ledgerPosition());
                    statement.setString(3, link.eventIdentifier());
                    statement.setString(4, link.aggregateIdentifier());
                    statement.setLong(5, link.sequenceNumber());
                    statement.setBytes(6, link.eventHash());
                    statement.setBytes(7, link.seriesHash());
                    statement.setBytes(8, link.ledgerHash());
                    statement.setString(9, link.chainedAt());
                });
    }

    private static ChainLink row(ResultSet row, int number) throws SQLException {
        return new ChainLink(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getBytes(6), row.getBytes(7), row.getBytes(8), row.getString(9));
    }
}
