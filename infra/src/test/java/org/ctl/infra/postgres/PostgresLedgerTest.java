package org.ctl.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.HttpLedgerClient.json;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.ctl.infra.audit.chain.BreakKind;
import org.ctl.infra.audit.chain.ChainVerification;
import org.ctl.infra.audit.chain.ChainVerifier;
import org.ctl.infra.audit.chain.LedgerChainer;
import org.ctl.infra.audit.chain.LedgerDigest;
import org.ctl.infra.audit.chain.LedgerDigests;
import org.ctl.infra.storage.H2ChunkRewriting;
import org.ctl.infra.support.HttpLedgerClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same application on PostgreSQL (the {@code postgres} profile), in a schema of its own that Flyway creates
 * from the PostgreSQL migrations: a series issued, verified, moved and read back over HTTP. Skipped, with a
 * message saying so, where no PostgreSQL answers at {@value #URL}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresLedgerTest {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "ctl_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @LocalServerPort
    int port;

    /** Requires PostgreSQL, and drops the schemas earlier runs left (a cached context outlives @AfterAll). */
    @BeforeAll
    static void requirePostgres() {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            var leftovers = statement.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ctl\\_it\\_%'");
            var names = new java.util.ArrayList<String>();
            while (leftovers.next()) {
                names.add(leftovers.getString(1));
            }
            for (String name : names) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        } catch (SQLException unreachable) {
            Assumptions.abort("PostgreSQL is not reachable at " + URL + " (" + unreachable.getMessage()
                    + "): the PostgreSQL tests are skipped. Start one with trust auth for user postgres to run them.");
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("spring.flyway.schemas", () -> SCHEMA);
        properties.add("spring.flyway.create-schemas", () -> "true");
        properties.add("ctl.participants.issuers", () -> "treasury");
        properties.add("ctl.participants.oracles", () -> "verifier");
        properties.add("ctl.security.users.treasury.password", () -> "{noop}treasury-secret");
        properties.add("ctl.security.users.treasury.roles", () -> "ISSUER");
        properties.add("ctl.security.users.verifier.password", () -> "{noop}verifier-secret");
        properties.add("ctl.security.users.verifier.roles", () -> "ORACLE");
        properties.add("ctl.security.users.dana.password", () -> "{noop}dana-secret");
        properties.add("ctl.security.users.dana.roles", () -> "HOLDER");
    }

    @Test
    void runsTheLedgerOnPostgres() {
        HttpLedgerClient treasury = HttpLedgerClient.as(port, "treasury", "treasury-secret");
        var issued = treasury.post("/api/tokens", json("tokenId", "PG1", "computeUnit", "H100-GPU-HOUR",
                "computeRights", 10, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "C-PG1", "qubits", 8, "qubitPrice", "0.20"),
                "policy", "HYBRID"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.json().path("series").path("pricing").path("finalPrice").asText()).isEqualTo("14.20");
        assertThat(HttpLedgerClient.as(port, "verifier", "verifier-secret").post("/api/tokens/PG1/verify").status())
                .isEqualTo(200);
        var moved = treasury.post("/api/tokens/PG1/transfers", json("transferId", "pg-t1", "from", "treasury",
                "to", "dana", "amount", 3));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        long position = moved.json().path("position").asLong();
        var portfolio = HttpLedgerClient.as(port, "dana", "dana-secret")
                .get("/api/holders/dana/balances?position=" + position).json();
        assertThat(portfolio.path("balances").get(0).path("available").asLong()).isEqualTo(3);
        var overdraft = HttpLedgerClient.as(port, "dana", "dana-secret").post("/api/tokens/PG1/transfers",
                json("transferId", "pg-t2", "from", "dana", "to", "treasury", "amount", 4));
        assertThat(overdraft.code()).isEqualTo("INSUFFICIENT_AVAILABLE_BALANCE");
    }

    @Autowired
    H2ChunkRewriting h2ChunkRewriting;

    @Test
    void runsNoH2ChunkRewritingOnPostgres() {
        assertThat(h2ChunkRewriting.isRunning()).isFalse();
    }

    @Autowired
    LedgerChainer chainer;
    @Autowired
    ChainVerifier chainVerifier;
    @Autowired
    LedgerDigests digests;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void chainsVerifiesAndCatchesAnEditOnPostgres() {
        HttpLedgerClient treasury = HttpLedgerClient.as(port, "treasury", "treasury-secret");
        assertThat(treasury.post("/api/tokens", json("tokenId", "PG2", "computeUnit", "H100-GPU-HOUR",
                "computeRights", 10, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "C-PG2", "qubits", 8, "qubitPrice", "0.20"),
                "policy", "HYBRID")).status()).isEqualTo(201);
        chainer.chainAvailable();
        ChainVerification intact = chainVerifier.verify();
        assertThat(intact.ok()).as(String.valueOf(intact)).isTrue();
        assertThat(intact.unchainedTail().events()).isZero();
        LedgerDigest digest = digests.current();
        assertThat(digests.check(digest.globalIndex(), HexFormat.of().parseHex(digest.hash())).matches()).isTrue();

        long at = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = 'PG2' "
                + "AND sequence_number = 0", Long.class);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, at);
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                new String(original, StandardCharsets.UTF_8).replace("C-PG2", "C-PG9").getBytes(StandardCharsets.UTF_8),
                at);
        try {
            ChainVerification edited = chainVerifier.verify();
            assertThat(edited.ledgerBreak().kind()).isEqualTo(BreakKind.EDITED);
            assertThat(edited.ledgerBreak().globalIndex()).isEqualTo(at);
            assertThat(digests.check(digest.globalIndex(), HexFormat.of().parseHex(digest.hash())).matches()).isFalse();
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, at);
        }
        assertThat(chainVerifier.verify().ok()).isTrue();
    }
}
