package org.ctl.query.series;

import static org.ctl.query.shared.Columns.holderOrNull;
import static org.ctl.query.shared.Columns.money;
import static org.ctl.query.shared.Columns.moneyOrNull;
import static org.ctl.query.shared.Columns.units;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.FindAllSeries;
import org.ctl.domain.issuance.FindSeries;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pledge.PledgeReleased;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.pledge.UnitsPledged;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.FindCollateralization;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.Pricing;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.query.shared.PerBatch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The series summaries and the latest market prices ({@code series_summary}, {@code market_price}), and the
 * queries priced from them: {@link FindSeries}, {@link FindAllSeries} and {@link FindCollateralization}, the
 * last one also as a subscription query whose updates this projection emits.
 *
 * <p>Pricing is never stored: every answer prices the outstanding units at the latest published prices with the
 * injected {@link PricingKernel}, so that a price, a supply change and a new risk-premium curve all show at once.
 *
 * <p>The handlers fold a batch of events into the rows it touches ({@link SeriesBatch}), written in the
 * transaction the processor opened for the batch (its token is stored in the same one) when the batch commits
 * ({@link PerBatch}); nothing is kept between batches. Seeing the same event twice changes nothing: a series event
 * changes its row only when its sequence number is above the row's {@code last_sequence}, a price only when its
 * feed's sequence number is above the stored one. Subscribers are told each changed series once per batch.
 */
@Component
@ProcessingGroup(SeriesProjection.PROCESSING_GROUP)
@AllowReplay
public class SeriesProjection {

    /** The processing group (and processor) name of this projection. */
    public static final String PROCESSING_GROUP = "series";
    /** The property naming the collateralization ratio below which a series is flagged {@code belowAlert}. */
    public static final String ALERT_THRESHOLD_PROPERTY = "ctl.pricing.alert-threshold";

    /** A series row with the latest prices of its compute unit and its collateral unit, if any were published. */
    private static final String SELECT_PRICED_SERIES = """
            SELECT s.token_id, s.issuer, s.compute_unit, s.status, s.policy, s.issued, s.outstanding, s.burned,
                   s.collateral_id, s.collateral_unit, s.qubits, s.price_per_compute_right, s.qubit_price,
                   s.verified_by, s.last_sequence,
                   cp.price AS market_compute_price, qp.price AS market_collateral_price
              FROM series_summary s
              LEFT JOIN market_price cp ON cp.kind = '%s' AND cp.unit = s.compute_unit
              LEFT JOIN market_price qp ON qp.kind = '%s' AND qp.unit = s.collateral_unit
            """.formatted(PriceKind.COMPUTE.name(), PriceKind.COLLATERAL.name());

    private final JdbcTemplate jdbc;
    private final PricingKernel pricingKernel;
    private final QueryUpdateEmitter updateEmitter;
    private final BigDecimal alertThreshold;
    private final PerBatch<SeriesBatch> batch;

    public SeriesProjection(JdbcTemplate jdbc, PricingKernel pricingKernel, QueryUpdateEmitter updateEmitter,
                            @Value("${" + ALERT_THRESHOLD_PROPERTY + ":1.0}") BigDecimal alertThreshold) {
        this.jdbc = Objects.requireNonNull(jdbc, "a JdbcTemplate is required");
        this.pricingKernel = Objects.requireNonNull(pricingKernel, "a PricingKernel bean is required");
        this.updateEmitter = Objects.requireNonNull(updateEmitter, "a QueryUpdateEmitter is required");
        if (alertThreshold == null || alertThreshold.signum() < 0) {
            throw new IllegalStateException(ALERT_THRESHOLD_PROPERTY
                    + " must be a collateralization ratio of zero or more (e.g. 1.0), was " + alertThreshold);
        }
        this.alertThreshold = alertThreshold;
        SeriesBatch.Subscribers subscribers = subscribers();
        this.batch = new PerBatch<>(PROCESSING_GROUP, jdbc, () -> new SeriesBatch(jdbc, subscribers));
    }

    // --- events ---

    @EventHandler
    void on(TokenIssued event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            ReplayStatus replayStatus) {
        batch.apply(state -> state.issue(event, sequence, occurredAt, !replayStatus.isReplay()));
    }

    @EventHandler
    void on(IssuanceVerified event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        batch.apply(state -> state.verify(event, sequence, !replayStatus.isReplay()));
    }

    @EventHandler
    void on(UnitsTransferred event, @SequenceNumber long sequence) {
        batch.apply(state -> state.touch(event.tokenId(), sequence));
    }

    @EventHandler
    void on(UnitsPledged event, @SequenceNumber long sequence) {
        batch.apply(state -> state.touch(event.tokenId(), sequence));
    }

    @EventHandler
    void on(PledgeReleased event, @SequenceNumber long sequence) {
        batch.apply(state -> state.touch(event.tokenId(), sequence));
    }

    @EventHandler
    void on(PledgeSeized event, @SequenceNumber long sequence) {
        batch.apply(state -> state.touch(event.tokenId(), sequence));
    }

    @EventHandler
    void on(UnitsBurned event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        batch.apply(state -> state.burn(event.tokenId(), sequence, event.amount().value(), !replayStatus.isReplay()));
    }

    @EventHandler
    void on(SeriesFlagged event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        SeriesStatus status = event.outcome() == FlagOutcome.WORTHLESS ? SeriesStatus.WORTHLESS : SeriesStatus.WOUND_UP;
        batch.apply(state -> state.flag(event.tokenId(), sequence, status, !replayStatus.isReplay()));
    }

    @EventHandler
    void on(SeriesWoundUp event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        batch.apply(state -> state.burn(event.tokenId(), sequence, event.unitsBurned().value(),
                !replayStatus.isReplay()));
    }

    /**
     * Keeps the feed's latest price; once written, every series it prices is pushed with its new collateralization:
     * the series of its compute unit for a COMPUTE price, of its collateral unit for a COLLATERAL price.
     */
    @EventHandler
    void on(PricePublished event, @SequenceNumber long feedSequence, @Timestamp Instant publishedAt,
            ReplayStatus replayStatus) {
        batch.apply(state -> state.publish(event, feedSequence, publishedAt, !replayStatus.isReplay()));
    }

    /** Empties this projection's tables before a replay rebuilds them from the first event. */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM series_summary");
        jdbc.update("DELETE FROM market_price");
    }

    // --- queries ---

    /**
     * Answers one series, or an empty optional for a series never issued. Callers ask with
     * {@code ResponseTypes.optionalInstanceOf(SeriesView.class)}.
     */
    @QueryHandler
    public Optional<SeriesView> handle(FindSeries query) {
        return findSeries(query.tokenId());
    }

    /** Answers a page of series, ordered by series id. */
    @QueryHandler
    public List<SeriesView> handle(FindAllSeries query) {
        return jdbc.query(SELECT_PRICED_SERIES + " ORDER BY s.token_id LIMIT ? OFFSET ?",
                (row, rowNumber) -> toSeriesView(row), query.page().limit(), query.page().offset());
    }

    /** Answers a page of live collateralizations, ordered by series id. */
    @QueryHandler
    public List<CollateralizationView> handle(FindCollateralization query) {
        return jdbc.query(SELECT_PRICED_SERIES + " ORDER BY s.token_id LIMIT ? OFFSET ?",
                (row, rowNumber) -> toCollateralization(toSeriesView(row)), query.page().limit(),
                query.page().offset());
    }

    // --- helpers ---

    private Optional<SeriesView> findSeries(TokenId tokenId) {
        return jdbc.query(SELECT_PRICED_SERIES + " WHERE s.token_id = ?", (row, rowNumber) -> toSeriesView(row),
                tokenId.value()).stream().findFirst();
    }

    /**
     * What a written batch tells the subscribers of {@link FindCollateralization}: the new collateralizations, read
     * in the batch's transaction right after its writes, and emitted once it has committed, so that subscribers never
     * see a state whose transaction rolls back. (The batch is written in its prepare-commit phase, where Axon's
     * emitter would emit at once: it defers only emits made while a unit of work is still started.)
     */
    private SeriesBatch.Subscribers subscribers() {
        return new SeriesBatch.Subscribers() {
            @Override
            public void seriesChanged(TokenId tokenId) {
                findSeries(tokenId).map(SeriesProjection.this::toCollateralization)
                        .ifPresent(view -> emitAfterCommit(List.of(view)));
            }

            @Override
            public void priceChanged(PriceKind kind, String unit) {
                String unitColumn = kind == PriceKind.COMPUTE ? "s.compute_unit" : "s.collateral_unit";
                emitAfterCommit(jdbc.query(SELECT_PRICED_SERIES + " WHERE " + unitColumn + " = ? ORDER BY s.token_id",
                        (row, rowNumber) -> toCollateralization(toSeriesView(row)), unit));
            }
        };
    }

    private void emitAfterCommit(List<CollateralizationView> views) {
        if (views.isEmpty()) {
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> views.forEach(this::emit));
        } else {
            views.forEach(this::emit);
        }
    }

    /** Emits to the subscribers at once (called after the commit, or without a unit of work). */
    private void emit(CollateralizationView view) {
        updateEmitter.emit(FindCollateralization.class, query -> true, view);
    }

    private SeriesView toSeriesView(ResultSet row) throws SQLException {
        SeriesStatus status = SeriesStatus.valueOf(row.getString("status"));
        Units outstanding = units(row, "outstanding");
        Units qubits = units(row, "qubits");
        Money computePrice = latestOr(moneyOrNull(row, "market_compute_price"), money(row,
                "price_per_compute_right"));
        Money collateralPrice = latestOr(moneyOrNull(row, "market_collateral_price"), money(row, "qubit_price"));
        return new SeriesView(TokenId.of(row.getString("token_id")), HolderId.of(row.getString("issuer")),
                row.getString("compute_unit"), status, GovernancePolicy.valueOf(row.getString("policy")),
                units(row, "issued"), outstanding, units(row, "burned"), row.getString("collateral_id"),
                row.getString("collateral_unit"), qubits, computePrice, collateralPrice,
                holderOrNull(row, "verified_by"), pricing(status, outstanding, computePrice, qubits, collateralPrice),
                row.getLong("last_sequence"));
    }

    private static Money latestOr(Money latest, Money atIssuance) {
        return latest != null ? latest : atIssuance;
    }

    /** The live pricing: zero for a worthless series, none when no unit is outstanding, else the kernel's. */
    private Pricing pricing(SeriesStatus status, Units outstanding, Money computePrice, Units qubits,
                            Money collateralPrice) {
        if (status == SeriesStatus.WORTHLESS) {
            return Pricing.WORTHLESS;
        }
        if (outstanding.isZero()) {
            return null;
        }
        return pricingKernel.price(outstanding, computePrice, qubits, collateralPrice);
    }

    /**
     * A worthless series is not below the alert: its ratio is undefined (shown as zero) and its status already
     * says everything; neither is a series with nothing outstanding.
     */
    private CollateralizationView toCollateralization(SeriesView series) {
        boolean belowAlert = series.status() != SeriesStatus.WORTHLESS && series.pricing() != null
                && series.pricing().collateralizationRatio().compareTo(alertThreshold) < 0;
        return new CollateralizationView(series.tokenId(), series.status(), series.pricing(), belowAlert);
    }
}
