package org.ctl.query;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh, migrated read-model database per call, migrated by Flyway from {@code classpath:db/migration/{vendor}}
 * as infra migrates the real one. Only the query module's V2 is on this module's test classpath (V1, the event
 * store, is infra's), so these databases hold the read models alone.
 *
 * <p>By default an in-memory H2 database. With {@value #POSTGRESQL_URL_PROPERTY} set to a JDBC URL of a PostgreSQL
 * database (e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), each call gets a fresh schema
 * there instead, so that the same tests prove the same SQL on PostgreSQL.
 */
public final class ReadModelDatabase {

    /** The system property that moves the tests to PostgreSQL. */
    public static final String POSTGRESQL_URL_PROPERTY = "ctl.query.test.postgresql-url";

    private ReadModelDatabase() {
    }

    public static JdbcTemplate migrated() {
        String postgresqlUrl = System.getProperty(POSTGRESQL_URL_PROPERTY, "");
        String name = "read_models_" + UUID.randomUUID().toString().replace("-", "");
        if (postgresqlUrl.isBlank()) {
            return new JdbcTemplate(migrated("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "h2", null));
        }
        String separator = postgresqlUrl.contains("?") ? "&" : "?";
        JdbcTemplate jdbc = new JdbcTemplate(migrated(postgresqlUrl + separator + "currentSchema=" + name,
                "postgresql", name));
        // The schema is this run's own: dropped when the test JVM ends, so that runs leave nothing behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> jdbc.execute("DROP SCHEMA " + name + " CASCADE")));
        return jdbc;
    }

    /** A data source on {@code url}, migrated from {@code db/migration/<vendor>}, in {@code schema} if named. */
    public static DataSource migrated(String url, String vendor, String schema) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
        if (url.startsWith("jdbc:h2:")) {
            dataSource.setUsername("sa");
            dataSource.setPassword("");
        }
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor, "classpath:db/migration/common");
        if (schema != null) {
            configuration.schemas(schema).createSchemas(true);
        }
        configuration.load().migrate();
        return dataSource;
    }

    /** How many rows {@code table} holds. */
    public static long rows(JdbcTemplate jdbc, String table) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return count == null ? 0 : count;
    }
}
