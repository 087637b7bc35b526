package org.ctl.infra.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * H2's own chunk rewriting, run by the ledger because {@code WRITE_DELAY=0} switches off the thread that runs it.
 *
 * <p>H2's MVStore writes each commit as a new chunk of the file. A chunk's space is reused only once none of its
 * pages is live any more, and most chunks keep a page or two for good (a full leaf of the event table, say). H2's
 * background writer rewrites the live pages of such sparse chunks into new ones, so that the old ones can be
 * freed; but the ledger sets {@code WRITE_DELAY=0} (every commit written before it is acknowledged), and with it H2
 * starts no background writer. Without this, the file grew by about 12 MB a second under the benchmark's hot load
 * and never stopped; every chunk stayed, and with them the holes H2 searches for room at each commit.
 *
 * <p>Every {@code interval}, while the live share of the chunks is below {@code targetFillRate}, this asks H2
 * ({@link MVStore#compact(int, int)}) to rewrite up to {@code bytesPerRun} of the sparsest chunks' live pages.
 * H2 does that under its store lock, as its background writer would, and keeps the freed chunks for its retention
 * time before it reuses their space. On any other database (PostgreSQL), or an in-memory H2, it does nothing.
 */
public class H2ChunkRewriting implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2ChunkRewriting.class);

    private final DataSource dataSource;
    private final H2ChunkRewritingProperties settings;
    private volatile ScheduledExecutorService timer;
    private volatile MVStore store;

    public H2ChunkRewriting(DataSource dataSource, H2ChunkRewritingProperties settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("H2 chunk rewriting is off (ctl.storage.h2.chunk-rewriting.interval=0)");
            return;
        }
        Optional<MVStore> fileStore = embeddedFileStore(dataSource);
        if (fileStore.isEmpty()) {
            return;
        }
        store = fileStore.get();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ctl-h2-chunk-rewriting");
            thread.setDaemon(true);
            return thread;
        });
        long millis = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::rewrite, millis, millis, TimeUnit.MILLISECONDS);
        log.info("H2 chunk rewriting every {} ms (up to {} KB a run, while chunks are less than {} % live)",
                millis, settings.bytesPerRun().toKilobytes(), settings.targetFillRate());
    }

    /** One run: H2 rewrites the sparsest chunks' live pages, up to the budget, if the chunks are sparse enough. */
    void rewrite() {
        MVStore rewritten = store;
        try {
            if (rewritten != null && !rewritten.isClosed()) {
                rewritten.compact(settings.targetFillRate(), (int) settings.bytesPerRun().toBytes());
            }
        } catch (RuntimeException failure) {
            if (timer != null) { // not interrupted by stop()
                log.warn("H2 chunk rewriting failed; it runs again in {}", settings.interval(), failure);
            }
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        store = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** Stops before the data source closes (it is stopped after every lifecycle bean of a lower phase). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1_000;
    }

    /** The MVStore behind {@code dataSource} when it is an embedded H2 database stored in a file. */
    static Optional<MVStore> embeddedFileStore(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return Optional.empty();
            }
            Session session = connection.unwrap(JdbcConnection.class).getSession();
            return session instanceof SessionLocal local && local.getDatabase().isPersistent()
                    ? Optional.of(local.getDatabase().getStore().getMvStore()) : Optional.empty();
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot reach the database to look for an H2 file store", failure);
        }
    }
}
