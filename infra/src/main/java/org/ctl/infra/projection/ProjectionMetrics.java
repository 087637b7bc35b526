package org.ctl.infra.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Two gauges per projection, tagged {@code group}: {@code ctl.projection.dead.letters}, the events parked in its
 * dead-letter queue (alert when above 0), and {@code ctl.projection.lag}, the stored events its processor has not
 * processed yet (head of the event store − its position). Both are read from the database when scraped.
 */
@Component
public class ProjectionMetrics implements MeterBinder {

    public static final String DEAD_LETTERS = "ctl.projection.dead.letters";
    public static final String LAG = "ctl.projection.lag";

    private final ProjectionMonitor monitor;

    public ProjectionMetrics(ProjectionMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : monitor.groups()) {
            Gauge.builder(DEAD_LETTERS, monitor, m -> m.deadLetters(group))
                    .tag("group", group)
                    .description("Events of the projection parked in its dead-letter queue")
                    .baseUnit("events")
                    .register(registry);
            Gauge.builder(LAG, monitor, m -> m.lag(group).stream().mapToDouble(lag -> lag).findFirst().orElse(Double.NaN))
                    .tag("group", group)
                    .description("Stored events the projection's processor has not processed yet")
                    .baseUnit("events")
                    .register(registry);
        }
    }
}
