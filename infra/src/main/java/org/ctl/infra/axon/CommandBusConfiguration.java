package org.ctl.infra.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.ctl.command.series.UnknownSeriesTranslation;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.infra.principal.PrincipalMetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every command meets on its way in: the acting principal put into its metadata, unknown series refused
 * by name; and what every event carries out: the principal that caused it, copied into its metadata.
 */
@Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    @Autowired
    void interceptCommands(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new PrincipalMetaData());
        commandBus.registerHandlerInterceptor(new UnknownSeriesTranslation());
    }

    /** Static: the Axon configuration needs it before this class's command bus exists. */
    @Bean
    static CorrelationDataProvider principalCorrelation() {
        return new SimpleCorrelationDataProvider(ActingPrincipal.METADATA_KEY);
    }

    /**
     * No event handler failure is logged away (Axon's default): a failing write-side lookup fails and rolls back
     * the command that caused it; a failing projection batch rolls back with its token and is retried, so no
     * event is ever skipped.
     */
    @Bean
    static ConfigurerModule handlerFailuresPropagate() {
        return configurer -> configurer.eventProcessing().registerDefaultListenerInvocationErrorHandler(
                config -> PropagatingErrorHandler.instance());
    }
}
