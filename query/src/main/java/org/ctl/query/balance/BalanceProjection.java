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
import org.ctl.query.balance.BalanceBatch.Move;
import org.ctl.query.shared.PerBatch;
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
 * <p>The handlers fold a batch of events into the rows it touches ({@link BalanceBatch}), written in the
 * processor's transaction when the batch commits ({@link PerBatch}); nothing is kept between batches. A series
 * event is applied only when its sequence number is above the series' {@code last_sequence} here, so that seeing
 * an event twice cannot count its units twice.
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
    private final PerBatch<BalanceBatch> batch;

    public BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "a JdbcTemplate is required");
        this.batch = new PerBatch<>(PROCESSING_GROUP, jdbc, () -> new BalanceBatch(jdbc));
    }

    // --- events ---

    @EventHandler
    void on(TokenIssued event, @SequenceNumber long sequence) {
        batch.apply(state -> state.issue(event, sequence));
    }

    @EventHandler
    void on(IssuanceVerified event, @SequenceNumber long sequence) {
        batch.apply(state -> state.advance(event.tokenId(), sequence, SeriesStatus.ACTIVE));
    }

    @EventHandler
    void on(UnitsTransferred event, @SequenceNumber long sequence) {
        long amount = event.amount().value();
        batch.apply(state -> state.advance(event.tokenId(), sequence, null,
                new Move(event.from(), -amount, 0), new Move(event.to(), amount, 0)));
    }

    @EventHandler
    void on(UnitsPledged event, @SequenceNumber long sequence) {
        long amount = event.amount().value();
        batch.apply(state -> state.advance(event.tokenId(), sequence, null,
                new Move(event.pledger(), -amount, amount)));
    }

    @EventHandler
    void on(PledgeReleased event, @SequenceNumber long sequence) {
        long amount = event.amount().value();
        batch.apply(state -> state.advance(event.tokenId(), sequence, null,
                new Move(event.pledger(), amount, -amount)));
    }

    @EventHandler
    void on(PledgeSeized event, @SequenceNumber long sequence) {
        long amount = event.amount().value();
        batch.apply(state -> state.advance(event.tokenId(), sequence, null,
                new Move(event.pledger(), 0, -amount), new Move(event.pledgee(), amount, 0)));
    }

    @EventHandler
    void on(UnitsBurned event, @SequenceNumber long sequence) {
        batch.apply(state -> state.advance(event.tokenId(), sequence, null,
                new Move(event.holder(), -event.amount().value(), 0)));
    }

    @EventHandler
    void on(SeriesFlagged event, @SequenceNumber long sequence) {
        batch.apply(state -> state.advance(event.tokenId(), sequence,
                event.outcome() == FlagOutcome.WORTHLESS ? SeriesStatus.WORTHLESS : SeriesStatus.WOUND_UP));
    }

    /** A wind-up released every pledge and burned every unit: no holder holds any unit of the series any more. */
    @EventHandler
    void on(SeriesWoundUp event, @SequenceNumber long sequence) {
        batch.apply(state -> {
            if (state.advance(event.tokenId(), sequence, null)) {
                state.emptyHoldings(event.tokenId());
            }
        });
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
