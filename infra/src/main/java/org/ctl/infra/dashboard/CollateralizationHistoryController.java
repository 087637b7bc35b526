package org.ctl.infra.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.domain.burn.UnitsBurned;
import org.ctl.domain.governance.FlagOutcome;
import org.ctl.domain.governance.SeriesFlagged;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.Pricing;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.SeriesStatus;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.infra.http.PricingFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tokens/{tokenId}/collateralization/history}: the series' CR (and the other four figures) after
 * each event that moved it, for the dashboard's chart. No projection keeps past ratios, so this folds the series'
 * stream and the streams of its two price feeds from the event store, in time order, priced with the same kernel
 * and the same rule as the series projection (the latest published price of each feed, else the price at
 * issuance). Bounded: at most {@value #MAX_EVENTS_PER_STREAM} events read per stream and at most
 * {@value Page#MAX_LIMIT} points answered, the newest.
 */
@RestController
public class CollateralizationHistoryController {

    static final int MAX_EVENTS_PER_STREAM = 100_000;

    private final EventStore eventStore;
    private final PricingKernel kernel;
    private final BigDecimal alertThreshold;

    public CollateralizationHistoryController(EventStore eventStore, PricingKernel kernel,
                                              @Value("${ctl.pricing.alert-threshold:1.0}") BigDecimal alertThreshold) {
        this.eventStore = eventStore;
        this.kernel = kernel;
        this.alertThreshold = alertThreshold;
    }

    @GetMapping("/api/tokens/{tokenId}/collateralization/history")
    CollateralizationHistory history(@PathVariable String tokenId, @RequestParam(defaultValue = "200") int limit) {
        TokenId series = TokenId.of(tokenId);
        int pointsAtMost = new Page(0, limit).limit();
        List<DomainEventMessage<?>> seriesEvents = read(series.value());
        if (seriesEvents.isEmpty() || !(seriesEvents.get(0).getPayload() instanceof TokenIssued issued)) {
            throw new RuleViolation(RuleCode.UNKNOWN_TOKEN, "no series " + tokenId);
        }
        List<DomainEventMessage<?>> timeline = new ArrayList<>(seriesEvents);
        timeline.addAll(read(new PriceFeedId(PriceKind.COMPUTE, issued.computeUnit()).toString()));
        timeline.addAll(read(new PriceFeedId(PriceKind.COLLATERAL, issued.collateral().unit()).toString()));
        timeline.sort(Comparator.comparing(DomainEventMessage::getTimestamp));

        Fold fold = new Fold(issued);
        Deque<CollateralizationPoint> points = new ArrayDeque<>();
        boolean truncated = false;
        for (DomainEventMessage<?> event : timeline) {
            if (fold.apply(event.getPayload()) && fold.issuedYet) {
                if (points.size() == pointsAtMost) {
                    points.removeFirst();
                    truncated = true;
                }
                points.addLast(fold.point(event.getTimestamp(), event.getPayloadType().getSimpleName()));
            }
        }
        return new CollateralizationHistory(series, alertThreshold.toPlainString(), List.copyOf(points), truncated);
    }

    private List<DomainEventMessage<?>> read(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        while (stream.hasNext() && events.size() < MAX_EVENTS_PER_STREAM) {
            events.add(stream.next());
        }
        return events;
    }

    /** The state that prices a series, moved one event at a time. */
    private final class Fold {
        private final TokenIssued issued;
        private boolean issuedYet;
        private SeriesStatus status = SeriesStatus.PENDING_VERIFICATION;
        private Units outstanding;
        private Money computePrice;
        private Money collateralPrice;

        Fold(TokenIssued issued) {
            this.issued = issued;
            this.outstanding = issued.computeRights();
            this.computePrice = issued.pricePerComputeRight();
            this.collateralPrice = issued.collateral().qubitPrice();
        }

        /** Applies one event; answers whether it moved the pricing (a transfer or a pledge does not). */
        boolean apply(Object payload) {
            if (payload instanceof TokenIssued) {
                issuedYet = true;
                return true;
            }
            if (payload instanceof PricePublished published) {
                // A price published before the issuance is the latest one at the issuance: it applies from then.
                if (published.feed().kind() == PriceKind.COMPUTE) {
                    computePrice = published.price();
                } else {
                    collateralPrice = published.price();
                }
                return true;
            }
            if (payload instanceof IssuanceVerified) {
                status = SeriesStatus.ACTIVE;
                return true;
            }
            if (payload instanceof UnitsBurned burned) {
                outstanding = outstanding.minus(burned.amount());
                return true;
            }
            if (payload instanceof SeriesFlagged flagged) {
                status = flagged.outcome() == FlagOutcome.WORTHLESS ? SeriesStatus.WORTHLESS : SeriesStatus.WOUND_UP;
                return true;
            }
            if (payload instanceof SeriesWoundUp woundUp) {
                outstanding = outstanding.minus(woundUp.unitsBurned());
                return true;
            }
            return false;
        }

        CollateralizationPoint point(Instant at, String cause) {
            Pricing pricing = status == SeriesStatus.WORTHLESS ? Pricing.WORTHLESS
                    : outstanding.isZero() ? null
                    : kernel.price(outstanding, computePrice, issued.collateral().qubits(), collateralPrice);
            return new CollateralizationPoint(at, cause, status, outstanding, computePrice, collateralPrice,
                    PricingFigures.of(pricing));
        }
    }
}
