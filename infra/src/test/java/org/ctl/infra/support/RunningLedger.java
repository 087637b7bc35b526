package org.ctl.infra.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.infra.LedgerApplication;
import org.ctl.infra.principal.ActingAs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application, started in this JVM on an H2 file in {@code dataDirectory}, for tests that stop it and
 * start it again on the same file.
 */
public final class RunningLedger implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningLedger(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningLedger start(Path dataDirectory, String... extraProperties) {
        // As command-line arguments: they take precedence over application.properties (default properties don't).
        List<String> arguments = new ArrayList<>(List.of(
                "--ctl.data-dir=" + dataDirectory.toAbsolutePath(),
                "--server.port=0"));
        for (String property : extraProperties) {
            arguments.add("--" + property);
        }
        return new RunningLedger(new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    /** The port the ledger's web server listens on (chosen at random at each start). */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Sends {@code command} as {@code principal} through the command gateway and waits for its outcome. */
    public Object send(String principal, Object command) {
        return ActingAs.run(principal, () -> bean(CommandGateway.class).sendAndWait(command));
    }

    /** Sends a command that must be refused, and returns the rule it broke. */
    public RuleCode refusal(String principal, Object command) {
        try {
            send(principal, command);
        } catch (RuleViolation violation) {
            return violation.code();
        }
        throw new AssertionError("expected a refusal of " + command);
    }

    /** Every event of one aggregate, in order, from its first (never starting at a snapshot). */
    public List<DomainEventMessage<?>> events(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        bean(EventStore.class).readEvents(aggregateId, 0).forEachRemaining(events::add);
        return events;
    }

    /** Every event payload of one aggregate, keyed by event identifier, in order. */
    public Map<String, Object> payloadsById(String aggregateId) {
        Map<String, Object> payloads = new LinkedHashMap<>();
        events(aggregateId).forEach(event -> payloads.put(event.getIdentifier(), event.getPayload()));
        return payloads;
    }

    @Override
    public void close() {
        context.close();
    }
}
