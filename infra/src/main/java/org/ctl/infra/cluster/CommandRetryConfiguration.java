package org.ctl.infra.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway, with Axon's retry hook set to {@link CollisionRetryScheduler} (Axon's auto-configuration
 * builds the same gateway without one). On a single node a collision cannot happen (the node's lock on the
 * aggregate serializes its commands), so the scheduler is only ever used when nodes share a store.
 */
@Configuration(proxyBeanMethods = false)
public class CommandRetryConfiguration {

    @Bean
    CollisionRetryScheduler collisionRetryScheduler(ClusterProperties cluster, MeterRegistry meters) {
        return new CollisionRetryScheduler(cluster.retry(), meters);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, CollisionRetryScheduler collisionRetryScheduler) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(collisionRetryScheduler)
                .build();
    }
}
