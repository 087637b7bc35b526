package org.ctl.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.ctl.domain.balance.FindBalancesOfHolder;
import org.ctl.domain.balance.FindBalancesOfSeries;
import org.ctl.domain.balance.HolderBalance;
import org.ctl.domain.balance.HolderPortfolio;
import org.ctl.domain.burn.UnitsBurned;
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
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.provenance.FindProvenance;
import org.ctl.domain.provenance.FindProvenanceOfHolder;
import org.ctl.domain.provenance.ProvenanceEntry;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.transfer.UnitsTransferred;
import org.ctl.query.balance.BalanceProjection;
import org.ctl.query.provenance.ProvenanceProjection;
import org.ctl.query.series.SeriesProjection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The three projections on one fresh read-model database, fed as Axon feeds them: each event becomes a domain
 * event message of its aggregate's stream (sequence numbers counted per stream, one second apart, with the acting
 * principal in its metadata) and goes through Axon's own annotation adapter, so that {@code @SequenceNumber},
 * {@code @Timestamp}, {@code @MetaDataValue} and {@code ReplayStatus} resolve as they do in a processor. Queries go
 * through a query bus and gateway with the response types the callers use.
 */
public final class Ledger {

    public static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    public final JdbcTemplate jdbc;
    public final RecordingUpdateEmitter updates = new RecordingUpdateEmitter();
    public final SeriesProjection seriesProjection;
    public final BalanceProjection balanceProjection;
    public final ProvenanceProjection provenanceProjection;

    private final List<AnnotationEventHandlerAdapter> adapters;
    private final QueryGateway gateway;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> history = new ArrayList<>();
    private Instant clock = START;

    public Ledger() {
        this(PricingKernel.seedDefault(), new BigDecimal("1.0"));
    }

    public Ledger(PricingKernel pricingKernel, BigDecimal alertThreshold) {
        jdbc = ReadModelDatabase.migrated();
        seriesProjection = new SeriesProjection(jdbc, pricingKernel, updates, alertThreshold);
        balanceProjection = new BalanceProjection(jdbc);
        provenanceProjection = new ProvenanceProjection(jdbc);
        adapters = List.of(new AnnotationEventHandlerAdapter(seriesProjection),
                new AnnotationEventHandlerAdapter(balanceProjection),
                new AnnotationEventHandlerAdapter(provenanceProjection));
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(seriesProjection).subscribe(queryBus);
        new AnnotationQueryHandlerAdapter<>(balanceProjection).subscribe(queryBus);
        new AnnotationQueryHandlerAdapter<>(provenanceProjection).subscribe(queryBus);
        gateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
    }

    // --- events ---

    /** Appends {@code event} to its aggregate's stream, caused by {@code principal}, and delivers it. */
    public DomainEventMessage<?> record(String principal, Object event) {
        String aggregateId = aggregateOf(event);
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        Map<String, Object> metaData = principal == null ? Map.of() : Map.of(ActingPrincipal.METADATA_KEY, principal);
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(
                event instanceof PricePublished ? "PriceFeed" : "TokenSeries", aggregateId, sequence, event, metaData,
                "event-" + history.size(), clock);
        clock = clock.plus(Duration.ofSeconds(1));
        history.add(message);
        deliver(message);
        return message;
    }

    /** Delivers a message once more, as a processor may after a failure between handling and storing its token. */
    public void redeliver(EventMessage<?> message) {
        deliver(message);
    }

    /** What a processor does on a reset: every projection's reset handler. */
    public void reset() {
        adapters.forEach(AnnotationEventHandlerAdapter::prepareReset);
    }

    /** A reset followed by a replay of the whole history, every event marked as a replayed one. */
    public void replay() {
        reset();
        replayedHistory().forEach(this::deliver);
    }

    /** The whole history as a replay delivers it: tracked messages, each marked as a replayed one. */
    public List<EventMessage<?>> replayedHistory() {
        List<EventMessage<?>> replayed = new ArrayList<>();
        TrackingToken replayToken = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(history.size()));
        for (int index = 0; index < history.size(); index++) {
            replayToken = ((ReplayToken) replayToken).advancedTo(new GlobalSequenceTrackingToken(index));
            EventMessage<?> message = new GenericTrackedDomainEventMessage<>(replayToken, history.get(index));
            if (!ReplayToken.isReplay(message)) {
                throw new IllegalStateException("the test's replay token does not mark event " + index + " replayed");
            }
            replayed.add(message);
        }
        return replayed;
    }

    /**
     * A reset followed by a replay of the whole history as a streaming processor replays it: replayed, tracked
     * messages, handled in Axon's {@link BatchingUnitOfWork}s of {@code batchSize} messages each (the last one
     * shorter), each committed (and so written) before the next starts. No transaction: the template autocommits.
     */
    public void replayInBatches(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one message: " + batchSize);
        }
        reset();
        List<EventMessage<?>> replayed = replayedHistory();
        for (int from = 0; from < replayed.size(); from += batchSize) {
            deliverInBatch(replayed.subList(from, Math.min(from + batchSize, replayed.size())));
        }
    }

    /**
     * Delivers {@code messages} in one {@link BatchingUnitOfWork}, each message to every projection in turn, as a
     * streaming processor handles one batch; the projections' folded writes happen when it commits.
     *
     * @throws RuntimeException what a handler or a commit threw (the batch is rolled back)
     */
    public void deliverInBatch(List<? extends EventMessage<?>> messages) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(messages));
        ResultMessage<?> result = batch.executeWithResult(() -> {
            deliver(batch.getMessage());
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
    }

    public List<DomainEventMessage<?>> history() {
        return List.copyOf(history);
    }

    private void deliver(EventMessage<?> message) {
        for (AnnotationEventHandlerAdapter adapter : adapters) {
            if (adapter.canHandle(message)) {
                try {
                    adapter.handle(message);
                } catch (RuntimeException failure) {
                    throw failure;
                } catch (Exception failure) {
                    throw new IllegalStateException(failure);
                }
            }
        }
    }

    private static String aggregateOf(Object event) {
        if (event instanceof PricePublished price) {
            return price.feed().toString();
        }
        TokenId series;
        if (event instanceof TokenIssued e) {
            series = e.tokenId();
        } else if (event instanceof IssuanceVerified e) {
            series = e.tokenId();
        } else if (event instanceof UnitsTransferred e) {
            series = e.tokenId();
        } else if (event instanceof UnitsPledged e) {
            series = e.tokenId();
        } else if (event instanceof PledgeReleased e) {
            series = e.tokenId();
        } else if (event instanceof PledgeSeized e) {
            series = e.tokenId();
        } else if (event instanceof UnitsBurned e) {
            series = e.tokenId();
        } else if (event instanceof SeriesFlagged e) {
            series = e.tokenId();
        } else if (event instanceof SeriesWoundUp e) {
            series = e.tokenId();
        } else {
            throw new IllegalArgumentException("not an event of the ledger: " + event);
        }
        return series.value();
    }

    // --- queries, with the response types the callers use ---

    public Optional<SeriesView> series(String series) {
        return gateway.query(new FindSeries(TokenId.of(series)), ResponseTypes.optionalInstanceOf(SeriesView.class))
                .join();
    }

    public SeriesView seriesOrFail(String series) {
        return series(series).orElseThrow(() -> new AssertionError("no summary of series " + series));
    }

    public List<SeriesView> allSeries(Page page) {
        return gateway.query(new FindAllSeries(page), ResponseTypes.multipleInstancesOf(SeriesView.class)).join();
    }

    public List<CollateralizationView> collateralization(Page page) {
        return gateway.query(new FindCollateralization(page),
                ResponseTypes.multipleInstancesOf(CollateralizationView.class)).join();
    }

    public List<HolderBalance> balancesOf(String series, Page page) {
        return gateway.query(new FindBalancesOfSeries(TokenId.of(series), page),
                ResponseTypes.multipleInstancesOf(HolderBalance.class)).join();
    }

    public HolderPortfolio portfolio(String holder, Page page) {
        return gateway.query(new FindBalancesOfHolder(HolderId.of(holder), page),
                ResponseTypes.instanceOf(HolderPortfolio.class)).join();
    }

    public List<ProvenanceEntry> provenance(String series, Page page) {
        return gateway.query(new FindProvenance(TokenId.of(series), page),
                ResponseTypes.multipleInstancesOf(ProvenanceEntry.class)).join();
    }

    public List<ProvenanceEntry> provenanceOf(String holder, Page page) {
        return gateway.query(new FindProvenanceOfHolder(HolderId.of(holder), page),
                ResponseTypes.multipleInstancesOf(ProvenanceEntry.class)).join();
    }

    /** The instant of the {@code index}-th event recorded (each event is one second after the one before). */
    public static Instant timeOf(int index) {
        return START.plusSeconds(index);
    }
}
