package org.ctl.infra.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.LastSequenceNumberForStatementBuilder;

/**
 * The last sequence number a stream has in the store (no row for a stream without events), read as the newest entry
 * of the stream's key: {@code ORDER BY sequence_number DESC LIMIT 1}.
 *
 * <p>A node sharing the store asks this before each command on a cached series ({@link StoreCheckedCache}). Axon's own
 * statement asks for {@code max(sequence_number)}. PostgreSQL keeps one generic plan per pooled connection once a
 * statement has run five times, and for {@code max} it picks that plan from the statistics of the moment: on a fresh
 * or young table it read all of a stream's entries forwards, and kept doing so as the hot series grew, until an
 * automatic ANALYZE made it plan again. The benchmark's PostgreSQL hot rounds fell from about 1,800 to 220-560
 * transfers/s in such runs, with this statement the most frequent active query. Asked for the newest entry, every plan
 * reads the key backwards and stops at the first entry. (H2 reads an index only forwards, so on H2 both forms read
 * the stream's entries; H2 never shares its store, so it never asks.)
 */
final class LastSequenceNumberOfStream implements LastSequenceNumberForStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, String aggregateIdentifier)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema));
        statement.setString(1, aggregateIdentifier);
        return statement;
    }

    static String sql(EventSchema schema) {
        return "SELECT " + schema.sequenceNumberColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ?"
                + " ORDER BY " + schema.sequenceNumberColumn() + " DESC LIMIT 1";
    }
}
