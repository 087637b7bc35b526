package org.ctl.infra.lookup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.ctl.command.series.AcceptedCommand;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.infra.axon.SerializerConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Fills {@code accepted_command} (V82) from the events stored before it existed, so that a ledger upgraded from a
 * version whose series kept every accepted command in memory still refuses to accept an old command id twice.
 * Reads the events of the four kinds that accept a command id, in the order they were stored, with the storage
 * serializer, and derives each row with {@link AcceptedCommand#acceptedBy} as the live table does. A new ledger has
 * no events, and this does nothing. Spring Boot hands every such bean to Flyway.
 */
@Component
public class V83__AcceptedCommandsOfEarlierEvents extends BaseJavaMigration {

    private static final List<Class<?>> ACCEPTING = List.of(UnitsTransferred.class, UnitsPledged.class,
            UnitsBurned.class, SeriesFlagged.class, SeriesWoundUp.class);
    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws SQLException {
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(SerializerConfiguration.storageObjectMapper()).build();
        Connection connection = context.getConnection();
        String types = String.join(", ", ACCEPTING.stream().map(type -> "'" + type.getName() + "'").toList());
        try (PreparedStatement read = connection.prepareStatement("""
                SELECT aggregate_identifier, sequence_number, payload_type, payload_revision, payload
                  FROM domain_event_entry
                 WHERE payload_type IN (%s)
                 ORDER BY global_index""".formatted(types));
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO accepted_command (token_id, command_key, content, sequence_number)
                     VALUES (?, ?, ?, ?)""");
             PreparedStatement windUp = connection.prepareStatement("""
                     UPDATE accepted_command SET sequence_number = ? WHERE token_id = ? AND command_key = ?""")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet row = read.executeQuery()) {
                while (row.next()) {
                    String series = row.getString("aggregate_identifier");
                    long sequence = row.getLong("sequence_number");
                    Object event = serializer.deserialize(new SimpleSerializedObject<>(row.getBytes("payload"),
                            byte[].class, row.getString("payload_type"), row.getString("payload_revision")));
                    if (event instanceof SeriesWoundUp woundUp) {
                        pending = flush(insert, pending);
                        windUp.setLong(1, sequence);
                        windUp.setString(2, series);
                        windUp.setString(3, AcceptedCommand.flagKey(woundUp.flagId()));
                        windUp.executeUpdate();
                        continue;
                    }
                    AcceptedCommand command = AcceptedCommand.acceptedBy(event, sequence).orElseThrow();
                    insert.setString(1, series);
                    insert.setString(2, command.key());
                    insert.setString(3, command.content());
                    insert.setLong(4, command.sequence());
                    insert.addBatch();
                    if (++pending == BATCH) {
                        pending = flush(insert, pending);
                    }
                }
            }
            flush(insert, pending);
        }
    }

    private static int flush(PreparedStatement insert, int pending) throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
        }
        return 0;
    }
}
