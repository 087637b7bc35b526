package org.ctl.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read of a token with gaps: exactly the events after its position and at its gaps, through the key only. */
class EventsAfterGapsTest {

    private static final int STORED = 5_000;

    private final EventSchema schema = new EventStoreConfiguration().eventSchema();
    private final EventsAfterGaps statements = new EventsAfterGaps();
    private Connection connection;

    @BeforeEach
    void eventTableWithAHole() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:gaps-" + UUID.randomUUID());
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    CREATE TABLE domain_event_entry (
                        global_index BIGINT PRIMARY KEY, time_stamp VARCHAR(255) NOT NULL,
                        event_identifier VARCHAR(255) NOT NULL, aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number BIGINT NOT NULL, type VARCHAR(255), payload_type VARCHAR(255) NOT NULL,
                        payload_revision VARCHAR(255), payload BLOB NOT NULL, meta_data BLOB)""");
        }
        for (long index = 0; index < STORED; index++) {
            if (index != 4_200 && index != 4_300) {
                store(index);
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void readsTheGapsThatHaveCommittedSinceAndTheEventsAfterThePositionInOrder() throws SQLException {
        store(4_200);

        List<Long> read = read(4_500, 100, List.of(4_200L, 4_300L));

        List<Long> expected = new ArrayList<>(List.of(4_200L));
        LongStream.rangeClosed(4_501, 4_600).forEach(expected::add);
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Test
    void neverReadsAnEventTwiceNorOneAboveTheBatch() throws SQLException {
        assertThat(read(4_990, 100, List.of(4_200L, 4_995L)))
                .containsExactly(4_991L, 4_992L, 4_993L, 4_994L, 4_995L, 4_996L, 4_997L, 4_998L, 4_999L);
    }

    @Test
    void h2ReadsOnlyTheKeyRangeAndTheGapsNotTheTable() throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement(
                "EXPLAIN ANALYZE " + EventsAfterGaps.sql(schema, 2))) {
            explain.setLong(1, 4_500);
            explain.setLong(2, 4_600);
            explain.setLong(3, 4_200);
            explain.setLong(4, 4_300);
            explain.setLong(5, 4_500);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                assertThat(rowsScanned(plan.getString(1))).isBetween(100L, 110L);
            }
        }
    }

    private List<Long> read(long position, int batchSize, List<Long> gaps) throws SQLException {
        List<Long> read = new ArrayList<>();
        try (PreparedStatement statement = statements.build(connection, schema, position, batchSize, gaps);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                read.add(rows.getLong(schema.globalIndexColumn()));
            }
        }
        return read;
    }

    private void store(long index) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO domain_event_entry VALUES (?, '2026-12-04T00:00:00Z', ?, 'S1', ?, 'TokenSeries', 'P', "
                        + "NULL, X'00', NULL)")) {
            insert.setLong(1, index);
            insert.setString(2, "event-" + index);
            insert.setLong(3, index);
            insert.executeUpdate();
        }
    }

    private static long rowsScanned(String plan) {
        long scanned = 0;
        Matcher counts = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        while (counts.find()) {
            scanned += Long.parseLong(counts.group(1));
        }
        return scanned;
    }
}
