package org.ctl.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.MetaData;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

/** Which failures the gateway retries, how often, as whom, and how each is counted. */
class CollisionRetrySchedulerTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CollisionRetryScheduler scheduler = new CollisionRetryScheduler(
            new ClusterProperties.Retry(3, Duration.ofMillis(1)), meters);
    final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("a command")
            .andMetaData(MetaData.with(ActingPrincipal.METADATA_KEY, "dana"));

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void aRuleViolationIsTheAnswerAndNeverRetried() {
        boolean retried = scheduler.scheduleRetry(command, new RuleViolation(RuleCode.values()[0], "no"),
                failures(1), () -> { });
        assertThat(retried).isFalse();
        assertThat(meters.find(CollisionRetryScheduler.METER).counters()).isEmpty();
    }

    @Test
    void otherFailuresAreNotRetriedEither() {
        assertThat(scheduler.scheduleRetry(command, new IllegalStateException("database gone"), failures(1),
                () -> { })).isFalse();
        assertThat(meters.find(CollisionRetryScheduler.METER).counters()).isEmpty();
    }

    @Test
    void aCollisionIsRetriedAsTheSendingPrincipalUpToTheLimitThenRefused() throws Exception {
        List<String> principals = new ArrayList<>();
        CountDownLatch dispatched = new CountDownLatch(3);
        Runnable dispatch = () -> {
            principals.add(SecurityContextHolder.getContext().getAuthentication().getName());
            dispatched.countDown();
        };
        assertThat(scheduler.scheduleRetry(command, new ConcurrencyException("seq 7 taken"), failures(1), dispatch))
                .isTrue();
        assertThat(scheduler.scheduleRetry(command, new AggregateStreamCreationException("first event taken"),
                failures(2), dispatch)).isTrue();
        assertThat(scheduler.scheduleRetry(command, new IllegalStateException("wrapped",
                new ConcurrencyException("seq 8 taken")), failures(3), dispatch)).isTrue();
        assertThat(dispatched.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(principals).containsOnly("dana");

        assertThat(scheduler.scheduleRetry(command, new ConcurrencyException("seq 9 taken"), failures(4), dispatch))
                .as("the fourth collision is past the limit of 3 retries").isFalse();
        assertThat(meters.get(CollisionRetryScheduler.METER).tag("outcome", "retried").counter().count())
                .isEqualTo(3);
        assertThat(meters.get(CollisionRetryScheduler.METER).tag("outcome", "refused").counter().count())
                .isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[] {ConcurrencyException.class});
        }
        return failures;
    }
}
