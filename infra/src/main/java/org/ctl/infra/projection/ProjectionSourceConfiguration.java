package org.ctl.infra.projection;

import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The source the projections' pooled processors read ({@code axon.eventhandling.processors.*.source=projectionEvents}
 * in {@code application.properties}): see {@link CommitWakingEventSource}.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionSourceConfiguration {

    @Bean(destroyMethod = "close")
    CommitWakingEventSource projectionEvents(EventStore eventStore,
                                             @Value("${ctl.projections.look-interval:500ms}") Duration lookInterval,
                                             @Value("${ctl.projections.wake-interval:50ms}") Duration wakeInterval) {
        return new CommitWakingEventSource(eventStore, lookInterval, wakeInterval);
    }
}
