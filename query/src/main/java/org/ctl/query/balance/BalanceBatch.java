package org.ctl.query.balance;

import static org.ctl.query.shared.BatchWrites.batchUpdate;
import static org.ctl.query.shared.InLists.inChunks;
import static org.ctl.query.shared.InLists.placeholders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.query.shared.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of {@code balance_series} and {@code holding} that one batch of events touches, read once, changed in
 * memory event by event, and written at the end with one JDBC batch per statement. Every change is checked
 * before anything is changed, so that a refused event leaves the batch as it was.
 */
final class BalanceBatch implements BatchWrites {

    /** One unit movement of a holding: deltas of its available and pledged units. */
    record Move(HolderId holder, long available, long pledged) {
    }

    private record HoldingKey(String tokenId, String holderId) {
    }

    private static final class SeriesRow {
        final String computeUnit;
        final BigDecimal pricePerComputeRight;
        SeriesStatus status;
        long lastSequence;
        final boolean stored;
        boolean changed;

        SeriesRow(String computeUnit, BigDecimal pricePerComputeRight, SeriesStatus status, long lastSequence,
                  boolean stored) {
            this.computeUnit = computeUnit;
            this.pricePerComputeRight = pricePerComputeRight;
            this.status = status;
            this.lastSequence = lastSequence;
            this.stored = stored;
            this.changed = !stored;
        }
    }

    private static final class HoldingRow {
        long available;
        long pledged;
        final boolean stored;
        boolean changed;

        HoldingRow(long available, long pledged, boolean stored) {
            this.available = available;
            this.pledged = pledged;
            this.stored = stored;
        }
    }

    private final JdbcTemplate jdbc;
    /** Every series read or created; a null value: read, and not there. */
    private final Map<String, SeriesRow> series = new HashMap<>();
    private final Map<HoldingKey, HoldingRow> holdings = new LinkedHashMap<>();

    BalanceBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the series with its issuer holding every right; false when the series is known already. */
    boolean issue(TokenIssued event, long sequence) {
        if (seriesRow(event.tokenId()) != null) {
            return false;
        }
        series.put(event.tokenId().value(), new SeriesRow(event.computeUnit(), event.pricePerComputeRight().amount(),
                SeriesStatus.PENDING_VERIFICATION, sequence, false));
        HoldingRow issuer = holding(event.tokenId(), event.issuer());
        issuer.available += event.computeRights().value();
        issuer.changed = true;
        return true;
    }

    /**
     * Applies a series event: moves the series' last sequence to {@code sequence}, sets its status when given, and
     * moves the units; nothing when the series has seen the event already.
     *
     * @return whether the event was applied now
     * @throws IllegalStateException when the series is unknown, or a move would leave a holding negative (both
     *                               projection bugs or a corrupted stream; nothing is changed)
     */
    boolean advance(TokenId tokenId, long sequence, SeriesStatus status, Move... moves) {
        SeriesRow row = seriesRow(tokenId);
        if (row == null) {
            throw new IllegalStateException("event " + sequence + " of series " + tokenId
                    + " arrived before the series' issuance was projected: the event stream is out of order");
        }
        if (row.lastSequence >= sequence) {
            return false;
        }
        Map<HoldingRow, long[]> after = new LinkedHashMap<>();
        for (Move move : moves) {
            HoldingRow holding = holding(tokenId, move.holder());
            long[] units = after.computeIfAbsent(holding, h -> new long[]{h.available, h.pledged});
            units[0] += move.available();
            units[1] += move.pledged();
            if (units[0] < 0 || units[1] < 0) {
                throw new IllegalStateException(move.holder() + " holds too few units of " + tokenId
                        + " for event " + sequence + " (available " + holding.available + ", pledged "
                        + holding.pledged + ")");
            }
        }
        row.lastSequence = sequence;
        if (status != null) {
            row.status = status;
        }
        row.changed = true;
        after.forEach((holding, units) -> {
            holding.available = units[0];
            holding.pledged = units[1];
            holding.changed = true;
        });
        return true;
    }

    /** A wind-up: no holder holds any unit of the series any more. */
    void emptyHoldings(TokenId tokenId) {
        jdbc.query("SELECT holder_id, available, pledged FROM holding WHERE token_id = ?", row -> {
            holdings.putIfAbsent(new HoldingKey(tokenId.value(), row.getString("holder_id")),
                    new HoldingRow(row.getLong("available"), row.getLong("pledged"), true));
        }, tokenId.value());
        holdings.forEach((key, holding) -> {
            if (key.tokenId().equals(tokenId.value())) {
                holding.available = 0;
                holding.pledged = 0;
                holding.changed = true;
            }
        });
    }

    @Override
    public void preload(List<? extends EventMessage<?>> batch) {
        Set<String> tokenIds = new LinkedHashSet<>();
        Set<HoldingKey> keys = new LinkedHashSet<>();
        for (EventMessage<?> message : batch) {
            Class<?> type = message.getPayloadType();
            if (type == UnitsTransferred.class) {
                UnitsTransferred event = (UnitsTransferred) message.getPayload();
                add(tokenIds, keys, event.tokenId(), event.from(), event.to());
            } else if (type == UnitsPledged.class) {
                UnitsPledged event = (UnitsPledged) message.getPayload();
                add(tokenIds, keys, event.tokenId(), event.pledger());
            } else if (type == PledgeReleased.class) {
                PledgeReleased event = (PledgeReleased) message.getPayload();
                add(tokenIds, keys, event.tokenId(), event.pledger());
            } else if (type == PledgeSeized.class) {
                PledgeSeized event = (PledgeSeized) message.getPayload();
                add(tokenIds, keys, event.tokenId(), event.pledger(), event.pledgee());
            } else if (type == UnitsBurned.class) {
                UnitsBurned event = (UnitsBurned) message.getPayload();
                add(tokenIds, keys, event.tokenId(), event.holder());
            } else if (type == TokenIssued.class) {
                TokenIssued event = (TokenIssued) message.getPayload();
                add(tokenIds, keys, event.tokenId(), event.issuer());
            }
        }
        inChunks(tokenIds, this::readSeries);
        inChunks(keys, this::readHoldings);
    }

    @Override
    public void write() {
        List<Object[]> newSeries = new ArrayList<>();
        List<Object[]> changedSeries = new ArrayList<>();
        series.forEach((tokenId, row) -> {
            if (row == null || !row.changed) {
                return;
            }
            if (row.stored) {
                changedSeries.add(new Object[]{row.status.name(), row.lastSequence, tokenId});
            } else {
                newSeries.add(new Object[]{tokenId, row.computeUnit, row.pricePerComputeRight, row.status.name(),
                        row.lastSequence});
            }
        });
        List<Object[]> deleted = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        List<Object[]> inserted = new ArrayList<>();
        holdings.forEach((key, holding) -> {
            if (!holding.changed) {
                return;
            }
            boolean empty = holding.available == 0 && holding.pledged == 0;
            if (holding.stored && empty) {
                deleted.add(new Object[]{key.tokenId(), key.holderId()});
            } else if (holding.stored) {
                updated.add(new Object[]{holding.available, holding.pledged, key.tokenId(), key.holderId()});
            } else if (!empty) {
                inserted.add(new Object[]{key.tokenId(), key.holderId(), holding.available, holding.pledged});
            }
        });
        batchUpdate(jdbc, """
                INSERT INTO balance_series (token_id, compute_unit, price_per_compute_right, status, last_sequence)
                VALUES (?, ?, ?, ?, ?)""", newSeries);
        batchUpdate(jdbc, "UPDATE balance_series SET status = ?, last_sequence = ? WHERE token_id = ?",
                changedSeries);
        batchUpdate(jdbc, "DELETE FROM holding WHERE token_id = ? AND holder_id = ?", deleted);
        batchUpdate(jdbc, "UPDATE holding SET available = ?, pledged = ? WHERE token_id = ? AND holder_id = ?",
                updated);
        batchUpdate(jdbc, "INSERT INTO holding (token_id, holder_id, available, pledged) VALUES (?, ?, ?, ?)",
                inserted);
    }

    private SeriesRow seriesRow(TokenId tokenId) {
        if (!series.containsKey(tokenId.value())) {
            readSeries(List.of(tokenId.value()));
        }
        return series.get(tokenId.value());
    }

    private HoldingRow holding(TokenId tokenId, HolderId holder) {
        HoldingKey key = new HoldingKey(tokenId.value(), holder.value());
        if (!holdings.containsKey(key)) {
            readHoldings(List.of(key));
        }
        return holdings.get(key);
    }

    private void readSeries(List<String> tokenIds) {
        tokenIds.forEach(tokenId -> series.put(tokenId, null));
        jdbc.query("SELECT token_id, compute_unit, price_per_compute_right, status, last_sequence FROM balance_series"
                        + " WHERE token_id IN (" + placeholders(tokenIds.size()) + ")",
                row -> {
                    series.put(row.getString("token_id"), new SeriesRow(row.getString("compute_unit"),
                            row.getBigDecimal("price_per_compute_right"), SeriesStatus.valueOf(row.getString("status")),
                            row.getLong("last_sequence"), true));
                }, tokenIds.toArray());
    }

    /** Reads the holdings of the keys; a key without a row gets an empty holding, not stored yet. */
    private void readHoldings(List<HoldingKey> keys) {
        Set<String> tokenIds = new LinkedHashSet<>();
        Set<String> holderIds = new LinkedHashSet<>();
        keys.forEach(key -> {
            tokenIds.add(key.tokenId());
            holderIds.add(key.holderId());
        });
        Set<HoldingKey> wanted = Set.copyOf(keys);
        List<Object> arguments = new ArrayList<>(tokenIds);
        arguments.addAll(holderIds);
        jdbc.query("SELECT token_id, holder_id, available, pledged FROM holding WHERE token_id IN ("
                        + placeholders(tokenIds.size()) + ") AND holder_id IN (" + placeholders(holderIds.size()) + ")",
                row -> {
                    HoldingKey key = new HoldingKey(row.getString("token_id"), row.getString("holder_id"));
                    if (wanted.contains(key)) {
                        holdings.putIfAbsent(key, new HoldingRow(row.getLong("available"), row.getLong("pledged"),
                                true));
                    }
                }, arguments.toArray());
        keys.forEach(key -> holdings.putIfAbsent(key, new HoldingRow(0, 0, false)));
    }

    private static void add(Set<String> tokenIds, Set<HoldingKey> keys, TokenId tokenId, HolderId... holders) {
        tokenIds.add(tokenId.value());
        for (HolderId holder : holders) {
            keys.add(new HoldingKey(tokenId.value(), holder.value()));
        }
    }
}
