package org.ctl.infra.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.infra.principal.ActingAs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command gateway's retries: a command whose events collided with another node's append to the same series
 * (Axon's {@link ConcurrencyException}, or {@link AggregateStreamCreationException} for two first events) is sent
 * again, on the aggregate as the store now has it, at most {@code maxRetries} times, after {@code backoff},
 * {@code 2 × backoff}, {@code 4 × backoff}… Nothing else is retried: a rule violation is the ledger's answer, and
 * any other failure is reported as it is. Retrying is safe because every command carries its own id and a repeat
 * is answered as the first one was.
 *
 * <p>Every retry and every command refused after its last retry is counted ({@code ctl.commands.collisions},
 * tagged {@code outcome=retried|refused} and {@code command}) and logged with the command's message id and payload
 * (which holds the ledger's command id).
 *
 * <p>The gateway dispatches a retry on this scheduler's thread, where the sender's security context is not; the
 * retry runs as the principal that the first dispatch wrote into the command's metadata.
 */
public final class CollisionRetryScheduler implements RetryScheduler, AutoCloseable {

    static final String METER = "ctl.commands.collisions";
    private static final Logger log = LoggerFactory.getLogger(CollisionRetryScheduler.class);

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final Duration backoff;
    private final MeterRegistry meters;

    public CollisionRetryScheduler(ClusterProperties.Retry settings, MeterRegistry meters) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ctl-command-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.maxRetries = settings.maxRetries();
        this.backoff = settings.backoff();
        this.meters = meters;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!isCollision(lastFailure)) {
            return false;
        }
        int collisions = failures.size();
        String command = commandMessage.getPayloadType().getSimpleName();
        if (collisions > maxRetries) {
            counter("refused", command).increment();
            log.warn("Command {} [{}] {} refused: it collided with another node's append {} times ({})", command,
                    commandMessage.getIdentifier(), commandMessage.getPayload(), collisions, lastFailure.getMessage());
            return false;
        }
        long delay = backoff.toMillis() << (collisions - 1);
        Object principal = commandMessage.getMetaData().get(ActingPrincipal.METADATA_KEY);
        Runnable dispatch = principal == null ? commandDispatch
                : () -> ActingAs.run(principal.toString(), () -> {
                    commandDispatch.run();
                    return null;
                });
        try {
            executor.schedule(dispatch, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            counter("refused", command).increment();
            log.warn("Command {} [{}] {} refused: it collided with another node's append and the node is stopping",
                    command, commandMessage.getIdentifier(), commandMessage.getPayload());
            return false;
        }
        counter("retried", command).increment();
        log.info("Command {} [{}] {} collided with another node's append ({}); retry {} of {} in {} ms", command,
                commandMessage.getIdentifier(), commandMessage.getPayload(), lastFailure.getMessage(), collisions,
                maxRetries, delay);
        return true;
    }

    /** Retries not yet sent are dropped: their senders' waits time out, and their ids make a resend harmless. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Whether {@code failure}, or one of its causes, is a collision on the (aggregate, sequence) key. */
    static boolean isCollision(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private Counter counter(String outcome, String command) {
        return Counter.builder(METER)
                .description("Commands that collided with another node's append to the same series")
                .tag("outcome", outcome)
                .tag("command", command)
                .register(meters);
    }
}
