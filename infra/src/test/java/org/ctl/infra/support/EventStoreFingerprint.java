package org.ctl.infra.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.jdbc.core.JdbcTemplate;

/** A SHA-256 over every byte of every stored event, snapshot and token row: equal means byte-for-byte unchanged. */
public final class EventStoreFingerprint {

    private EventStoreFingerprint() {
    }

    public static String of(JdbcTemplate jdbc) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (String query : new String[] {
                "SELECT * FROM domain_event_entry ORDER BY global_index",
                "SELECT * FROM snapshot_event_entry ORDER BY aggregate_identifier, sequence_number",
                "SELECT * FROM collateral_binding ORDER BY collateral_id"}) {
            jdbc.query(query, row -> {
                int columns = row.getMetaData().getColumnCount();
                for (int column = 1; column <= columns; column++) {
                    byte[] bytes = row.getBytes(column);
                    digest.update(bytes == null ? new byte[] {0} : bytes);
                    digest.update("|".getBytes(StandardCharsets.UTF_8));
                }
            });
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
