package org.ctl.infra.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.ctl.domain.governance.SeriesFlagged;

/**
 * Watches the events this node stores and counts the flags among them once their transaction has committed:
 * {@value #FLAGS}, tagged {@code verdict}, {@code policy} and the {@code outcome} the policy made of it. A
 * counter of this node since it started (Prometheus' {@code increase()} copes with restarts); every flag ever
 * raised is in each series' provenance.
 */
public class FlagsRaised implements MessageMonitor<EventMessage<?>> {

    public static final String FLAGS = "ctl.flags";

    private final MeterRegistry registry;

    public FlagsRaised(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> event) {
        if (!(event.getPayload() instanceof SeriesFlagged flagged)) {
            return NoOpMessageMonitorCallback.INSTANCE;
        }
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                Counter.builder(FLAGS)
                        .description("Series flagged by an oracle, by verdict, policy and outcome")
                        .tag("verdict", flagged.verdict().name())
                        .tag("policy", flagged.policy().name())
                        .tag("outcome", flagged.outcome().name())
                        .register(registry)
                        .increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                // Rolled back: no flag was raised.
            }

            @Override
            public void reportIgnored() {
                // Not stored: no flag was raised.
            }
        };
    }
}
