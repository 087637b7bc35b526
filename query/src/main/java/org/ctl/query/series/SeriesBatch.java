package org.ctl.query.series;

import static org.ctl.query.shared.Columns.timestamp;
import static org.ctl.query.shared.BatchWrites.batchUpdate;
import static org.ctl.query.shared.InLists.inChunks;
import static org.ctl.query.shared.InLists.placeholders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.query.shared.BatchWrites;
import org.ctl.query.shared.SeriesEvents;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of {@code series_summary} and {@code market_price} that one batch of events touches, read once, changed
 * in memory event by event, and written at the end with one JDBC batch per statement; then the subscribers are
 * told the new collateralizations (once per series and price of the batch, with the batch's final state). Every
 * change is checked before anything is changed, so that a refused event leaves the batch as it was.
 */
final class SeriesBatch implements BatchWrites {

    /** The series events that move a series' row. */
    static final Set<Class<?>> SERIES_EVENTS = Set.of(TokenIssued.class, IssuanceVerified.class,
            UnitsTransferred.class, UnitsPledged.class, PledgeReleased.class, PledgeSeized.class, UnitsBurned.class,
            SeriesFlagged.class, SeriesWoundUp.class);

    /** What to tell the subscribers once the batch's rows are written (never for replayed events). */
    interface Subscribers {

        /** The series whose collateralization changed. */
        void seriesChanged(TokenId tokenId);

        /** A new price of a feed: every series it prices changed. */
        void priceChanged(PriceKind kind, String unit);
    }

    /** The columns a series event changes; the others are written once, at issuance. */
    private static final class SeriesRow {
        final TokenIssued issuance;
        final Instant issuedAt;
        final boolean stored;
        SeriesStatus status;
        long outstanding;
        long burned;
        String verifiedBy;
        long lastSequence;
        boolean changed;

        SeriesRow(TokenIssued issuance, Instant issuedAt, boolean stored, SeriesStatus status, long outstanding,
                  long burned, String verifiedBy, long lastSequence) {
            this.issuance = issuance;
            this.issuedAt = issuedAt;
            this.stored = stored;
            this.status = status;
            this.outstanding = outstanding;
            this.burned = burned;
            this.verifiedBy = verifiedBy;
            this.lastSequence = lastSequence;
            this.changed = !stored;
        }
    }

    private record Feed(PriceKind kind, String unit) {
    }

    private record Price(PricePublished event, Instant publishedAt, long feedSequence, boolean stored) {
    }

    private final JdbcTemplate jdbc;
    private final Subscribers subscribers;
    /** Every series read or created; a null value: read, and not there. */
    private final Map<String, SeriesRow> series = new HashMap<>();
    /** Every feed's stored sequence read; a null value: read, and not there. */
    private final Map<Feed, Long> storedFeedSequence = new HashMap<>();
    private final Map<Feed, Price> prices = new LinkedHashMap<>();
    private final Set<TokenId> changedSeries = new LinkedHashSet<>();
    private final Set<Feed> changedFeeds = new LinkedHashSet<>();

    SeriesBatch(JdbcTemplate jdbc, Subscribers subscribers) {
        this.jdbc = jdbc;
        this.subscribers = subscribers;
    }

    /** Creates the series' row, all its rights outstanding; nothing when the series is known already. */
    void issue(TokenIssued event, long sequence, Instant occurredAt, boolean tell) {
        if (seriesRow(event.tokenId()) != null) {
            return;
        }
        series.put(event.tokenId().value(), new SeriesRow(event, occurredAt, false, SeriesStatus.PENDING_VERIFICATION,
                event.computeRights().value(), 0, null, sequence));
        if (tell) {
            changedSeries.add(event.tokenId());
        }
    }

    void verify(IssuanceVerified event, long sequence, boolean tell) {
        SeriesRow row = unseen(event.tokenId(), sequence);
        if (row != null) {
            row.status = SeriesStatus.ACTIVE;
            row.verifiedBy = event.oracle().value();
            applied(event.tokenId(), row, sequence, tell);
        }
    }

    /** A series event that changes no column but the series' sequence (a transfer, a pledge and the like). */
    void touch(TokenId tokenId, long sequence) {
        SeriesRow row = unseen(tokenId, sequence);
        if (row != null) {
            applied(tokenId, row, sequence, false);
        }
    }

    /** Units burned (by a holder, or all of them at a wind-up): outstanding down, burned up. */
    void burn(TokenId tokenId, long sequence, long units, boolean tell) {
        SeriesRow row = unseen(tokenId, sequence);
        if (row == null) {
            return;
        }
        if (units > row.outstanding) {
            throw new IllegalStateException("event " + sequence + " of series " + tokenId + " burns " + units
                    + " units of " + row.outstanding + " outstanding");
        }
        row.outstanding -= units;
        row.burned += units;
        applied(tokenId, row, sequence, tell);
    }

    void flag(TokenId tokenId, long sequence, SeriesStatus status, boolean tell) {
        SeriesRow row = unseen(tokenId, sequence);
        if (row != null) {
            row.status = status;
            applied(tokenId, row, sequence, tell);
        }
    }

    /** Keeps the feed's price when it is newer than the one kept. */
    void publish(PricePublished event, long feedSequence, Instant publishedAt, boolean tell) {
        Feed feed = new Feed(event.feed().kind(), event.feed().unit());
        Long stored = storedFeedSequence(feed);
        Price pending = prices.get(feed);
        long newest = pending != null ? pending.feedSequence() : stored != null ? stored : -1;
        if (feedSequence <= newest) {
            return;
        }
        prices.put(feed, new Price(event, publishedAt, feedSequence, stored != null));
        if (tell) {
            changedFeeds.add(feed);
        }
    }

    @Override
    public void preload(List<? extends EventMessage<?>> messages) {
        inChunks(SeriesEvents.seriesOf(messages, SERIES_EVENTS), this::readSeries);
    }

    @Override
    public void write() {
        List<Object[]> inserted = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        series.forEach((tokenId, row) -> {
            if (row == null || !row.changed) {
                return;
            }
            if (row.stored) {
                updated.add(new Object[]{row.status.name(), row.outstanding, row.burned, row.verifiedBy,
                        row.lastSequence, tokenId});
            } else {
                TokenIssued event = row.issuance;
                inserted.add(new Object[]{tokenId, event.issuer().value(), event.computeUnit(), row.status.name(),
                        event.policy().name(), event.computeRights().value(), row.outstanding, row.burned,
                        event.collateral().collateralId(), event.collateral().unit(),
                        event.collateral().qubits().value(), event.pricePerComputeRight().amount(),
                        event.collateral().qubitPrice().amount(), row.verifiedBy, timestamp(row.issuedAt),
                        row.lastSequence});
            }
        });
        batchUpdate(jdbc, """
                INSERT INTO series_summary (token_id, issuer, compute_unit, status, policy, issued, outstanding, burned,
                                            collateral_id, collateral_unit, qubits, price_per_compute_right,
                                            qubit_price, verified_by, issued_at, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserted);
        batchUpdate(jdbc, """
                UPDATE series_summary SET status = ?, outstanding = ?, burned = ?, verified_by = ?, last_sequence = ?
                 WHERE token_id = ?""", updated);
        List<Object[]> newPrices = new ArrayList<>();
        List<Object[]> newerPrices = new ArrayList<>();
        prices.forEach((feed, price) -> {
            PricePublished event = price.event();
            BigDecimal amount = event.price().amount();
            if (price.stored()) {
                newerPrices.add(new Object[]{amount, event.priceId().value(), event.oracle().value(),
                        timestamp(price.publishedAt()), price.feedSequence(), feed.kind().name(), feed.unit()});
            } else {
                newPrices.add(new Object[]{feed.kind().name(), feed.unit(), amount, event.priceId().value(),
                        event.oracle().value(), timestamp(price.publishedAt()), price.feedSequence()});
            }
        });
        batchUpdate(jdbc, """
                INSERT INTO market_price (kind, unit, price, price_id, published_by, published_at, feed_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", newPrices);
        batchUpdate(jdbc, """
                UPDATE market_price SET price = ?, price_id = ?, published_by = ?, published_at = ?, feed_sequence = ?
                 WHERE kind = ? AND unit = ?""", newerPrices);
        changedSeries.forEach(subscribers::seriesChanged);
        changedFeeds.forEach(feed -> subscribers.priceChanged(feed.kind(), feed.unit()));
    }

    /**
     * The series' row when the event at {@code sequence} is new to it; null when the series has seen it already.
     *
     * @throws IllegalStateException when the series is unknown (its issuance not projected: an out-of-order stream)
     */
    private SeriesRow unseen(TokenId tokenId, long sequence) {
        SeriesRow row = seriesRow(tokenId);
        if (row == null) {
            throw new IllegalStateException("event " + sequence + " of series " + tokenId
                    + " arrived before the series' issuance was projected: the event stream is out of order");
        }
        return row.lastSequence >= sequence ? null : row;
    }

    private void applied(TokenId tokenId, SeriesRow row, long sequence, boolean tell) {
        row.lastSequence = sequence;
        row.changed = true;
        if (tell) {
            changedSeries.add(tokenId);
        }
    }

    private SeriesRow seriesRow(TokenId tokenId) {
        if (!series.containsKey(tokenId.value())) {
            readSeries(List.of(tokenId.value()));
        }
        return series.get(tokenId.value());
    }

    private void readSeries(List<String> tokenIds) {
        tokenIds.forEach(tokenId -> series.put(tokenId, null));
        jdbc.query("SELECT token_id, status, outstanding, burned, verified_by, last_sequence FROM series_summary"
                        + " WHERE token_id IN (" + placeholders(tokenIds.size()) + ")",
                row -> {
                    series.put(row.getString("token_id"), new SeriesRow(null, null, true,
                            SeriesStatus.valueOf(row.getString("status")), row.getLong("outstanding"),
                            row.getLong("burned"), row.getString("verified_by"), row.getLong("last_sequence")));
                }, tokenIds.toArray());
    }

    private Long storedFeedSequence(Feed feed) {
        if (!storedFeedSequence.containsKey(feed)) {
            storedFeedSequence.put(feed, jdbc.queryForList(
                    "SELECT feed_sequence FROM market_price WHERE kind = ? AND unit = ?", Long.class,
                    feed.kind().name(), feed.unit()).stream().findFirst().orElse(null));
        }
        return storedFeedSequence.get(feed);
    }
}
