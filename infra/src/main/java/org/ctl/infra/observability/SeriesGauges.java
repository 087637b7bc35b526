package org.ctl.infra.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.ctl.domain.issuance.FindAllSeries;
import org.ctl.domain.issuance.FindSeries;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.FindCollateralization;
import org.ctl.domain.shared.Page;
import org.ctl.domain.shared.TokenId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Per series, tagged {@code series}: {@value #OUTSTANDING}, the units outstanding, and {@value #RATIO}, the
 * collateralization ratio at the latest prices (NaN while nothing is outstanding, 0 for a worthless series).
 *
 * <p>The values come from the series projection, as the dashboard's do: the first {@value Page#MAX_LIMIT} series
 * when the application is ready, then every series whose supply, status or prices change, through the same
 * subscription query that feeds {@code /api/collateralization/stream}. One pair of time series per series: a
 * ledger of many thousands of series should drop these meters (a Micrometer {@code MeterFilter}) and read the
 * dashboard instead.
 */
@Component
public class SeriesGauges {

    public static final String OUTSTANDING = "ctl.series.outstanding";
    public static final String RATIO = "ctl.series.collateralization.ratio";
    private static final Logger LOG = LoggerFactory.getLogger(SeriesGauges.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final QueryGateway queryGateway;
    private final MeterRegistry registry;
    private final Map<TokenId, SeriesView> latest = new ConcurrentHashMap<>();
    private volatile Disposable following;

    public SeriesGauges(QueryGateway queryGateway, MeterRegistry registry) {
        this.queryGateway = queryGateway;
        this.registry = registry;
    }

    /** Starts following the series once the processors and query handlers are up. */
    @EventListener(ApplicationReadyEvent.class)
    public void follow() {
        following = Flux.defer(this::changes)
                .publishOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(failure -> LOG.warn("following the series for their gauges failed; again",
                                failure.failure())))
                .subscribe(this::refresh);
    }

    /** Every series now, then each series that changes (its id). */
    private Flux<TokenId> changes() {
        SubscriptionQueryResult<List<CollateralizationView>, CollateralizationView> subscription =
                queryGateway.subscriptionQuery(new FindCollateralization(new Page(0, Page.MAX_LIMIT)),
                        ResponseTypes.multipleInstancesOf(CollateralizationView.class),
                        ResponseTypes.instanceOf(CollateralizationView.class));
        return subscription.initialResult()
                .doOnNext(ignored -> queryGateway.query(new FindAllSeries(new Page(0, Page.MAX_LIMIT)),
                                ResponseTypes.multipleInstancesOf(SeriesView.class))
                        .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .join().forEach(this::record))
                .thenMany(subscription.updates().map(CollateralizationView::tokenId))
                .doFinally(signal -> subscription.cancel());
    }

    private void refresh(TokenId tokenId) {
        Optional<SeriesView> series = queryGateway.query(new FindSeries(tokenId),
                        ResponseTypes.optionalInstanceOf(SeriesView.class))
                .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        series.ifPresent(this::record);
    }

    private void record(SeriesView series) {
        TokenId tokenId = series.tokenId();
        if (latest.put(tokenId, series) == null) {
            Gauge.builder(OUTSTANDING, this, gauges -> gauges.outstanding(tokenId))
                    .tag("series", tokenId.value())
                    .description("Units of the series outstanding (issued − burned)")
                    .baseUnit("units")
                    .register(registry);
            Gauge.builder(RATIO, this, gauges -> gauges.ratio(tokenId))
                    .tag("series", tokenId.value())
                    .description("Collateralization ratio of the series at the latest prices (ColV / CV)")
                    .register(registry);
        }
    }

    private double outstanding(TokenId tokenId) {
        SeriesView series = latest.get(tokenId);
        return series == null ? Double.NaN : series.outstanding().value();
    }

    private double ratio(TokenId tokenId) {
        SeriesView series = latest.get(tokenId);
        return series == null || series.pricing() == null ? Double.NaN
                : series.pricing().collateralizationRatio().doubleValue();
    }

    @PreDestroy
    void stop() {
        Disposable current = following;
        if (current != null) {
            current.dispose();
        }
    }
}
