package org.ctl.infra.observability;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;

/**
 * Puts the correlation id of the sending thread (the HTTP request's, see {@link CorrelationIdFilter}) into a
 * command's metadata under Axon's {@value #TRACE_ID} key. Axon's {@code MessageOriginProvider} then copies it into
 * every event the command causes, so one id ties the request, the command, its outcome in the log, and its events.
 * A command sent without one (from Java, outside a request) keeps its own message id as its trace.
 */
public class CorrelationMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** Axon's metadata key for the id of the whole chain of messages (see {@code MessageOriginProvider}). */
    public static final String TRACE_ID = "traceId";

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        return (index, command) -> correlationId == null
                ? command
                : command.andMetaData(Map.of(TRACE_ID, correlationId));
    }

    /** The correlation id a command carries: its trace id, or else its own message id. */
    public static String of(CommandMessage<?> command) {
        Object traceId = command.getMetaData().get(TRACE_ID);
        return traceId != null ? traceId.toString() : command.getIdentifier();
    }
}
