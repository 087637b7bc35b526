package org.ctl.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

class ReadModelSchemaTest {

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ReadModelSchemaTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** One script for every vendor: infra's Flyway reads db/migration/common beside db/migration/{vendor}. */
    @Test
    void theReadModelsAreOneScriptForEveryVendor() throws IOException {
        assertThat(resource("/db/migration/common/V2__read_models.sql")).isNotEmpty();
        assertThat(ReadModelSchemaTest.class.getResource("/db/migration/h2/V2__read_models.sql")).isNull();
        assertThat(ReadModelSchemaTest.class.getResource("/db/migration/postgresql/V2__read_models.sql")).isNull();
    }

    @Test
    void aNegativeBalanceIsRefusedByTheSchemaItself() {
        JdbcTemplate jdbc = ReadModelDatabase.migrated();
        jdbc.update("INSERT INTO holding (token_id, holder_id, available, pledged) VALUES ('S1', 'alice', 1, 0)");

        assertThatThrownBy(() -> jdbc.update("UPDATE holding SET available = available - 2"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aSeriesSupplyThatDoesNotAddUpIsRefusedByTheSchemaItself() {
        JdbcTemplate jdbc = ReadModelDatabase.migrated();

        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO series_summary (token_id, issuer, compute_unit, status, policy, issued, outstanding,
                                            burned, collateral_id, collateral_unit, qubits, price_per_compute_right,
                                            qubit_price, issued_at, last_sequence)
                VALUES ('S1', 'issuer', 'H100', 'ACTIVE', 'HYBRID', 10, 9, 0, 'C1', 'QUBIT', 8, 1, 0.2,
                        CURRENT_TIMESTAMP, 0)"""))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
