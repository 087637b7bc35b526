package org.ctl.infra.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.ctl.query.shared.InLists;

/**
 * How a processor's or the event store's reader reads the next events when its token has gaps (indexes below its
 * position whose transactions had not committed yet): the events after the position, and those at the gaps, as two
 * key lookups joined by {@code UNION ALL}.
 *
 * <p>Axon's own statement asks for {@code (index > ? AND index <= ?) OR index IN (gaps)}. H2 plans that disjunction
 * as a scan of the whole event table, so every read with a gap cost a pass over the ledger: the benchmark's spread
 * load (two commit lanes, so gaps all the time) spent a sixth of the ledger's CPU in the event store's reader alone,
 * more as the ledger grew. Each part of the union is a range or point lookup in the primary key, on H2 and PostgreSQL.
 * The second part reads nothing above the position, where the first begins, so no event is read twice.
 */
final class EventsAfterGaps implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int gap = 0; gap < gaps.size(); gap++) {
            statement.setLong(gap + 3, gaps.get(gap));
        }
        statement.setLong(gaps.size() + 3, globalIndex);
        return statement;
    }

    static String sql(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable();
        String index = schema.globalIndexColumn();
        return select + " WHERE " + index + " > ? AND " + index + " <= ?"
                + " UNION ALL "
                + select + " WHERE " + index + " IN (" + InLists.placeholders(gaps) + ")"
                + " AND " + index + " <= ?"
                + " ORDER BY " + index + " ASC";
    }
}
