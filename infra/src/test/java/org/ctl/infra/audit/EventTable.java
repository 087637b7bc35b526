package org.ctl.infra.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event table and the chain table edited behind the ledger's back, with plain JDBC (each statement committed on
 * its own), as an intruder with database access would; and put back as they were.
 */
final class EventTable {

    static final String EVENTS = "domain_event_entry";
    static final String LINKS = "audit_chain_link";

    private final JdbcTemplate jdbc;

    EventTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of an aggregate's event at a sequence number. */
    long globalIndexOf(String aggregate, long sequence) {
        return jdbc.queryForObject("SELECT global_index FROM " + EVENTS
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", Long.class, aggregate, sequence);
    }

    long maxSequence(String aggregate) {
        return jdbc.queryForObject("SELECT MAX(sequence_number) FROM " + EVENTS + " WHERE aggregate_identifier = ?",
                Long.class, aggregate);
    }

    long head() {
        return jdbc.queryForObject("SELECT MAX(global_index) FROM " + EVENTS, Long.class);
    }

    /** A whole row of a table, by global index (BLOBs as bytes). */
    Map<String, Object> row(String table, long globalIndex) {
        return jdbc.queryForMap("SELECT * FROM " + table + " WHERE global_index = ?", globalIndex);
    }

    String eventIdentifier(long globalIndex) {
        return (String) row(EVENTS, globalIndex).get("EVENT_IDENTIFIER");
    }

    byte[] payload(long globalIndex) {
        return (byte[]) row(EVENTS, globalIndex).get("PAYLOAD");
    }

    void setPayload(long globalIndex, byte[] payload) {
        jdbc.update("UPDATE " + EVENTS + " SET payload = ? WHERE global_index = ?", payload, globalIndex);
    }

    void set(String table, String column, Object value, long globalIndex) {
        jdbc.update("UPDATE " + table + " SET " + column + " = ? WHERE global_index = ?", value, globalIndex);
    }

    void delete(String table, long globalIndex) {
        jdbc.update("DELETE FROM " + table + " WHERE global_index = ?", globalIndex);
    }

    /** Inserts a row as given (column names as keys, global index included). */
    void insert(String table, Map<String, Object> row) {
        List<String> columns = new ArrayList<>(row.keySet());
        jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(column -> "?").toList()) + ")",
                columns.stream().map(row::get).toArray());
    }

    /** Swaps the places (global indexes) of two event rows. */
    void swapGlobalIndexes(long first, long second) {
        jdbc.update("UPDATE " + EVENTS + " SET global_index = -7 WHERE global_index = ?", first);
        jdbc.update("UPDATE " + EVENTS + " SET global_index = ? WHERE global_index = ?", first, second);
        jdbc.update("UPDATE " + EVENTS + " SET global_index = ? WHERE global_index = -7", second);
    }

    /** Swaps the sequence numbers of two events of one aggregate. */
    void swapSequences(String aggregate, long first, long second) {
        String update = "UPDATE " + EVENTS + " SET sequence_number = ? WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?";
        jdbc.update(update, -7, aggregate, first);
        jdbc.update(update, first, aggregate, second);
        jdbc.update(update, second, aggregate, -7);
    }

    /** Makes the next stored event skip a global index, as a rolled-back transaction does; answers the skipped one. */
    long skipNextGlobalIndex() {
        long skipped = head() + 1;
        jdbc.execute("ALTER TABLE " + EVENTS + " ALTER COLUMN global_index RESTART WITH " + (skipped + 1));
        return skipped;
    }
}
