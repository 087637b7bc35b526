package org.ctl.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.query.Events.issued;

import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.pricing.CollateralizationView;
import org.ctl.domain.pricing.FindCollateralization;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.Page;
import org.ctl.query.balance.BalanceProjection;
import org.ctl.query.governance.PollProjection;
import org.ctl.query.loan.LoanProjection;
import org.ctl.query.provenance.ProvenanceProjection;
import org.ctl.query.series.SeriesProjection;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projections as infra's component scan finds them: three components, each in its named processing group,
 * built from the beans infra provides (a JdbcTemplate, the PricingKernel, Axon's QueryUpdateEmitter) and the
 * alert threshold property.
 */
class SpringWiringTest {

    private static AnnotationConfigApplicationContext context(Map<String, Object> properties) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.registerBean(JdbcTemplate.class, ReadModelDatabase::migrated);
        context.registerBean(PricingKernel.class, PricingKernel::seedDefault);
        context.registerBean(QueryUpdateEmitter.class, RecordingUpdateEmitter::new);
        context.scan("org.ctl.query");
        context.refresh();
        return context;
    }

    /** Whether the seed's example series (CR 0.16) is below the alert in {@code context}. */
    private static boolean seedExampleIsBelowAlert(AnnotationConfigApplicationContext context) throws Exception {
        SeriesProjection projection = context.getBean(SeriesProjection.class);
        new AnnotationEventHandlerAdapter(projection).handle(new GenericDomainEventMessage<>("TokenSeries", "S1", 0,
                issued("S1", "issuer", "H100-GPU-HOUR", 10, "1.00", "C1", 8, "0.20", GovernancePolicy.HYBRID)));
        List<CollateralizationView> views = projection.handle(new FindCollateralization(Page.FIRST));
        return views.get(0).belowAlert();
    }

    @Test
    void theScanFindsEveryProjectionEachInItsOwnProcessingGroup() {
        try (AnnotationConfigApplicationContext context = context(Map.of())) {
            assertThat(context.getBeansWithAnnotation(ProcessingGroup.class).values())
                    .extracting(bean -> bean.getClass().getAnnotation(ProcessingGroup.class).value())
                    .containsExactlyInAnyOrder(SeriesProjection.PROCESSING_GROUP, BalanceProjection.PROCESSING_GROUP,
                            ProvenanceProjection.PROCESSING_GROUP, LoanProjection.PROCESSING_GROUP,
                            PollProjection.PROCESSING_GROUP);
            assertThat(List.of(LoanProjection.PROCESSING_GROUP, PollProjection.PROCESSING_GROUP))
                    .containsExactly("loan-book", "polls");
            assertThat(List.of(SeriesProjection.PROCESSING_GROUP, BalanceProjection.PROCESSING_GROUP,
                    ProvenanceProjection.PROCESSING_GROUP)).containsExactly("series", "balances", "provenance");
        }
    }

    @Test
    void theAlertThresholdDefaultsToOne() throws Exception {
        try (AnnotationConfigApplicationContext context = context(Map.of())) {
            assertThat(seedExampleIsBelowAlert(context)).isTrue();
        }
    }

    @Test
    void theAlertThresholdIsReadFromItsProperty() throws Exception {
        try (AnnotationConfigApplicationContext context = context(
                Map.of(SeriesProjection.ALERT_THRESHOLD_PROPERTY, "0.1"))) {
            assertThat(seedExampleIsBelowAlert(context)).isFalse();
        }
    }
}
