package org.ctl.infra.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

/**
 * Axon's metric registry with the same meters for every event processor, except that a processor's capacity is
 * measured over {@code capacityWindow} instead of Axon's ten minutes.
 *
 * <p>Axon's capacity monitor keeps every handled message's duration in memory for its whole window. At ten minutes
 * that is millions of entries for a ledger replaying or under load: the benchmark found 10 million of them (about
 * 860 MB of the heap) after a replay of 1,000,000 events by the projections. Over a short window the gauge says
 * the same (the share of time a processor is busy), with memory bounded by a few seconds of messages.
 */
public class ShortWindowMetricRegistry extends GlobalMetricRegistry {

    private final MeterRegistry meters;
    private final Duration capacityWindow;
    private final Clock clock;

    public ShortWindowMetricRegistry(MeterRegistry meters, Duration capacityWindow, Clock clock) {
        super(meters);
        this.meters = meters;
        this.capacityWindow = capacityWindow;
        this.clock = clock;
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, meters),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(eventProcessorName).meterRegistry(meters).build(),
                CapacityMonitor.buildMonitor(eventProcessorName, meters, capacityWindow.toMillis(),
                        TimeUnit.MILLISECONDS, clock),
                MessageCountingMonitor.buildMonitor(eventProcessorName, meters)));
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String eventProcessorName, Function<Message<?>, Iterable<Tag>> tagsBuilder,
            Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, meters, tagsBuilder),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(eventProcessorName).meterRegistry(meters)
                        .tagsBuilder(latencyTagsBuilder).build(),
                CapacityMonitor.buildMonitor(eventProcessorName, meters, capacityWindow.toMillis(),
                        TimeUnit.MILLISECONDS, clock, tagsBuilder),
                MessageCountingMonitor.buildMonitor(eventProcessorName, meters, tagsBuilder)));
    }
}
