package org.ctl.infra.projection;

import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The source the projections' pooled processors read ({@code axon.eventhandling.processors.*.source=projectionEvents}
 * in {@code application.properties}): see {@link CommitWakingEventSource}; and how often they store a token that
 * moved past events they do not handle.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionSourceConfiguration {

    @Bean(destroyMethod = "close")
    CommitWakingEventSource projectionEvents(EventStore eventStore,
                                             @Value("${ctl.projections.look-interval:500ms}") Duration lookInterval,
                                             @Value("${ctl.projections.wake-interval:25ms}") Duration wakeInterval) {
        return new CommitWakingEventSource(eventStore, lookInterval, wakeInterval);
    }

    /**
     * Every pooled processor extends its claims every second at most (a third of the claim timeout when that is
     * shorter). A segment that receives none of the new events (a price, for the balances) stores its advanced token
     * only at a claim extension, and a read with {@code ?position=} waits for every segment's stored token, so this
     * interval bounds how long such a read waits; Axon's default is 5 s, as long as the read's whole wait.
     */
    @Bean
    static ConfigurerModule claimsExtendedEverySecond(TokenStoreProperties tokenStoreProperties) {
        long claimExtension = Math.max(1, Math.min(1_000, tokenStoreProperties.getClaimTimeout().toMillis() / 3));
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder.claimExtensionThreshold(claimExtension));
    }
}
