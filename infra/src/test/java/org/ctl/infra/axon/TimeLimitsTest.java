package org.ctl.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Axon's time limits as the ledger configures them: every unit of work (a command group's, an event processor's
 * batch) keeps its limit, and single handler calls have none of their own, since a timer and a stack trace per
 * event and per command cost a seventh of a replay and a quarter of a hot transfer (see application.properties).
 */
@SpringBootTest(properties = "ctl.data-dir=${java.io.tmpdir}/ctl-time-limits-${random.uuid}")
class TimeLimitsTest {

    @Autowired
    TimeoutProperties timeouts;

    @Test
    void unitsOfWorkAreBoundedAndSingleHandlerCallsAreNot() {
        assertThat(timeouts.isEnabled()).isTrue();
        assertBounded(timeouts.getTransaction().getCommandBus());
        assertBounded(timeouts.getTransaction().getEventProcessors());

        assertUnbounded(timeouts.getHandler().getEvents());
        assertUnbounded(timeouts.getHandler().getCommands());
    }

    private static void assertBounded(TaskTimeoutSettings settings) {
        assertThat(settings.getTimeoutMs()).isPositive();
        assertThat(settings.getWarningThresholdMs()).isPositive().isLessThan(settings.getTimeoutMs());
    }

    private static void assertUnbounded(TaskTimeoutSettings settings) {
        assertThat(settings.getTimeoutMs()).isNegative();
        assertThat(settings.getWarningThresholdMs()).isNegative();
    }
}
