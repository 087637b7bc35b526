package org.ctl.infra.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Watches every command on the command bus to its outcome: one log line per command with its correlation id
 * (accepted, refused with the rule's code, or failed), and the counter {@value #REFUSED} of commands a ledger
 * rule refused, tagged {@code rule} and {@code command}. It sees the outcome after every handler interceptor, so
 * an unknown series counts as {@code UNKNOWN_TOKEN} like any other refusal. Requests refused before they become
 * a command (malformed JSON, a role that may not call the endpoint) are answered by HTTP and not counted here.
 */
public class CommandOutcomes implements MessageMonitor<CommandMessage<?>> {

    public static final String REFUSED = "ctl.commands.refused";
    private static final Logger LOG = LoggerFactory.getLogger(CommandOutcomes.class);

    private final MeterRegistry registry;

    public CommandOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(CommandMessage<?> command) {
        String name = command.getPayloadType().getSimpleName();
        String correlationId = CorrelationMetaData.of(command);
        Object principal = command.getMetaData().get(ActingPrincipal.METADATA_KEY);
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                log(correlationId, () -> LOG.info("command {} {} by {}: accepted", name, command.getIdentifier(),
                        principal));
            }

            @Override
            public void reportFailure(Throwable cause) {
                if (cause instanceof RuleViolation refused) {
                    refusals(refused, name).increment();
                    log(correlationId, () -> LOG.info("command {} {} by {}: refused, {}", name,
                            command.getIdentifier(), principal, refused.getMessage()));
                } else {
                    log(correlationId, () -> LOG.warn("command {} {} by {}: failed", name, command.getIdentifier(),
                            principal, cause));
                }
            }

            @Override
            public void reportIgnored() {
                log(correlationId, () -> LOG.info("command {} {} by {}: ignored", name, command.getIdentifier(),
                        principal));
            }
        };
    }

    private Counter refusals(RuleViolation refused, String command) {
        return Counter.builder(REFUSED)
                .description("Commands refused by a rule of the ledger, by rule code and command")
                .tag("rule", refused.code().name())
                .tag("command", command)
                .register(registry);
    }

    /** The outcome may be reported on another thread than the sender's: log it under the command's own id. */
    private static void log(String correlationId, Runnable line) {
        String previous = MDC.get(CorrelationIdFilter.MDC_KEY);
        MDC.put(CorrelationIdFilter.MDC_KEY, correlationId);
        try {
            line.run();
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationIdFilter.MDC_KEY);
            } else {
                MDC.put(CorrelationIdFilter.MDC_KEY, previous);
            }
        }
    }
}
