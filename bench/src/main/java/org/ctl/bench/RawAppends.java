package org.ctl.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.axonframework.common.IdentifierFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The storage limit: single-row committed inserts (auto-commit, one row per transaction) into a table with the
 * event table's columns and constraints, through the ledger's own data source (same URL, same durability
 * settings), each row as large as a stored transfer event of the ledger (its payload and metadata copied), and
 * with an event identifier made as the ledger makes them (Axon's {@link IdentifierFactory}: time-ordered).
 */
final class RawAppends {

    /** A stored {@code UnitsTransferred} row of the ledger, whose payload and metadata each raw row repeats. */
    record Row(byte[] payload, byte[] metaData, String payloadType) {
        int bytes() {
            return payload.length + (metaData == null ? 0 : metaData.length);
        }
    }

    private final DataSource dataSource;
    private final Row template;

    RawAppends(DataSource dataSource, String tableDdl) {
        this.dataSource = dataSource;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(tableDdl);
        this.template = jdbc.queryForObject("""
                        SELECT payload, meta_data, payload_type FROM domain_event_entry
                        WHERE payload_type LIKE '%UnitsTransferred' ORDER BY global_index DESC LIMIT 1""",
                (rows, index) -> new Row(rows.getBytes(1), rows.getBytes(2), rows.getString(3)));
    }

    Row template() {
        return template;
    }

    /** {@code threads} threads, each on a connection of its own, each insert committed on its own. */
    Load.Result run(String round, int threads, Duration warmUp, Duration measured) {
        IdentifierFactory identifiers = IdentifierFactory.getInstance();
        Connection[] connections = new Connection[threads];
        PreparedStatement[] inserts = new PreparedStatement[threads];
        try {
            for (int t = 0; t < threads; t++) {
                connections[t] = dataSource.getConnection();
                connections[t].setAutoCommit(true);
                inserts[t] = connections[t].prepareStatement("""
                        INSERT INTO bench_raw_append (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, ?, 'TokenSeries', ?, ?, '1', ?, ?)""");
            }
            return Load.run(threads, warmUp, measured, (thread, call) -> {
                PreparedStatement insert = inserts[thread];
                insert.setString(1, identifiers.generateIdentifier());
                insert.setString(2, "raw-" + round + "-" + thread);
                insert.setLong(3, call);
                insert.setString(4, Instant.now().toString());
                insert.setString(5, template.payloadType());
                insert.setBytes(6, template.payload());
                insert.setBytes(7, template.metaData());
                insert.executeUpdate();
            });
        } catch (SQLException failure) {
            throw new IllegalStateException("raw appends failed", failure);
        } finally {
            for (Connection connection : connections) {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException ignoredOnClose) {
                        // closing a pooled connection returns it; nothing to do about a failure here
                    }
                }
            }
        }
    }
}
