package org.ctl.infra.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * On an H2 file written with {@code WRITE_DELAY=0}, as the ledger writes it, every commit leaves a chunk with a live
 * page behind; the rewriting lets H2 free those chunks, and without it they all stay. Each test's file keeps no
 * freed chunk for a retention time ({@code RETENTION_TIME=0}), so that what is freed shows at once.
 */
class H2ChunkRewritingTest {

    private static final int COMMITS = 1_500;

    @TempDir
    Path directory;

    private HikariDataSource dataSource;
    private H2ChunkRewriting rewriting;
    private final AtomicLong ids = new AtomicLong();

    @AfterEach
    void close() {
        if (rewriting != null) {
            rewriting.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void chunksLeftByManyCommitsAreRewrittenAndFreed() {
        JdbcTemplate jdbc = fileDatabase();
        commitRows(COMMITS);
        long before = chunkCount(jdbc);
        // A chunk stays for each leaf the commits filled (a few rows each): H2 frees only chunks with no live page.
        assertThat(before).as("chunks left by the commits").isGreaterThan(COMMITS / 10);

        rewriting = new H2ChunkRewriting(dataSource, settings(Duration.ofMillis(20)));
        rewriting.start();

        assertThat(rewriting.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            commitRows(1); // a commit drops the chunks the rewriting emptied
            assertThat(chunkCount(jdbc)).isLessThan(before / 5);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM row_per_commit", Long.class))
                .as("rewriting moves pages, it never loses a row").isEqualTo(ids.get());
    }

    @Test
    void withoutRewritingTheChunksStay() throws InterruptedException {
        JdbcTemplate jdbc = fileDatabase();
        commitRows(COMMITS);
        long before = chunkCount(jdbc);
        rewriting = new H2ChunkRewriting(dataSource, settings(Duration.ZERO));
        rewriting.start();

        Thread.sleep(500);
        commitRows(10);

        assertThat(rewriting.isRunning()).isFalse();
        assertThat(chunkCount(jdbc)).isGreaterThanOrEqualTo(before);
    }

    @Test
    void doesNothingOnAnInMemoryDatabase() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:rewriting-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        rewriting = new H2ChunkRewriting(dataSource, settings(Duration.ofMillis(20)));

        rewriting.start();

        assertThat(rewriting.isRunning()).isFalse();
    }

    @Test
    void refusesSettingsThatMeanNothing() {
        assertThatThrownBy(() -> new H2ChunkRewritingProperties(Duration.ofSeconds(-1), DataSize.ofMegabytes(4), 90))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> new H2ChunkRewritingProperties(Duration.ofSeconds(1), DataSize.ofBytes(0), 90))
                .hasMessageContaining("bytes-per-run");
        assertThatThrownBy(() -> new H2ChunkRewritingProperties(Duration.ofSeconds(1), DataSize.ofMegabytes(4), 0))
                .hasMessageContaining("target-fill-rate");
        assertThatThrownBy(() -> new H2ChunkRewritingProperties(Duration.ofSeconds(1), DataSize.ofMegabytes(4), 101))
                .hasMessageContaining("target-fill-rate");
    }

    private JdbcTemplate fileDatabase() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + directory.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        dataSource.setMaximumPoolSize(2);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE row_per_commit (id BIGINT PRIMARY KEY, payload VARCHAR(1000) NOT NULL)");
        return jdbc;
    }

    /** Each row in a transaction of its own, as each command group and projection batch of the ledger commits. */
    private void commitRows(int rows) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (int row = 0; row < rows; row++) {
            jdbc.update("INSERT INTO row_per_commit VALUES (?, ?)", ids.incrementAndGet(), "x".repeat(500));
        }
    }

    private static long chunkCount(JdbcTemplate jdbc) {
        return Long.parseLong(jdbc.queryForObject(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNK_COUNT'",
                String.class));
    }

    private static H2ChunkRewritingProperties settings(Duration interval) {
        return new H2ChunkRewritingProperties(interval, DataSize.ofMegabytes(4), 90);
    }
}
