package org.ctl.infra.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.ctl.domain.issuance.FindSeries;
import org.ctl.domain.issuance.SeriesView;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.springframework.stereotype.Component;

/** Sends the HTTP API's reads through the query gateway, each with a bounded wait for its answer. */
@Component
public class LedgerQueries {

    /** The longest a query may take. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final QueryGateway queryGateway;

    public LedgerQueries(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public <R> R ask(Object query, ResponseType<R> responseType) {
        try {
            return queryGateway.query(query, responseType).get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            throw new LedgerUnavailable(Problems.LEDGER_TIMEOUT, "the query took longer than " + QUERY_TIMEOUT);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailable(Problems.LEDGER_TIMEOUT, "interrupted while querying");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("a query failed", failed.getCause());
        }
    }

    public <R> List<R> askList(Object query, Class<R> entryType) {
        return ask(query, ResponseTypes.multipleInstancesOf(entryType));
    }

    /**
     * The summary of a series.
     *
     * @throws RuleViolation {@link RuleCode#UNKNOWN_TOKEN} for a series the projection does not know
     */
    public SeriesView series(TokenId tokenId) {
        Optional<SeriesView> series = ask(new FindSeries(tokenId), ResponseTypes.optionalInstanceOf(SeriesView.class));
        return series.orElseThrow(() -> new RuleViolation(RuleCode.UNKNOWN_TOKEN, "no series " + tokenId));
    }
}
