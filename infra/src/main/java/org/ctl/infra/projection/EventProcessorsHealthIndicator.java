package org.ctl.infra.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ctl.infra.projection.ProjectionMonitor.ProcessorState;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code eventProcessors} component of {@code /actuator/health}: per projection, its {@code state} in one word
 * (CAUGHT_UP, REPLAYING, BEHIND, ERROR or STOPPED), whether its processor runs, is in error, replays, has caught up
 * with the head of the event store, and how many events it has parked as dead letters; every other event processor
 * (the write side's lookups) with its mode, whether it runs and its state; and the head of the event store itself.
 *
 * <p>Its status:
 * <ul>
 * <li>{@code DOWN} when the event store cannot be read, or any event processor is not running or is in
 *     error mode (it retries a failing batch and does not advance; with the dead-letter queue this takes a
 *     failure outside a handler, such as the database refusing the token update);</li>
 * <li>{@link #DEGRADED} when every processor runs but some events are parked as dead letters: the projections
 *     are current for every other series, and a parked series stays where it was until an operator fixes the
 *     cause and retries ({@code POST /api/admin/projections/{group}/dead-letters/retry}). DEGRADED answers HTTP
 *     200 (it ranks between OUT_OF_SERVICE and UP, see application.properties): the node still serves, so a
 *     load balancer should not take it out, but it is visible without reading the details, and the gauge
 *     {@code ctl.projection.dead.letters} is what to alert on;</li>
 * <li>{@code UP} otherwise. Lag alone never lowers the status (a replay or a burst is lag); it is in the details
 *     and the gauge {@code ctl.projection.lag}.</li>
 * </ul>
 */
@Component
public class EventProcessorsHealthIndicator implements HealthIndicator {

    /** Every processor runs, but some events are parked in a dead-letter queue. */
    public static final Status DEGRADED = new Status("DEGRADED", "events are parked as dead letters");

    private final ProjectionMonitor monitor;

    public EventProcessorsHealthIndicator(ProjectionMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        long head;
        try {
            head = monitor.head();
        } catch (RuntimeException unreadable) {
            return Health.down(unreadable)
                    .withDetail("eventStore", Map.of("table", "domain_event_entry", "readable", false))
                    .build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventStore", Map.of("table", "domain_event_entry", "readable", true, "head", head));
        boolean down = false;
        long deadLetters = 0;
        for (String group : monitor.groups()) {
            ProcessorState state = monitor.state(group, head);
            details.put(group, state.details());
            down |= !state.running() || state.error();
            deadLetters += state.deadLetters();
        }
        for (var other : monitor.otherProcessors().entrySet()) {
            details.put(other.getKey(), other.getValue());
            down |= !ProcessorState.CAUGHT_UP.equals(other.getValue().get("state"))
                    && !ProcessorState.REPLAYING.equals(other.getValue().get("state"));
        }
        details.put("deadLetters", deadLetters);
        Status status = down ? Status.DOWN : deadLetters > 0 ? DEGRADED : Status.UP;
        return Health.status(status).withDetails(details).build();
    }
}
