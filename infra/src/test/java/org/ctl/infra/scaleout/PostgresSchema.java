package org.ctl.infra.scaleout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh schema of its own on the local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres},
 * trust auth), which the nodes' Flyway fills; dropped at the end. Where no PostgreSQL answers, {@link #createOrSkip}
 * skips the test with a message saying so.
 */
final class PostgresSchema implements AutoCloseable {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    final String name;
    final JdbcTemplate jdbc;

    private PostgresSchema(String name) {
        this.name = name;
        DriverManagerDataSource dataSource = new DriverManagerDataSource(URL + "?currentSchema=" + name
                + "&ApplicationName=" + applicationName("test"), USER, "");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    static PostgresSchema createOrSkip() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, "")) {
            return new PostgresSchema("ctl_sc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        } catch (SQLException unreachable) {
            Assumptions.abort("PostgreSQL is not reachable at " + URL + " (" + unreachable.getMessage()
                    + "): the scale-out tests are skipped. Start one with trust auth for user postgres (database "
                    + "test) to run them.");
            throw new AssertionError("unreachable");
        }
    }

    /** The JDBC URL of a node in this schema; its connections carry {@code application_name} ctl-schema-node. */
    String url(String node) {
        return URL + "?currentSchema=" + name + "&ApplicationName=" + applicationName(node);
    }

    String applicationName(String node) {
        return name + "-" + node;
    }

    /** Closes every connection one node holds (as a restarted or unreachable database would). */
    int terminateConnectionsOf(String node) {
        return jdbc.queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = ? AND pid <> pg_backend_pid()", Integer.class, applicationName(node));
    }

    @Override
    public void close() {
        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE ? "
                + "AND pid <> pg_backend_pid()", name + "-%");
        jdbc.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
