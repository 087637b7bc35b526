package org.ctl.infra.projection;

import java.util.List;
import java.util.Map;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.ctl.domain.balance.FindBalancesOfHolder;
import org.ctl.domain.balance.FindBalancesOfSeries;
import org.ctl.domain.issuance.FindAllSeries;
import org.ctl.domain.issuance.FindSeries;
import org.ctl.domain.pricing.FindCollateralization;
import org.ctl.domain.provenance.FindProvenance;
import org.ctl.domain.provenance.FindProvenanceOfHolder;
import org.ctl.query.balance.BalanceProjection;
import org.ctl.query.provenance.ProvenanceProjection;
import org.ctl.query.series.SeriesProjection;
import org.springframework.stereotype.Component;

/**
 * No query is answered from a read model in the middle of its rebuild: a query handled while a projection it reads
 * is replaying fails with {@link ReplayInProgress} (HTTP 503, code {@code PROJECTION_REPLAYING}), for HTTP and
 * Java callers of the query bus alike. Checked before the handler runs and again after, so that an answer read
 * while a replay began (and emptied the tables) is not returned either.
 */
@Component
public class ReplayGuard implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    /**
     * The read models each query reads. A holder's portfolio reads the series projection's market prices too.
     */
    static final Map<Class<?>, List<String>> PROJECTIONS_READ = Map.of(
            FindSeries.class, List.of(SeriesProjection.PROCESSING_GROUP),
            FindAllSeries.class, List.of(SeriesProjection.PROCESSING_GROUP),
            FindCollateralization.class, List.of(SeriesProjection.PROCESSING_GROUP),
            FindBalancesOfSeries.class, List.of(BalanceProjection.PROCESSING_GROUP),
            FindBalancesOfHolder.class, List.of(BalanceProjection.PROCESSING_GROUP,
                    SeriesProjection.PROCESSING_GROUP),
            FindProvenance.class, List.of(ProvenanceProjection.PROCESSING_GROUP),
            FindProvenanceOfHolder.class, List.of(ProvenanceProjection.PROCESSING_GROUP));

    private final ProjectionReplay replay;

    public ReplayGuard(ProjectionReplay replay, QueryBus queryBus) {
        this.replay = replay;
        queryBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        List<String> groups = PROJECTIONS_READ.getOrDefault(unitOfWork.getMessage().getPayloadType(), List.of());
        requireServing(groups);
        Object answer = chain.proceed();
        requireServing(groups);
        return answer;
    }

    /**
     * @throws ReplayInProgress when any of {@code groups} is being rebuilt
     */
    public void requireServing(List<String> groups) {
        List<String> replaying = replay.replaying(groups.toArray(String[]::new));
        if (!replaying.isEmpty()) {
            throw new ReplayInProgress(replaying, "projection " + String.join(", ", replaying)
                    + " is being rebuilt from the event store; ask again when it has caught up "
                    + "(GET /api/admin/projections/replay)");
        }
    }
}
