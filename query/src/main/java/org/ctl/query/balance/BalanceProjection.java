package org.ctl.query.balance;

import static org.ctl.query.shared.Columns.money;
import static org.ctl.query.shared.Columns.moneyOrNull;
import static org.ctl.query.shared.Columns.units;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.ctl.domain.balance.FindBalancesOfHolder;
import org.ctl.domain.balance.FindBalancesOfSeries;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.balance.HolderPortfolio;
import org.ctl.domain.balance.SeriesBalance;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Every holder's available and pledged units of every series ({@code holding}), with what the balances need to
 * know of each series ({@code balance_series}: its compute unit, price at issuance and status, kept here so that
 * this group never depends on another group's progress). Answers {@link FindBalancesOfSeries} and
 * {@link FindBalancesOfHolder}.
 *
 * <p>A holding is valued at query time: (available + pledged) × the latest published COMPUTE price of the
 * series' compute unit (read from the {@code market_price} table of the "series" group), or the series' price
 * per compute right at issuance when none was published; zero for a worthless series.
 *
 * <p>Every handler writes through the {@link JdbcTemplate} inside the processor's transaction, keeps no state in
 * memory, and applies a series event only when its sequence number is above the series' {@code last_sequence}
 * here, so that seeing an event twice cannot count its units twice.
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
@AllowReplay
public class BalanceProjection {

    /** The processing group (and processor) name of this projection. */
    public static final String PROCESSING_GROUP = "balances";

    /** A holder's holdings with what values them. */
    private static final String SELECT_VALUED_HOLDINGS = """
            SELECT h.token_id, h.available, h.pledged, b.status, b.price_per_compute_right,
                   m.price AS market_compute_price
              FROM holding h
              JOIN balance_series b ON b.token_id = h.token_id
              LEFT JOIN market_price m ON m.kind = '%s' AND m.unit = b.compute_unit
             WHERE h.holder_id = ?
             ORDER BY h.token_id""".formatted(PriceKind.COMPUTE.name());

    private final JdbcTemplate jdbc;

    public BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "a JdbcTemplate is required");
    }

    // --- events ---

    @EventHandler
    void on(TokenIssued event, @SequenceNumber long sequence) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM balance_series WHERE token_id = ?", Integer.class,
                event.tokenId().value());
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("""
                        INSERT INTO balance_series (token_id, compute_unit, price_per_compute_right, status,
                                                    last_sequence)
                        VALUES (?, ?, ?, ?, ?)""",
                event.tokenId().value(), event.computeUnit(), event.pricePerComputeRight().amount(),
                SeriesStatus.PENDING_VERIFICATION.name(), sequence);
        change(event.tokenId(), event.issuer(), event.computeRights().value(), 0);
    }

    @EventHandler
    void on(IssuanceVerified event, @SequenceNumber long sequence) {
        advance(event.tokenId(), sequence, SeriesStatus.ACTIVE);
    }

    @EventHandler
    void on(UnitsTransferred event, @SequenceNumber long sequence) {
        if (advance(event.tokenId(), sequence, null)) {
            long amount = event.amount().value();
            change(event.tokenId(), event.from(), -amount, 0);
            change(event.tokenId(), event.to(), amount, 0);
        }
    }

    @EventHandler
    void on(UnitsPledged event, @SequenceNumber long sequence) {
        if (advance(event.tokenId(), sequence, null)) {
            long amount = event.amount().value();
            change(event.tokenId(), event.pledger(), -amount, amount);
        }
    }

    @EventHandler
    void on(PledgeReleased event, @SequenceNumber long sequence) {
        if (advance(event.tokenId(), sequence, null)) {
            long amount = event.amount().value();
            change(event.tokenId(), event.pledger(), amount, -amount);
        }
    }

    @EventHandler
    void on(PledgeSeized event, @SequenceNumber long sequence) {
        if (advance(event.tokenId(), sequence, null)) {
            long amount = event.amount().value();
            change(event.tokenId(), event.pledger(), 0, -amount);
            change(event.tokenId(), event.pledgee(), amount, 0);
        }
    }

    @EventHandler
    void on(UnitsBurned event, @SequenceNumber long sequence) {
        if (advance(event.tokenId(), sequence, null)) {
            change(event.tokenId(), event.holder(), -event.amount().value(), 0);
        }
    }

    @EventHandler
    void on(SeriesFlagged event, @SequenceNumber long sequence) {
        advance(event.tokenId(), sequence,
                event.outcome() == FlagOutcome.WORTHLESS ? SeriesStatus.WORTHLESS : SeriesStatus.WOUND_UP);
    }

    /** A wind-up released every pledge and burned every unit: no holder holds any unit of the series any more. */
    @EventHandler
    void on(SeriesWoundUp event, @SequenceNumber long sequence) {
        if (advance(event.tokenId(), sequence, null)) {
            jdbc.update("DELETE FROM holding WHERE token_id = ?", event.tokenId().value());
        }
    }

    /** Empties this projection's tables before a replay rebuilds them from the first event. */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM holding");
        jdbc.update("DELETE FROM balance_series");
    }

    // --- queries ---

    /** Answers a page of the holders with units of one series, ordered by holder. */
    @QueryHandler
    public List<HolderBalance> handle(FindBalancesOfSeries query) {
        return jdbc.query("""
                        SELECT holder_id, available, pledged
                          FROM holding
                         WHERE token_id = ?
                         ORDER BY holder_id
                         LIMIT ? OFFSET ?""",
                (row, rowNumber) -> new HolderBalance(HolderId.of(row.getString("holder_id")),
                        units(row, "available"), units(row, "pledged")),
                query.tokenId().value(), query.page().limit(), query.page().offset());
    }

    /**
     * Answers a page of a holder's series, ordered by series id, with the total value of all its holdings (not
     * only of the page's).
     */
    @QueryHandler
    public HolderPortfolio handle(FindBalancesOfHolder query) {
        String holder = query.holder().value();
        List<SeriesBalance> balances = jdbc.query(SELECT_VALUED_HOLDINGS + " LIMIT ? OFFSET ?",
                (row, rowNumber) -> toSeriesBalance(row), holder, query.page().limit(), query.page().offset());
        // Streamed row by row: the total needs every holding, but never holds them all in memory.
        Money[] total = {Money.ZERO};
        jdbc.query(SELECT_VALUED_HOLDINGS,
                (RowCallbackHandler) row -> total[0] = total[0].plus(toSeriesBalance(row).value()), holder);
        return new HolderPortfolio(query.holder(), balances, total[0]);
    }

    // --- helpers ---

    /**
     * Moves the series' {@code last_sequence} to the event's sequence number (and sets its status, when given),
     * but only when the series has not seen the event yet.
     *
     * @return whether the event is to be applied now (false: it was applied before)
     */
    private boolean advance(TokenId tokenId, long sequence, SeriesStatus status) {
        int updated = status == null
                ? jdbc.update("UPDATE balance_series SET last_sequence = ? WHERE token_id = ? AND last_sequence < ?",
                sequence, tokenId.value(), sequence)
                : jdbc.update("""
                        UPDATE balance_series SET status = ?, last_sequence = ?
                         WHERE token_id = ? AND last_sequence < ?""",
                status.name(), sequence, tokenId.value(), sequence);
        if (updated == 1) {
            return true;
        }
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM balance_series WHERE token_id = ?", Integer.class,
                tokenId.value());
        if (known == null || known == 0) {
            throw new IllegalStateException("event " + sequence + " of series " + tokenId
                    + " arrived before the series' issuance was projected: the event stream is out of order");
        }
        return false;
    }

    /**
     * Changes one holding by the given deltas; creates it on its first units and deletes it when both its
     * available and pledged units reach zero, so that only holders with units have a row. The table's check
     * constraint refuses a negative balance: the write side never allows one, so it would be a projection bug.
     */
    private void change(TokenId tokenId, HolderId holder, long availableDelta, long pledgedDelta) {
        int updated = jdbc.update("""
                        UPDATE holding SET available = available + ?, pledged = pledged + ?
                         WHERE token_id = ? AND holder_id = ?""",
                availableDelta, pledgedDelta, tokenId.value(), holder.value());
        if (updated == 0) {
            if (availableDelta < 0 || pledgedDelta < 0) {
                throw new IllegalStateException(holder + " holds no units of " + tokenId + " to give up");
            }
            jdbc.update("INSERT INTO holding (token_id, holder_id, available, pledged) VALUES (?, ?, ?, ?)",
                    tokenId.value(), holder.value(), availableDelta, pledgedDelta);
        } else if (availableDelta < 0 || pledgedDelta < 0) {
            jdbc.update("DELETE FROM holding WHERE token_id = ? AND holder_id = ? AND available = 0 AND pledged = 0",
                    tokenId.value(), holder.value());
        }
    }

    private static SeriesBalance toSeriesBalance(ResultSet row) throws SQLException {
        Units available = units(row, "available");
        Units pledged = units(row, "pledged");
        Money value;
        if (SeriesStatus.valueOf(row.getString("status")) == SeriesStatus.WORTHLESS) {
            value = Money.ZERO;
        } else {
            Money latest = moneyOrNull(row, "market_compute_price");
            Money price = latest != null ? latest : money(row, "price_per_compute_right");
            value = price.times(available.plus(pledged));
        }
        return new SeriesBalance(TokenId.of(row.getString("token_id")), available, pledged, value);
    }
}
