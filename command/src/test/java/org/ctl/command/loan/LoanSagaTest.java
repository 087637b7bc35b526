package org.ctl.command.loan;

import static org.ctl.command.loan.LoanExamples.ALICE;
import static org.ctl.command.loan.LoanExamples.BOB;
import static org.ctl.command.loan.LoanExamples.COLLATERAL;
import static org.ctl.command.loan.LoanExamples.DUE_AT;
import static org.ctl.command.loan.LoanExamples.LENT;
import static org.ctl.command.loan.LoanExamples.LOAN;
import static org.ctl.command.loan.LoanExamples.OFFERED_AT;
import static org.ctl.command.loan.LoanExamples.TERMS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.ctl.domain.loan.CompleteRepayment;
import org.ctl.domain.loan.ConfirmLoanOpened;
import org.ctl.domain.loan.DefaultLoan;
import org.ctl.domain.loan.FailLoanOpening;
import org.ctl.domain.loan.FailRepayment;
import org.ctl.domain.loan.LoanAccepted;
import org.ctl.domain.loan.LoanDefaulted;
import org.ctl.domain.loan.LoanOffered;
import org.ctl.domain.loan.LoanOpened;
import org.ctl.domain.loan.LoanOpeningFailed;
import org.ctl.domain.loan.LoanRepaid;
import org.ctl.domain.loan.LoanRepaymentFailed;
import org.ctl.domain.loan.LoanRepaymentStarted;
import org.ctl.domain.loan.LoanSteps;
import org.ctl.domain.loan.LoanSteps.Step;
import org.ctl.domain.loan.RecordSeizureRefused;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every path of the loan saga: each step it sends, with whose authority, and what it does when the series refuses
 * a step. The series' answers are scripted: a step whose command class is in {@link #refusals} is refused.
 */
class LoanSagaTest {

    private static final CommandId PLEDGE_ID = LoanSteps.idOf(LOAN, Step.PLEDGE);
    private static final PledgeUnits PLEDGE = new PledgeUnits(COLLATERAL, PLEDGE_ID, ALICE, BOB, Units.of(4));
    private static final TransferUnits LEND =
            new TransferUnits(LENT, LoanSteps.idOf(LOAN, Step.LEND), BOB, ALICE, Units.of(10));
    private static final TransferUnits RETURN =
            new TransferUnits(LENT, LoanSteps.idOf(LOAN, Step.RETURN), ALICE, BOB, Units.of(10));
    private static final ReleasePledge RELEASE = new ReleasePledge(COLLATERAL, PLEDGE_ID);
    private static final SeizePledge SEIZE = new SeizePledge(COLLATERAL, PLEDGE_ID);

    private SagaTestFixture<LoanSaga> fixture;
    /** The series' scripted refusals: a command equal to a key is refused with its value. */
    private final Map<Object, RuleCode> refusals = new java.util.HashMap<>();
    /** Every step sent, with the principal it was sent as. */
    private final List<String> sentAs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(LoanSaga.class);
        fixture.setCallbackBehavior((payload, metaData) -> {
            RuleCode refusal = refusals.get(payload);
            if (refusal != null) {
                throw new RuleViolation(refusal, "scripted refusal of " + payload);
            }
            return null;
        });
        CommandGateway gateway = DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build();
        fixture.registerResource((PartyCommandGateway) (party, command) -> {
            sentAs.add(command.getClass().getSimpleName() + " as " + party);
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(ActingPrincipal.METADATA_KEY, party.value(), LoanSteps.METADATA_KEY, "true"));
            try {
                gateway.sendAndWait(message);
                return Optional.empty();
            } catch (RuleViolation refused) {
                return Optional.of(refused.code());
            }
        });
    }

    private void refuse(Object command, RuleCode code) {
        refusals.put(command, code);
    }

    @Nested
    class Opening {

        @Test
        void pledgesAsTheBorrowerThenLendsAsTheLenderThenOpensTheLoan() {
            fixture.givenAggregate(LOAN.stream()).published(new LoanOffered(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanAccepted(LOAN, TERMS))
                    .expectActiveSagas(1)
                    .expectDispatchedCommands(PLEDGE, LEND, new ConfirmLoanOpened(LOAN))
                    .expectNoScheduledDeadlines();
            org.assertj.core.api.Assertions.assertThat(sentAs).containsExactly(
                    "PledgeUnits as alice", "TransferUnits as bob", "ConfirmLoanOpened as bob");
        }

        @Test
        void carriesEachPartysPrincipalInTheCommandsMetadata() {
            fixture.givenAggregate(LOAN.stream()).published(new LoanOffered(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanAccepted(LOAN, TERMS))
                    .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                            sentAsPrincipal(ALICE), sentAsPrincipal(BOB), sentAsPrincipal(BOB)));
        }

        @Test
        void schedulesTheDueDeadlineWhenTheLoanIsOpen() {
            fixture.givenAggregate(LOAN.stream())
                    .published(new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanOpened(LOAN, TERMS))
                    .expectScheduledDeadlineWithName(DUE_AT, LoanSaga.DUE)
                    .expectNoDispatchedCommands();
        }

        @Test
        void aRefusedPledgeFailsTheLoanAndMovesNothing() {
            refuse(PLEDGE, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            fixture.givenAggregate(LOAN.stream()).published(new LoanOffered(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanAccepted(LOAN, TERMS))
                    .expectDispatchedCommands(PLEDGE,
                            new FailLoanOpening(LOAN, Step.PLEDGE, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE, false));
        }

        @Test
        void aRefusedLendingTransferReleasesThePledgeAgainThenFailsTheLoan() {
            refuse(LEND, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            fixture.givenAggregate(LOAN.stream()).published(new LoanOffered(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanAccepted(LOAN, TERMS))
                    .expectDispatchedCommands(PLEDGE, LEND, RELEASE,
                            new FailLoanOpening(LOAN, Step.LEND, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE, true));
            org.assertj.core.api.Assertions.assertThat(sentAs).contains("ReleasePledge as bob");
        }

        @Test
        void aRefusedReleaseAfterARefusedTransferIsRecordedOnTheFailure() {
            refuse(LEND, RuleCode.TOKEN_NOT_ACTIVE);
            refuse(RELEASE, RuleCode.TOKEN_NOT_ACTIVE);
            fixture.givenAggregate(LOAN.stream()).published(new LoanOffered(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanAccepted(LOAN, TERMS))
                    .expectDispatchedCommands(PLEDGE, LEND, RELEASE,
                            new FailLoanOpening(LOAN, Step.LEND, RuleCode.TOKEN_NOT_ACTIVE, false));
        }

        @Test
        void endsWhenTheOpeningFailed() {
            fixture.givenAggregate(LOAN.stream())
                    .published(new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(
                            new LoanOpeningFailed(LOAN, Step.PLEDGE, RuleCode.TOKEN_NOT_ACTIVE, false))
                    .expectActiveSagas(0);
        }
    }

    @Nested
    class Repayment {

        @Test
        void returnsTheUnitsAsTheBorrowerThenReleasesAsTheLenderThenCompletes() {
            fixture.givenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanRepaymentStarted(LOAN))
                    .expectDispatchedCommands(RETURN, RELEASE, new CompleteRepayment(LOAN, null))
                    .expectNoScheduledDeadlines();
            org.assertj.core.api.Assertions.assertThat(sentAs).containsSubsequence(
                    "TransferUnits as alice", "ReleasePledge as bob");
        }

        @Test
        void aRefusedReturnFailsTheRepaymentAndLeavesTheLoanOpen() {
            refuse(RETURN, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE);
            fixture.givenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanRepaymentStarted(LOAN))
                    .expectDispatchedCommands(RETURN, new FailRepayment(LOAN, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE));
        }

        @Test
        void aFailedRepaymentPutsTheDueDeadlineBack() {
            fixture.givenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS),
                            new LoanRepaymentStarted(LOAN))
                    .whenAggregate(LOAN.stream())
                    .publishes(new LoanRepaymentFailed(LOAN, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectScheduledDeadlineWithName(DUE_AT, LoanSaga.DUE);
        }

        @Test
        void aRefusedReleaseAfterTheReturnStillCompletesTheRepaymentAndSaysWhy() {
            refuse(RELEASE, RuleCode.TOKEN_NOT_ACTIVE);
            fixture.givenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanRepaymentStarted(LOAN))
                    .expectDispatchedCommands(RETURN, RELEASE,
                            new CompleteRepayment(LOAN, RuleCode.TOKEN_NOT_ACTIVE));
        }

        @Test
        void endsWhenRepaid() {
            fixture.givenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS),
                            new LoanRepaymentStarted(LOAN))
                    .whenAggregate(LOAN.stream()).publishes(new LoanRepaid(LOAN, null))
                    .expectActiveSagas(0);
        }
    }

    @Nested
    class Default {

        @Test
        void defaultsTheLoanAsTheLenderWhenTheDueInstantPasses() {
            fixture.givenCurrentTime(OFFERED_AT)
                    .andThenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenTimeElapses(Duration.ofDays(1))
                    .expectTriggeredDeadlinesWithName(LoanSaga.DUE)
                    .expectDispatchedCommands(new DefaultLoan(LOAN));
            org.assertj.core.api.Assertions.assertThat(sentAs).endsWith("DefaultLoan as bob");
        }

        @Test
        void nothingHappensBeforeTheDueInstant() {
            fixture.givenCurrentTime(OFFERED_AT)
                    .andThenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenTimeElapses(Duration.ofDays(1).minusSeconds(1))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(DUE_AT, LoanSaga.DUE);
        }

        @Test
        void aRepaymentCancelsTheDeadline() {
            fixture.givenCurrentTime(OFFERED_AT)
                    .andThenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS),
                            new LoanRepaymentStarted(LOAN))
                    .whenTimeElapses(Duration.ofDays(2))
                    .expectNoDispatchedCommands();
        }

        @Test
        void seizesThePledgeAsTheLenderOnceDefaultedAndEnds() {
            fixture.givenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanDefaulted(LOAN))
                    .expectDispatchedCommands(SEIZE)
                    .expectActiveSagas(0);
            org.assertj.core.api.Assertions.assertThat(sentAs).endsWith("SeizePledge as bob");
        }

        @Test
        void recordsARefusedSeizure() {
            refuse(SEIZE, RuleCode.TOKEN_NOT_ACTIVE);
            fixture.givenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenAggregate(LOAN.stream()).publishes(new LoanDefaulted(LOAN))
                    .expectDispatchedCommands(SEIZE, new RecordSeizureRefused(LOAN, RuleCode.TOKEN_NOT_ACTIVE));
        }

        @Test
        void aDefaultRefusedAsNotYetDueIsScheduledAgain() {
            refuse(new DefaultLoan(LOAN), RuleCode.LOAN_NOT_DUE);
            fixture.givenCurrentTime(OFFERED_AT)
                    .andThenAggregate(LOAN.stream()).published(
                            new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS))
                    .whenTimeElapses(Duration.ofDays(1))
                    .expectDispatchedCommands(new DefaultLoan(LOAN))
                    .expectScheduledDeadlineWithName(DUE_AT.plus(LoanSaga.RETRY_EARLY_DUE), LoanSaga.DUE);
        }
    }

    private static Matcher<CommandMessage<?>> sentAsPrincipal(HolderId party) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandMessage<?> message) {
                return party.value().equals(message.getMetaData().get(ActingPrincipal.METADATA_KEY));
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a command sent as ").appendValue(party.value());
            }
        };
    }
}
