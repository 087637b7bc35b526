package org.ctl.infra.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.infra.principal.ActingAs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The real application on an H2 file: the principal's one way in, and set-based rules across series. */
@SpringBootTest(properties = "ctl.data-dir=${java.io.tmpdir}/ctl-it-${random.uuid}")
class WriteSideIntegrationTest {

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    EventStore eventStore;

    @Test
    void refusesACommandSentWithoutAnAuthenticatedPrincipal() {
        assertThatThrownBy(() -> commandGateway.sendAndWait(issue("NO-AUTH", 10, "C-NO-AUTH", null)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(RuleCode.PRINCIPAL_MISSING));
    }

    @Test
    void ignoresAPrincipalTheSenderWroteIntoTheMetaDataItself() {
        var spoofed = GenericCommandMessage.asCommandMessage(issue("SPOOF", 10, "C-SPOOF", null))
                .andMetaData(Map.of(ActingPrincipal.METADATA_KEY, "issuer"));
        assertThatThrownBy(() -> commandGateway.sendAndWait(spoofed))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(RuleCode.PRINCIPAL_MISSING));
        assertThatThrownBy(() -> ActingAs.run("alice", () -> commandGateway.sendAndWait(spoofed)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(RuleCode.NOT_REGISTERED_ISSUER));
    }

    @Test
    void refusesACommandToASeriesNeverIssuedByName() {
        assertThatThrownBy(() -> ActingAs.run("oracle", () -> commandGateway.sendAndWait(verify("NEVER-ISSUED"))))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(RuleCode.UNKNOWN_TOKEN));
    }

    @Test
    void letsExactlyOneOfTwoRacingIssuancesBindOneCollateral() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String collateral = "C-RACE-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RuleCode>> outcomes = new ArrayList<>();
                for (String series : List.of("RACE-A-" + round, "RACE-B-" + round)) {
                    Callable<RuleCode> issuance = () -> {
                        start.await();
                        try {
                            ActingAs.run("issuer", () -> commandGateway.sendAndWait(
                                    issue(series, 10, collateral, GovernancePolicy.HARD_STOP)));
                            return null;
                        } catch (RuleViolation violation) {
                            return violation.code();
                        }
                    };
                    outcomes.add(pool.submit(issuance));
                }
                start.countDown();
                List<RuleCode> codes = new ArrayList<>();
                for (Future<RuleCode> outcome : outcomes) {
                    codes.add(outcome.get());
                }
                assertThat(codes).as("round %d", round)
                        .containsExactlyInAnyOrder(null, RuleCode.COLLATERAL_ALREADY_BACKS_A_SERIES);
                long seriesWithEvents = List.of("RACE-A-" + round, "RACE-B-" + round).stream()
                        .filter(series -> eventStore.readEvents(series).hasNext()).count();
                assertThat(seriesWithEvents).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
