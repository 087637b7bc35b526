package org.ctl.infra.audit.chain;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Threads that read the next batch of rows and links from the database while an audit hashes the batch before:
 * on two cores, reading and hashing overlap instead of taking turns.
 */
@Component
public class AuditReaders implements DisposableBean {

    /** Two readers: one for the event rows, one for the chain links of a verification. */
    private static final int THREADS = 2;

    private final ExecutorService executor;

    public AuditReaders() {
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "ctl-audit-reader-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
