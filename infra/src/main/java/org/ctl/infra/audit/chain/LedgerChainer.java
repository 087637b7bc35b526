package org.ctl.infra.audit.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains every stored event to its predecessor, in global-index order: appends one {@link ChainLink} per event row
 * with the event's hash, its series chain hash and the ledger chain hash (see {@link EventHasher}).
 *
 * <p>Why not an Axon event processor: the ledger chain must follow the global index, so that anyone holding a
 * digest (global index, hash) can recompute it from the rows alone. Axon's streaming processors deliver an event
 * that commits late (behind a younger one) after the younger one, and keep such gaps in their token for up to
 * 10,000 events; and they can be reset and replayed, which must never happen to a chain (a replay over edited rows
 * would bless them). So the chainer is its own single writer: it reads raw rows after the chained head, chains them
 * in order, and at a missing index waits until the index has been missing for {@code ctl.audit.chain.gap-timeout}
 * (then it was a rolled-back transaction). Its position is the chain itself, written in the same transaction as the
 * links: there is no token to reset, and no replay, reset or rebuild of the projections reaches it. A commit of
 * events wakes it (an Axon event-bus subscription, after the commit); a poll catches the rest.
 *
 * <p>The unique keys of {@code audit_chain_link} make a second writer (a second node) fail rather than fork the chain.
 */
@Component
public class LedgerChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerChainer.class);
    /** Series heads kept in memory between batches. */
    private static final int MAX_CACHED_SERIES = 100_000;

    private final StoredEvents events;
    private final ChainLinks links;
    private final TransactionTemplate transaction;
    private final EventStore eventStore;
    private final AuditChainProperties properties;
    private final Clock clock;
    private final EventHasher hasher = new EventHasher();
    private final Object signal = new Object();
    /**
     * Series heads of committed batches (bounded, least recently used first out), so that chaining an event costs
     * no lookup of its predecessor; touched under this object's lock only.
     */
    private final Map<String, SeriesHead> committedHeads = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SeriesHead> eldest) {
            return size() > MAX_CACHED_SERIES;
        }
    };
    /** The lowest missing index the chainer waits at, and since when; touched by the chaining thread only. */
    private long gapAt = -1;
    private Instant gapSince;
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private Registration subscription;

    public LedgerChainer(StoredEvents events, ChainLinks links, PlatformTransactionManager transactionManager,
                         EventStore eventStore, AuditChainProperties properties) {
        this.events = events;
        this.links = links;
        this.transaction = new TransactionTemplate(transactionManager);
        this.eventStore = eventStore;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /**
     * Chains every event that can be chained now (up to a missing index that is not yet settled) and answers how
     * many it chained. Safe to call from any thread; the chaining thread calls it whenever woken.
     */
    public synchronized long chainAvailable() {
        long chained = 0;
        Batch batch;
        do {
            try {
                batch = transaction.execute(status -> chainBatch());
            } catch (RuntimeException failed) {
                committedHeads.clear();
                throw failed;
            }
            batch.heads().forEach(committedHeads::put);
            chained += batch.chained();
        } while (batch.chained() == properties.batchSize());
        return chained;
    }

    /** The newest chained event of a series: its sequence number and series hash. */
    private record SeriesHead(long sequenceNumber, byte[] hash) {
    }

    /** What one transaction chained: how many events, and the series heads it left. */
    private record Batch(int chained, Map<String, SeriesHead> heads) {
    }

    private Batch chainBatch() {
        Optional<ChainLink> head = links.head();
        long after = head.map(ChainLink::globalIndex).orElse(-1L);
        long position = head.map(link -> link.ledgerPosition() + 1).orElse(0L);
        byte[] ledgerHash = head.map(ChainLink::ledgerHash).orElse(EventHasher.GENESIS);
        List<StoredEvent> rows = events.between(after, Long.MAX_VALUE, properties.batchSize());
        Map<String, SeriesHead> batchHeads = new HashMap<>();
        List<ChainLink> chained = new ArrayList<>(rows.size());
        String chainedAt = clock.instant().toString();
        long expected = after + 1;
        for (StoredEvent row : rows) {
            if (row.globalIndex() != expected && !gapSettled(expected, row.globalIndex())) {
                break;
            }
            byte[] eventHash = hasher.eventHash(row);
            byte[] previousSeries = previousSeriesHash(row, batchHeads);
            byte[] seriesHash = hasher.chain(previousSeries, eventHash);
            ledgerHash = hasher.chain(ledgerHash, eventHash);
            batchHeads.put(row.aggregateIdentifier(), new SeriesHead(row.sequenceNumber(), seriesHash));
            chained.add(new ChainLink(row.globalIndex(), position++, row.eventIdentifier(),
                    row.aggregateIdentifier(), row.sequenceNumber(), eventHash, seriesHash, ledgerHash, chainedAt));
            expected = row.globalIndex() + 1;
        }
        if (!chained.isEmpty()) {
            links.append(chained);
        }
        return new Batch(chained.size(), batchHeads);
    }

    /**
     * The series hash before {@code row}: from this batch, else from the heads of committed batches, else the stored
     * link of the sequence number before (one lookup by the unique key), else the series' newest link.
     */
    private byte[] previousSeriesHash(StoredEvent row, Map<String, SeriesHead> batchHeads) {
        String aggregate = row.aggregateIdentifier();
        SeriesHead known = batchHeads.get(aggregate);
        if (known == null) {
            known = committedHeads.get(aggregate);
        }
        if (known != null && known.sequenceNumber() == row.sequenceNumber() - 1) {
            return known.hash();
        }
        if (row.sequenceNumber() > 0) {
            Optional<ChainLink> before = links.ofSeries(aggregate, row.sequenceNumber() - 1);
            if (before.isPresent()) {
                return before.get().seriesHash();
            }
        }
        // the first event of a series, or one whose predecessor is missing (the audit names that): chain it on
        // whatever the series' chain ends with
        if (known != null) {
            return known.hash();
        }
        return links.seriesHead(aggregate).map(ChainLink::seriesHash).orElse(EventHasher.GENESIS);
    }

    /**
     * Whether the indexes {@code [missing, next)} may be taken for never stored: they have been missing for the gap
     * timeout, counted from when this chainer first found them missing.
     */
    private boolean gapSettled(long missing, long next) {
        Instant now = clock.instant();
        if (gapAt != missing) {
            gapAt = missing;
            gapSince = now;
        }
        if (Duration.between(gapSince, now).compareTo(properties.gapTimeout()) < 0) {
            return false;
        }
        log.info("Global indexes {} to {} were never stored (missing for {}): the audit chain goes on past them",
                missing, next - 1, properties.gapTimeout());
        gapAt = -1;
        return true;
    }

    /** Wakes the chaining thread (after a commit of events). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void onPublished() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> wake());
        } else {
            wake();
        }
    }

    private void loop() {
        long backoffMs = properties.pollInterval().toMillis();
        while (running) {
            try {
                long began = System.nanoTime();
                chainAvailable();
                backoffMs = properties.pollInterval().toMillis();
                // Each commit of events wakes the chainer; under load it would chain each commit in a transaction
                // of its own. It chains what committed meanwhile in one transaction, woken at most this often.
                pauseUntil(began + properties.wakeInterval().toNanos());
                await(gapAt >= 0 ? Math.min(backoffMs, 100) : backoffMs);
            } catch (DuplicateKeyException anotherNodeChainedFirst) {
                // Several nodes on one database: each runs a chainer, and the link table's unique keys let only one
                // of them write a given link; the others read the new head and go on from it.
                log.debug("Another node chained these events first; continuing from its head");
                await(properties.pollInterval().toMillis());
            } catch (RuntimeException failed) {
                log.error("The audit chainer failed; it tries again in {} ms", backoffMs, failed);
                await(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
    }

    /** Waits until {@code deadline} (of {@link System#nanoTime()}) or until stopped, whatever wakes it meanwhile. */
    private void pauseUntil(long deadline) {
        synchronized (signal) {
            long remaining = deadline - System.nanoTime();
            while (running && remaining > 0) {
                try {
                    signal.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
                remaining = deadline - System.nanoTime();
            }
        }
    }

    private void await(long timeoutMs) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(timeoutMs);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        subscription = eventStore.subscribe(published -> onPublished());
        thread = new Thread(this::loop, "ctl-audit-chainer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            if (subscription != null) {
                subscription.cancel();
            }
            stopping = thread;
        }
        wake();
        if (stopping != null) {
            try {
                stopping.join(10_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
