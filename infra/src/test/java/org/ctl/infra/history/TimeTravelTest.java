package org.ctl.infra.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.Commands.burn;
import static org.ctl.infra.support.Commands.collateralPrice;
import static org.ctl.infra.support.Commands.flag;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.pledge;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.infra.http.ProjectionProgress;
import org.ctl.infra.principal.ActingAs;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Time travel over a scripted history: after every step the live answers are captured with the step's global
 * sequence and an instant between it and the next step; afterwards every as-of answer, by sequence and by instant,
 * must equal the live answer of its moment, JSON for JSON. Then the bad inputs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ctl.data-dir=${java.io.tmpdir}/ctl-time-travel-${random.uuid}",
                "ctl.http.rate-limit.requests-per-second=100000"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeTravelTest {

    /** The reads compared, each as the principal allowed to make it. */
    private static final Map<String, String> READS = new LinkedHashMap<>();

    static {
        READS.put("/api/tokens/T1", "alice");
        READS.put("/api/tokens/T2", "bob");
        READS.put("/api/tokens/T1/balances", "auditor");
        READS.put("/api/tokens/T2/balances", "issuer");
        READS.put("/api/holders/alice/balances", "alice");
        READS.put("/api/holders/bob/balances", "auditor");
        READS.put("/api/holders/carol/balances", "carol");
        READS.put("/api/holders/issuer/balances", "issuer");
    }

    /** What the live reads answered at one moment. */
    record Moment(String step, long position, Instant instant, Map<String, Answer> live) {
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    ProjectionProgress progress;

    static final List<Moment> moments = new ArrayList<>();

    long as(String principal, Object command) {
        CommandReceipt receipt = ActingAs.run(principal, () -> commandGateway.sendAndWait(command));
        return progress.globalPosition(receipt.aggregateId(), receipt.sequence());
    }

    void step(String name, String principal, Object command) {
        long position = as(principal, command);
        Map<String, Answer> live = new LinkedHashMap<>();
        READS.forEach((path, reader) -> live.put(path, client(reader).get(path + "?position=" + position)));
        // Every event so far has a timestamp at or before this instant; the next step's events come after it. The
        // store keeps timestamps to the millisecond (Axon's DateTimeUtils), so the next step waits for the next one:
        // an event of the same millisecond would be stored at or before this instant.
        Instant instant = Instant.now();
        moments.add(new Moment(name, position, instant, live));
        Instant nextMillisecond = instant.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        while (Instant.now().isBefore(nextMillisecond)) {
            Thread.onSpinWait();
        }
    }

    HttpLedgerClient client(String principal) {
        return HttpLedgerClient.as(port, principal);
    }

    static PublishPrice computePrice(String priceId, String price) {
        return new PublishPrice(CommandId.of(priceId), new PriceFeedId(PriceKind.COMPUTE, "H100-GPU-HOUR"),
                new Money(new BigDecimal(price)));
    }

    @Test
    @Order(1)
    void asOfAnswersEqualTheLiveAnswersAtTheMomentsTheyName() {
        step("issue T1", "issuer", issue("T1", 1_000, "C-T1", GovernancePolicy.HYBRID));
        step("verify T1", "oracle", verify("T1"));
        step("issuer gives alice 300", "issuer", transfer("T1", "t1", "issuer", "alice", 300));
        step("collateral at 0.35", "oracle", collateralPrice("px-1", "0.35"));
        step("alice gives bob 100", "alice", transfer("T1", "t2", "alice", "bob", 100));
        step("alice pledges 50 to carol", "alice", pledge("T1", "p1", "alice", "carol", 50));
        step("compute at 1.50", "oracle", computePrice("px-2", "1.50"));
        step("issue T2", "issuer", issue("T2", 500, "C-T2", GovernancePolicy.GRACEFUL_EXIT));
        step("verify T2", "oracle", verify("T2"));
        step("issuer gives alice 200 of T2", "issuer", transfer("T2", "t3", "issuer", "alice", 200));
        step("carol releases p1", "carol", new ReleasePledge(TokenId.of("T1"), CommandId.of("p1")));
        step("alice pledges 20 to bob", "alice", pledge("T1", "p2", "alice", "bob", 20));
        step("bob seizes p2", "bob", new SeizePledge(TokenId.of("T1"), CommandId.of("p2")));
        step("bob burns 10", "bob", burn("T1", "b1", "bob", 10));
        step("alice pledges 30 of T2 to bob", "alice", pledge("T2", "p3", "alice", "bob", 30));
        step("T2 disputed: wound up", "oracle", flag("T2", "f2", Verdict.DISPUTED));
        step("collateral at 0.40", "oracle", collateralPrice("px-3", "0.40"));
        step("T1 illegitimate: worthless", "oracle", flag("T1", "f1", Verdict.ILLEGITIMATE));
        step("compute at 2.00", "oracle", computePrice("px-4", "2.00"));

        assertThat(moments.get(0).live().get("/api/tokens/T1").status()).isEqualTo(200);
        assertThat(moments.get(0).live().get("/api/tokens/T2").status()).isEqualTo(404);
        assertThat(moments.get(moments.size() - 1).live().get("/api/holders/bob/balances").json()
                .get("balances")).isNotEmpty();
        int compared = 0;
        for (Moment moment : moments) {
            for (Map.Entry<String, Answer> read : moment.live().entrySet()) {
                String path = read.getKey();
                Answer live = read.getValue();
                for (String asOf : List.of(Long.toString(moment.position()), moment.instant().toString())) {
                    Answer past = client(READS.get(path)).get(path + "?asOf=" + asOf);
                    assertThat(past.status()).as("%s as of %s (after '%s')", path, asOf, moment.step())
                            .isEqualTo(live.status());
                    if (live.status() == 200) {
                        assertThat(past.json()).as("%s as of %s (after '%s')", path, asOf, moment.step())
                                .isEqualTo(live.json());
                    } else {
                        assertThat(past.code()).isEqualTo(live.code());
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(moments.size() * READS.size() * 2);
    }

    @Test
    @Order(2)
    void theLatestMomentEqualsTheCurrentAnswer() {
        Moment last = moments.get(moments.size() - 1);
        JsonNode now = client("alice").get("/api/tokens/T1").json();
        assertThat(client("alice").get("/api/tokens/T1?asOf=" + last.position()).json()).isEqualTo(now);
        assertThat(now.get("status").asText()).isEqualTo("WORTHLESS");
    }

    @Test
    @Order(3)
    void malformedMomentsAreRefusedWithACode() {
        for (String malformed : List.of("yesterday", "-5", "12.5", "2026-11-25", "2026-11-25T12:00:00",
                "99999999999999999999999", "")) {
            Answer answer = client("alice").get("/api/tokens/T1?asOf=" + malformed);
            assertThat(answer.status()).as("asOf=%s", malformed).isEqualTo(400);
            assertThat(answer.code()).as("asOf=%s", malformed).isEqualTo("MALFORMED_AS_OF");
        }
        assertThat(client("auditor").get("/api/holders/alice/balances?asOf=soon").code())
                .isEqualTo("MALFORMED_AS_OF");
    }

    @Test
    @Order(3)
    void momentsTheLedgerHasNotReachedAreRefused() {
        Answer future = client("alice").get("/api/tokens/T1?asOf=2999-01-01T00:00:00Z");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.code()).isEqualTo("AS_OF_IN_FUTURE");
        long beyond = moments.get(moments.size() - 1).position() + 1_000;
        assertThat(client("auditor").get("/api/holders/bob/balances?asOf=" + beyond).code())
                .isEqualTo("AS_OF_IN_FUTURE");
    }

    @Test
    @Order(3)
    void aSeriesUnknownThenIsNotFound() {
        Answer never = client("alice").get("/api/tokens/NOPE?asOf=0");
        assertThat(never.status()).isEqualTo(404);
        assertThat(never.code()).isEqualTo("UNKNOWN_TOKEN");
        Answer notYet = client("auditor").get("/api/tokens/T2/balances?asOf=" + moments.get(0).position());
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(notYet.code()).isEqualTo("UNKNOWN_TOKEN");
    }

    @Test
    @Order(3)
    void theLiveAuthorizationHoldsInThePast() {
        String asOf = "?asOf=" + moments.get(moments.size() - 1).position();
        Answer othersUnits = client("bob").get("/api/holders/alice/balances" + asOf);
        assertThat(othersUnits.status()).isEqualTo(403);
        assertThat(othersUnits.code()).isEqualTo("FORBIDDEN");
        assertThat(client("alice").get("/api/tokens/T1/balances" + asOf).status()).isEqualTo(403);
        assertThat(client("oracle").get("/api/holders/alice/balances" + asOf).status()).isEqualTo(403);
        assertThat(HttpLedgerClient.anonymous(port).get("/api/tokens/T1" + asOf).status()).isEqualTo(401);
        assertThat(client("alice").get("/api/holders/alice/balances" + asOf).status()).isEqualTo(200);
        assertThat(client("issuer").get("/api/tokens/T1/balances" + asOf).status()).isEqualTo(200);
    }
}
