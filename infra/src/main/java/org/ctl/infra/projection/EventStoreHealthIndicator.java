package org.ctl.infra.projection;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code eventStore} component of {@code /actuator/health}: UP when the event table can be read, with its
 * storage engine, its head (the global index of the newest event, -1 when empty) and the time of that event;
 * DOWN with the cause when it cannot be read.
 */
@Component
public class EventStoreHealthIndicator implements HealthIndicator {

    private final ProjectionMonitor monitor;
    private final EventStorageEngine storageEngine;

    public EventStoreHealthIndicator(ProjectionMonitor monitor, EventStorageEngine storageEngine) {
        this.monitor = monitor;
        this.storageEngine = storageEngine;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            health.withDetail("head", monitor.head());
            monitor.newestEventAt().ifPresent(at -> health.withDetail("newestEventAt", at.toString()));
        } catch (RuntimeException unreadable) {
            health.down(unreadable);
        }
        return health.withDetail("storageEngine", storageEngine.getClass().getSimpleName())
                .withDetail("table", "domain_event_entry")
                .build();
    }
}
