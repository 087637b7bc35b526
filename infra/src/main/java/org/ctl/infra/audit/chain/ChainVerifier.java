package org.ctl.infra.audit.chain;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.ctl.infra.audit.chain.ChainVerification.ChainedHead;
import org.ctl.infra.audit.chain.ChainVerification.UnchainedTail;
import org.springframework.stereotype.Service;

/**
 * The tamper-evidence audit: recomputes every event's hash from the raw rows (plain JDBC, payloads never
 * deserialized), recomputes the ledger chain and every series chain from them, compares each with the stored links
 * up to the chained head, and names the first event where the ledger chain breaks and the first where a series chain
 * breaks. Rows are read in batches of {@code ctl.audit.chain.batch-size}, merged by global index with the links.
 */
@Service
public class ChainVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private final StoredEvents events;
    private final ChainLinks links;
    private final AuditChainProperties properties;
    private final Executor readers;

    public ChainVerifier(StoredEvents events, ChainLinks links, AuditChainProperties properties,
                         AuditReaders readers) {
        this.events = events;
        this.links = links;
        this.properties = properties;
        this.readers = readers.executor();
    }

    /** Verifies the whole chain, from the first event to the chained head. */
    public ChainVerification verify() {
        Optional<ChainLink> head = links.head();
        long headIndex = head.map(ChainLink::globalIndex).orElse(-1L);
        int batchSize = properties.batchSize();
        OrderedBatches<HashedEvent> rows = new OrderedBatches<>(-1, batchSize,
                after -> HashedEvent.of(events.between(after, headIndex, batchSize)), HashedEvent::globalIndex,
                readers);
        OrderedBatches<ChainLink> chain = new OrderedBatches<>(-1, batchSize,
                after -> links.between(after, headIndex, batchSize), ChainLink::globalIndex, readers);
        Walk walk = new Walk();
        while (true) {
            long next = Math.min(rows.peekIndex(), chain.peekIndex());
            if (next == OrderedBatches.END) {
                break;
            }
            walk.step(rows.takeAt(next), chain.takeAt(next));
        }
        List<StoredEvent> firstUnchained = events.between(headIndex, Long.MAX_VALUE, 1);
        long tail = firstUnchained.isEmpty() ? 0 : events.countAfter(headIndex);
        UnchainedTail unchained = new UnchainedTail(tail,
                firstUnchained.isEmpty() ? -1 : firstUnchained.get(0).globalIndex(),
                firstUnchained.isEmpty() ? -1 : events.head());
        boolean ok = walk.ledgerBreak == null && walk.seriesBreak == null;
        return new ChainVerification(ok ? ChainVerification.OK : ChainVerification.BROKEN, "SHA-256",
                walk.verified, walk.series.size(),
                head.map(link -> new ChainedHead(link.globalIndex(), link.ledgerPosition(), hex(link.ledgerHash()),
                        link.chainedAt())).orElse(null),
                unchained, walk.ledgerBreak, walk.seriesBreak, walk.brokenSeries);
    }

    static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
    }

    /** One series' chain as recomputed so far. */
    private static final class SeriesState {
        long nextSequence;
        byte[] hash = EventHasher.GENESIS;
        boolean broken;
    }

    /** The walk over (row, link) pairs by global index, with the chains recomputed so far. */
    private final class Walk {
        final EventHasher hasher = new EventHasher();
        final Map<String, SeriesState> series = new HashMap<>();
        long verified;
        long nextPosition;
        byte[] ledgerHash = EventHasher.GENESIS;
        ChainBreak ledgerBreak;
        ChainBreak seriesBreak;
        long brokenSeries;

        void step(HashedEvent hashed, ChainLink link) {
            StoredEvent row = hashed == null ? null : hashed.row();
            byte[] eventHash = hashed == null ? null : hashed.eventHash();
            if (ledgerBreak == null) {
                ledgerBreak = checkLedger(row, link, eventHash);
            }
            String aggregate = row != null ? row.aggregateIdentifier() : link.aggregateIdentifier();
            SeriesState state = series.computeIfAbsent(aggregate, ignored -> new SeriesState());
            if (!state.broken) {
                ChainBreak broken = checkSeries(state, row, link, eventHash);
                if (broken != null) {
                    state.broken = true;
                    brokenSeries++;
                    if (seriesBreak == null) {
                        seriesBreak = broken;
                    }
                }
            }
            if (row != null) {
                verified++;
            }
        }

        private ChainBreak checkLedger(StoredEvent row, ChainLink link, byte[] eventHash) {
            ChainBreak differs = compare(ChainBreak.LEDGER, row, link, eventHash);
            if (differs != null) {
                return differs;
            }
            if (link.ledgerPosition() != nextPosition) {
                return link.ledgerPosition() > nextPosition
                        ? at(ChainBreak.LEDGER, BreakKind.DELETED, row, null, eventHash, (link.ledgerPosition()
                        - nextPosition) + " chained event(s) before global index " + row.globalIndex()
                        + " are gone from both the event table and the chain")
                        : at(ChainBreak.LEDGER, BreakKind.CHAIN_ALTERED, row, null, eventHash,
                        "the chain's positions repeat at global index " + row.globalIndex());
            }
            ledgerHash = hasher.chain(ledgerHash, eventHash);
            if (!EventHasher.same(ledgerHash, link.ledgerHash())) {
                return new ChainBreak(ChainBreak.LEDGER, BreakKind.CHAIN_ALTERED, row.globalIndex(),
                        row.aggregateIdentifier(), row.sequenceNumber(), row.eventIdentifier(), hex(ledgerHash),
                        hex(link.ledgerHash()), "the event is as chained, but the stored ledger hash does not follow "
                        + "from its predecessors: the chain table was edited");
            }
            nextPosition++;
            return null;
        }

        private ChainBreak checkSeries(SeriesState state, StoredEvent row, ChainLink link, byte[] eventHash) {
            ChainBreak differs = compare(ChainBreak.SERIES, row, link, eventHash);
            if (differs != null) {
                return differs;
            }
            if (row.sequenceNumber() != state.nextSequence) {
                return row.sequenceNumber() > state.nextSequence
                        ? at(ChainBreak.SERIES, BreakKind.DELETED, row, null, eventHash, "sequence numbers "
                        + state.nextSequence + " to " + (row.sequenceNumber() - 1) + " of series "
                        + row.aggregateIdentifier() + " are gone from both the event table and the chain")
                        : at(ChainBreak.SERIES, BreakKind.REORDERED, row, null, eventHash, "sequence number "
                        + row.sequenceNumber() + " of series " + row.aggregateIdentifier()
                        + " comes after sequence number " + (state.nextSequence - 1));
            }
            state.hash = hasher.chain(state.hash, eventHash);
            if (!EventHasher.same(state.hash, link.seriesHash())) {
                return new ChainBreak(ChainBreak.SERIES, BreakKind.CHAIN_ALTERED, row.globalIndex(),
                        row.aggregateIdentifier(), row.sequenceNumber(), row.eventIdentifier(), hex(state.hash),
                        hex(link.seriesHash()), "the event is as chained, but the stored series hash does not follow "
                        + "from its predecessors: the chain table was edited");
            }
            state.nextSequence++;
            return null;
        }

        /** The break when the row at a global index is not the event chained there unchanged; null when it is. */
        private ChainBreak compare(String chain, StoredEvent row, ChainLink link, byte[] eventHash) {
            if (row == null) {
                return new ChainBreak(chain, BreakKind.DELETED, link.globalIndex(), link.aggregateIdentifier(),
                        link.sequenceNumber(), link.eventIdentifier(), hex(link.eventHash()), null,
                        "the event chained at global index " + link.globalIndex() + " (series "
                        + link.aggregateIdentifier() + ", sequence " + link.sequenceNumber()
                        + ") is no longer stored");
            }
            if (link == null) {
                return unchained(chain, row, eventHash);
            }
            boolean sameEvent = row.eventIdentifier().equals(link.eventIdentifier());
            boolean samePlace = row.aggregateIdentifier().equals(link.aggregateIdentifier())
                    && row.sequenceNumber() == link.sequenceNumber();
            if (sameEvent && samePlace && EventHasher.same(eventHash, link.eventHash())) {
                return null;
            }
            if (sameEvent && samePlace) {
                return at(chain, BreakKind.EDITED, row, link, eventHash, "the stored event at global index "
                        + row.globalIndex() + " no longer hashes to what was chained: its content was edited");
            }
            if (sameEvent && row.aggregateIdentifier().equals(link.aggregateIdentifier())) {
                return at(chain, BreakKind.REORDERED, row, link, eventHash, "the event chained as sequence "
                        + link.sequenceNumber() + " of series " + link.aggregateIdentifier() + " now has sequence "
                        + row.sequenceNumber());
            }
            if (sameEvent) {
                return at(chain, BreakKind.EDITED, row, link, eventHash, "the event chained in series "
                        + link.aggregateIdentifier() + " now belongs to series " + row.aggregateIdentifier());
            }
            Optional<ChainLink> elsewhere = links.ofEvent(row.eventIdentifier());
            if (elsewhere.isPresent()) {
                return at(chain, BreakKind.REORDERED, row, link, eventHash, "the event chained at global index "
                        + elsewhere.get().globalIndex() + " now stands at global index " + row.globalIndex()
                        + ", where event " + link.eventIdentifier() + " was chained");
            }
            return at(chain, BreakKind.INSERTED, row, link, eventHash, "an event the chain never saw stands at "
                    + "global index " + row.globalIndex() + ", where event " + link.eventIdentifier()
                    + " was chained");
        }

        private ChainBreak unchained(String chain, StoredEvent row, byte[] eventHash) {
            Optional<ChainLink> elsewhere = links.ofEvent(row.eventIdentifier());
            if (elsewhere.isPresent()) {
                return at(chain, BreakKind.REORDERED, row, elsewhere.get(), eventHash, "the event chained at "
                        + "global index " + elsewhere.get().globalIndex() + " now stands at global index "
                        + row.globalIndex());
            }
            return at(chain, BreakKind.INSERTED, row, null, eventHash, "the row at global index "
                    + row.globalIndex() + " was never chained, though the chain passed it: inserted behind the "
                    + "ledger's back (or committed after the chainer had waited ctl.audit.chain.gap-timeout for it)");
        }

        private ChainBreak at(String chain, BreakKind kind, StoredEvent row, ChainLink expected, byte[] found,
                              String detail) {
            return new ChainBreak(chain, kind, row.globalIndex(), row.aggregateIdentifier(), row.sequenceNumber(),
                    row.eventIdentifier(), expected == null ? null : hex(expected.eventHash()), hex(found), detail);
        }
    }
}
