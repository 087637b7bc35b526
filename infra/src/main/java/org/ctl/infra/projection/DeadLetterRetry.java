package org.ctl.infra.projection;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The operator's retry: once the cause of a projection's dead letters is fixed, hands every parked series of the
 * group, each in order from its first parked event, to Axon's {@link SequencedDeadLetterProcessor} (the same
 * handlers as live processing). A series whose events now apply leaves the queue; one that fails again stays
 * parked, in order, with its cause updated, and the retry goes on with the next series.
 */
@Component
public class DeadLetterRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);

    private final EventProcessingConfiguration processing;

    public DeadLetterRetry(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /**
     * What a retry did.
     *
     * @param retried        dead letters that were handled and left the queue
     * @param left           dead letters still parked afterwards
     * @param sequencesTried parked series tried
     * @param sequencesFixed of those, series whose every parked event applied
     */
    public record Outcome(String group, long retried, long left, int sequencesTried, int sequencesFixed) {
    }

    /** Whether {@code group} has a dead-letter queue to retry. */
    public boolean hasQueue(String group) {
        return processing.sequencedDeadLetterProcessor(group).isPresent();
    }

    /**
     * Retries every series parked in {@code group}'s queue, each once.
     *
     * @throws IllegalArgumentException when the group has no dead-letter queue
     */
    public Outcome retryAll(String group) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalArgumentException("no dead-letter queue for processing group " + group));
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElseThrow();
        long before = queue.size();
        // A series is recognized by its first parked event, which stays first until the series leaves the queue.
        // The filter admits each first event once, so that a series that fails again is not tried twice and the
        // loop ends when no untried series is left.
        Set<String> tried = new HashSet<>();
        int fixed = 0;
        int triedBefore;
        do {
            triedBefore = tried.size();
            try {
                if (processor.process(letter -> tried.add(letter.message().getIdentifier()))) {
                    fixed++;
                }
            } catch (RuntimeException failed) {
                // The letter stays parked (its claim times out); the other series are still worth trying.
                log.warn("Retrying a dead-letter sequence of {} failed", group, failed);
            }
        } while (tried.size() > triedBefore);
        long left = queue.size();
        Outcome outcome = new Outcome(group, Math.max(0, before - left), left, tried.size(), fixed);
        log.info("Dead-letter retry of {}: {}", group, outcome);
        return outcome;
    }
}
