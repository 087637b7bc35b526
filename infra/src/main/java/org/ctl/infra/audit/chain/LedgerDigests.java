package org.ctl.infra.audit.chain;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.springframework.stereotype.Service;

/**
 * Digests of the ledger chain (as Amazon QLDB's digests or immudb's verified state): {@link #current()} names the
 * chained head and its ledger hash; {@link #check} recomputes the ledger chain from the raw rows up to a digest's
 * global index, using the rows alone (not the stored links), and compares.
 */
@Service
public class LedgerDigests {

    private final StoredEvents events;
    private final ChainLinks links;
    private final AuditChainProperties properties;
    private final Executor readers;
    private final Clock clock = Clock.systemUTC();

    public LedgerDigests(StoredEvents events, ChainLinks links, AuditChainProperties properties,
                         AuditReaders readers) {
        this.events = events;
        this.links = links;
        this.properties = properties;
        this.readers = readers.executor();
    }

    /** The digest of the chained head. */
    public LedgerDigest current() {
        Optional<ChainLink> head = links.head();
        String issuedAt = clock.instant().toString();
        if (head.isEmpty()) {
            return new LedgerDigest(-1, 0, ChainVerifier.hex(EventHasher.GENESIS), "SHA-256", null, null, issuedAt);
        }
        ChainLink link = head.get();
        String eventTimestamp = events.between(link.globalIndex() - 1, link.globalIndex(), 1).stream()
                .map(StoredEvent::timestamp).findFirst().orElse(null);
        return new LedgerDigest(link.globalIndex(), link.ledgerPosition() + 1, ChainVerifier.hex(link.ledgerHash()),
                "SHA-256", eventTimestamp, link.chainedAt(), issuedAt);
    }

    /**
     * Recomputes the ledger chain over every stored row up to {@code globalIndex} and compares it with {@code hash}.
     *
     * @param globalIndex a digest's global index, -1 or more
     * @param hash        the digest's 32-byte hash
     */
    public DigestCheck check(long globalIndex, byte[] hash) {
        if (globalIndex < -1 || hash == null || hash.length != EventHasher.GENESIS.length) {
            throw new IllegalArgumentException("a digest is a global index of -1 or more and a 32-byte hash");
        }
        EventHasher hasher = new EventHasher();
        byte[] ledger = EventHasher.GENESIS;
        long hashed = 0;
        long last = -1;
        int batchSize = properties.batchSize();
        OrderedBatches<HashedEvent> rows = new OrderedBatches<>(-1, batchSize,
                after -> HashedEvent.of(events.between(after, globalIndex, batchSize)), HashedEvent::globalIndex,
                readers);
        for (long next = rows.peekIndex(); next != OrderedBatches.END; next = rows.peekIndex()) {
            HashedEvent row = rows.takeAt(next);
            ledger = hasher.chain(ledger, row.eventHash());
            last = row.globalIndex();
            hashed++;
        }
        boolean matches = EventHasher.same(ledger, hash) && last == globalIndex;
        String detail;
        if (matches) {
            detail = "the " + hashed + " stored events up to global index " + globalIndex + " hash to the digest";
        } else if (last < globalIndex && events.head() < globalIndex) {
            detail = "the ledger now ends at global index " + events.head() + ", before the digest's global index "
                    + globalIndex + ": events were removed (or the digest is not of this ledger)";
        } else if (last != globalIndex) {
            detail = "no event is stored at the digest's global index " + globalIndex + " any more";
        } else {
            detail = "the stored events up to global index " + globalIndex + " no longer hash to the digest: "
                    + "history up to it was edited, deleted, inserted or reordered (GET /api/audit/chain names where, "
                    + "unless the chain table was rewritten too)";
        }
        return new DigestCheck(matches, globalIndex, ChainVerifier.hex(hash), ChainVerifier.hex(ledger), hashed,
                detail);
    }
}
