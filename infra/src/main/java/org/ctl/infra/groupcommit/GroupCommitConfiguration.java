package org.ctl.infra.groupcommit;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command bus: {@link GroupCommitCommandBus} over a {@code SimpleCommandBus} built as Axon's auto-configuration
 * builds its own (transaction manager, duplicate-handler resolver, spans, message monitor, correlation data).
 * With {@code ctl.commands.group-commit.enabled=false} this configuration steps back and Axon's plain bus is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ctl.commands.group-commit.enabled", havingValue = "true", matchIfMissing = true)
public class GroupCommitConfiguration {

    @Bean(destroyMethod = "close")
    CommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
                          DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                          GroupCommitProperties settings, MeterRegistry meters) {
        SimpleCommandBus handlers = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        handlers.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return new GroupCommitCommandBus(handlers, transactionManager, settings, meters);
    }
}
