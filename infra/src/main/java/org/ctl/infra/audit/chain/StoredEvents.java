package org.ctl.infra.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The event table read with plain JDBC through the column names of Axon's {@link EventSchema} (the one the storage
 * engine writes with), in batches, nothing deserialized: what the audit chain hashes is what is stored.
 */
@Component
public class StoredEvents {

    private final JdbcTemplate jdbc;
    private final String columns;
    private final String table;
    private final String globalIndex;
    private final String aggregateIdentifier;
    private final String sequenceNumber;
    private final RowMapper<StoredEvent> rowMapper;

    public StoredEvents(JdbcTemplate jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.table = schema.domainEventTable();
        this.globalIndex = schema.globalIndexColumn();
        this.aggregateIdentifier = schema.aggregateIdentifierColumn();
        this.sequenceNumber = schema.sequenceNumberColumn();
        this.columns = String.join(", ", schema.globalIndexColumn(), schema.eventIdentifierColumn(),
                schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(), schema.typeColumn(),
                schema.timestampColumn(), schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                schema.payloadColumn(), schema.metaDataColumn());
        this.rowMapper = StoredEvents::row;
    }

    /** At most {@code limit} rows with a global index above {@code after} and at most {@code upTo}, in order. */
    public List<StoredEvent> between(long after, long upTo, int limit) {
        return jdbc.query(statement -> {
            var query = statement.prepareStatement("SELECT " + columns + " FROM " + table + " WHERE "
                    + globalIndex + " > ? AND " + globalIndex + " <= ? ORDER BY " + globalIndex + " LIMIT ?");
            query.setLong(1, after);
            query.setLong(2, upTo);
            query.setInt(3, limit);
            query.setFetchSize(limit);
            return query;
        }, rowMapper);
    }

    /** At most {@code limit} rows of one aggregate with a global index above {@code after}, in global order. */
    public List<StoredEvent> ofAggregate(String aggregate, long after, int limit) {
        return jdbc.query("SELECT " + columns + " FROM " + table + " WHERE " + aggregateIdentifier + " = ? AND "
                + globalIndex + " > ? ORDER BY " + globalIndex + " LIMIT ?", rowMapper, aggregate, after, limit);
    }

    /** The row of an aggregate's event at a sequence number, if stored. */
    public List<StoredEvent> ofAggregateAt(String aggregate, long sequence) {
        return jdbc.query("SELECT " + columns + " FROM " + table + " WHERE " + aggregateIdentifier + " = ? AND "
                + sequenceNumber + " = ?", rowMapper, aggregate, sequence);
    }

    /** The highest stored global index; -1 while the table is empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(" + globalIndex + ") FROM " + table, Long.class);
        return head == null ? -1 : head;
    }

    /** How many rows have a global index above {@code after}. */
    public long countAfter(long after) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + globalIndex + " > ?",
                Long.class, after);
        return count == null ? 0 : count;
    }

    private static StoredEvent row(ResultSet row, int number) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10));
    }
}
