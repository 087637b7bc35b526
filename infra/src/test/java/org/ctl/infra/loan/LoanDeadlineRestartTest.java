package org.ctl.infra.loan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.Commands.issue;
import static org.ctl.infra.support.Commands.transfer;
import static org.ctl.infra.support.Commands.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.loan.AcceptLoan;
import org.ctl.domain.loan.FindLoan;
import org.ctl.domain.loan.LoanDefaulted;
import org.ctl.domain.loan.LoanId;
import org.ctl.domain.loan.LoanOpened;
import org.ctl.domain.loan.LoanTerms;
import org.ctl.domain.loan.OfferLoan;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.infra.support.RunningLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A loan's due instant survives a restart: the ledger stops while the loan is open, starts again on the same H2
 * file after the due instant, and the persistent deadline (db-scheduler's table) still defaults the loan and
 * seizes its pledge for the lender.
 */
class LoanDeadlineRestartTest {

    /** How long the opening, and the default after the restart, may take on this shared machine: bounds only. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** The loan's term: long enough to open it and stop the ledger before it is due. */
    private static final Duration TERM = Duration.ofSeconds(20);

    @TempDir
    Path dataDirectory;

    @Test
    void theDefaultStillHappensAfterARestartPastTheDueInstant() throws InterruptedException {
        LoanId loan = LoanId.of("L-restart");
        Instant dueAt;
        try (RunningLedger ledger = RunningLedger.start(dataDirectory)) {
            ledger.send("issuer", issue("RA", 100, "vault-RA", GovernancePolicy.HYBRID));
            ledger.send("oracle", verify("RA"));
            ledger.send("issuer", transfer("RA", "to-bob", "issuer", "bob", 20));
            ledger.send("issuer", transfer("RA", "to-alice", "issuer", "alice", 20));
            dueAt = Instant.now().plus(TERM);
            ledger.send("bob", new OfferLoan(loan, new LoanTerms(HolderId.of("bob"), HolderId.of("alice"),
                    TokenId.of("RA"), Units.of(5), TokenId.of("RA"), Units.of(8), dueAt)));
            ledger.send("alice", new AcceptLoan(loan));
            Awaitility.await().atMost(BOUND).until(() -> ledger.events(loan.stream()).stream()
                    .anyMatch(event -> event.getPayload() instanceof LoanOpened));
            // The saga schedules the due deadline when it handles LoanOpened: stored in the database.
            Awaitility.await().atMost(BOUND).until(() -> ledger.bean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM scheduled_tasks", Integer.class) == 1);
            assertThat(Instant.now()).as("the deadline was stored before the due instant, so the restart spans it")
                    .isBefore(dueAt);
        }

        // Down over the due instant: nothing of this JVM's scheduler survives, only the database.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), dueAt).toMillis()) + 1_000);

        try (RunningLedger ledger = RunningLedger.start(dataDirectory)) {
            Awaitility.await().atMost(BOUND).until(() -> ledger.events("RA").stream()
                    .anyMatch(event -> event.getPayload() instanceof PledgeSeized));
            List<Object> loanEvents = ledger.events(loan.stream()).stream().map(event -> (Object) event.getPayload())
                    .toList();
            assertThat(loanEvents).last().isEqualTo(new LoanDefaulted(loan));
            PledgeSeized seized = (PledgeSeized) ledger.events("RA").stream().map(event -> event.getPayload())
                    .filter(PledgeSeized.class::isInstance).findFirst().orElseThrow();
            assertThat(seized.pledgee()).isEqualTo(HolderId.of("bob"));
            assertThat(seized.amount()).isEqualTo(Units.of(8));
            // alice keeps the 5 lent units, bob has the 8 seized ones: 20 - 5 + 8 and 20 + 5 - 8.
            assertThat(ledger.refusal("bob", transfer("RA", "bob-over", "bob", "carol", 24)))
                    .isEqualTo(org.ctl.domain.shared.RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            ledger.send("bob", transfer("RA", "bob-all", "bob", "carol", 23));
            ledger.send("alice", transfer("RA", "alice-all", "alice", "carol", 17));
            Awaitility.await().atMost(BOUND).until(() -> ledger.bean(
                            org.axonframework.queryhandling.QueryGateway.class)
                    .query(new FindLoan(loan), org.axonframework.messaging.responsetypes.ResponseTypes
                            .optionalInstanceOf(org.ctl.domain.loan.LoanView.class)).get()
                    .map(view -> view.status() == org.ctl.domain.loan.LoanStatus.DEFAULTED).orElse(false));
        }
    }
}
