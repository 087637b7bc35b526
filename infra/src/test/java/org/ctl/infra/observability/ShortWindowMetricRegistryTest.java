package org.ctl.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/**
 * An event processor's capacity is the share of the last window its handlers were busy: a measurement older than the
 * window no longer counts (and is no longer kept), where Axon's default window would keep it for ten minutes.
 */
class ShortWindowMetricRegistryTest {

    @Test
    void aProcessorsCapacityForgetsMessagesOlderThanTheWindow() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MockClock clock = new MockClock();
        ShortWindowMetricRegistry registry = new ShortWindowMetricRegistry(meters, Duration.ofSeconds(10), clock);
        @SuppressWarnings("unchecked")
        MessageMonitor<EventMessage<?>> monitor = (MessageMonitor<EventMessage<?>>) registry.registerEventProcessor(
                "projection", message -> Tags.of("payloadType", "String"), message -> Tags.empty());

        MessageMonitor.MonitorCallback busy = monitor.onMessageIngested(GenericEventMessage.asEventMessage("first"));
        clock.add(1, TimeUnit.SECONDS);
        busy.reportSuccess();
        assertThat(capacity(meters)).isEqualTo(0.1);

        clock.add(11, TimeUnit.SECONDS);
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("second")).reportSuccess();
        assertThat(capacity(meters)).isZero();
        assertThat(meters.get("projection.successCounter").tag("payloadType", "String").counter().count())
                .isEqualTo(2);
    }

    private static double capacity(SimpleMeterRegistry meters) {
        return meters.get("projection.capacity").tag("payloadType", "String").gauge().value();
    }
}
