package org.ctl.infra.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.springboot.MetricsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operators see of the ledger's messages: Axon's own meters (axon-micrometer) on the command bus and the
 * event store with the ledger's beside them ({@link CommandOutcomes}, {@link FlagsRaised}), the correlation id
 * of each command ({@link CorrelationMetaData}) and Axon's trace and correlation ids on every event.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Autowired
    void correlateCommands(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new CorrelationMetaData());
    }

    /**
     * Axon registers its {@code MessageOriginProvider} only when no other {@link CorrelationDataProvider} bean
     * exists, and the ledger declares one (the acting principal): declared here, every event again carries the
     * {@code correlationId} (the message that caused it) and the {@code traceId} (the request's correlation id).
     */
    @Bean
    static CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Axon's metric registry, but with each event processor's capacity measured over the last 10 seconds rather than
     * 10 minutes (see {@link ShortWindowMetricRegistry}); Axon's auto-configuration steps back for it.
     */
    @Bean
    static GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry,
                                                     @Value("${ctl.metrics.capacity-window:10s}") Duration window) {
        return new ShortWindowMetricRegistry(meterRegistry, window, Clock.SYSTEM);
    }

    /**
     * Axon keeps one monitor factory per component type and axon-micrometer's is the default for every type: the
     * factories declared here for the command bus and the event store keep Axon's monitor and add the ledger's.
     */
    @Bean
    static ConfigurerModule ledgerMessageMonitors(ObjectProvider<GlobalMetricRegistry> axonMetrics,
                                                  ObjectProvider<MetricsProperties> axonMetricsProperties,
                                                  ObjectProvider<MeterRegistry> registry) {
        return configurer -> {
            configurer.configureMessageMonitor(CommandBus.class, (configuration, type, name) ->
                    combined(axon(axonMetrics, axonMetricsProperties, type, name),
                            new CommandOutcomes(registry.getObject())));
            configurer.configureMessageMonitor(EventStore.class, (configuration, type, name) ->
                    combined(axon(axonMetrics, axonMetricsProperties, type, name),
                            new FlagsRaised(registry.getObject())));
        };
    }

    private static MessageMonitor<? extends Message<?>> axon(ObjectProvider<GlobalMetricRegistry> axonMetrics,
                                                             ObjectProvider<MetricsProperties> properties,
                                                             Class<?> type, String name) {
        GlobalMetricRegistry metrics = axonMetrics.getIfAvailable();
        if (metrics == null) {
            return null;
        }
        MetricsProperties configured = properties.getIfAvailable();
        return configured != null && configured.getMicrometer().isDimensional()
                ? metrics.registerComponentWithDefaultTags(type, name)
                : metrics.registerComponent(type, name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> combined(MessageMonitor<? extends Message<?>> axon,
                                                      MessageMonitor<? extends Message<?>> ledger) {
        if (axon == null) {
            return (MessageMonitor) ledger;
        }
        return new MultiMessageMonitor(List.of(axon, ledger));
    }
}
