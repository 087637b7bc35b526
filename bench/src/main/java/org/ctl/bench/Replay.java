package org.ctl.bench;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** All three projections rebuilt at once through Axon's own reset and replay, timed until each reaches the head. */
final class Replay {

    private final ProjectionWatch watch;
    private final List<StreamingEventProcessor> processors = new ArrayList<>();

    Replay(LedgerUnderTest ledger, ProjectionWatch watch) {
        this.watch = watch;
        EventProcessingConfiguration processing = ledger.bean(EventProcessingConfiguration.class);
        for (String group : watch.groups()) {
            processors.add(processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no streaming processor for " + group)));
        }
    }

    /** Stops the projections (before the fixture is written, so that it is read by the replay alone). */
    void stopProjections() {
        processors.forEach(StreamingEventProcessor::shutDown);
    }

    /** Resets every projection, starts them all and waits until all have reached the head: elapsed seconds. */
    double replayAll() {
        processors.forEach(StreamingEventProcessor::resetTokens);
        long began = System.nanoTime();
        processors.forEach(StreamingEventProcessor::start);
        watch.awaitCaughtUp(3_600_000);
        return (System.nanoTime() - began) / 1e9;
    }
}
