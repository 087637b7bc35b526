package org.ctl.command.loan;

import static org.ctl.command.RuleMatchers.violates;
import static org.ctl.command.loan.LoanExamples.ALICE;
import static org.ctl.command.loan.LoanExamples.BOB;
import static org.ctl.command.loan.LoanExamples.CAROL;
import static org.ctl.command.loan.LoanExamples.COLLATERAL;
import static org.ctl.command.loan.LoanExamples.DUE_AT;
import static org.ctl.command.loan.LoanExamples.LENT;
import static org.ctl.command.loan.LoanExamples.LOAN;
import static org.ctl.command.loan.LoanExamples.OFFERED_AT;
import static org.ctl.command.loan.LoanExamples.TERMS;
import static org.ctl.command.loan.LoanExamples.as;

import java.time.Duration;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.ctl.command.series.UnknownSeriesTranslation;
import org.ctl.domain.loan.AcceptLoan;
import org.ctl.domain.loan.CompleteRepayment;
import org.ctl.domain.loan.ConfirmLoanOpened;
import org.ctl.domain.loan.DefaultLoan;
import org.ctl.domain.loan.FailLoanOpening;
import org.ctl.domain.loan.FailRepayment;
import org.ctl.domain.loan.LoanAccepted;
import org.ctl.domain.loan.LoanCollateralNotSeized;
import org.ctl.domain.loan.LoanDefaulted;
import org.ctl.domain.loan.LoanOffered;
import org.ctl.domain.loan.LoanOpened;
import org.ctl.domain.loan.LoanOpeningFailed;
import org.ctl.domain.loan.LoanRepaid;
import org.ctl.domain.loan.LoanRepaymentFailed;
import org.ctl.domain.loan.LoanRepaymentStarted;
import org.ctl.domain.loan.LoanSteps.Step;
import org.ctl.domain.loan.LoanTerms;
import org.ctl.domain.loan.OfferLoan;
import org.ctl.domain.loan.RecordSeizureRefused;
import org.ctl.domain.loan.RepayLoan;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.Units;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of a loan, accepted and refused, as histories. */
class LoanTest {

    private FixtureConfiguration<Loan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Loan.class);
        fixture.registerCommandHandlerInterceptor(new UnknownSeriesTranslation());
    }

    private static Object[] open() {
        return new Object[] {new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS)};
    }

    private static Object[] repaying() {
        return new Object[] {new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS),
                new LoanRepaymentStarted(LOAN)};
    }

    private static Object[] defaulted() {
        return new Object[] {new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS), new LoanOpened(LOAN, TERMS),
                new LoanDefaulted(LOAN)};
    }

    @Nested
    class OfferLoanCommand {

        @Test
        void recordsTheLendersOffer() {
            fixture.givenCurrentTime(OFFERED_AT)
                    .when(new OfferLoan(LOAN, TERMS), as(BOB))
                    .expectEvents(new LoanOffered(LOAN, TERMS));
        }

        @Test
        void refusesAnOfferByAnyoneButTheLender() {
            fixture.givenCurrentTime(OFFERED_AT)
                    .when(new OfferLoan(LOAN, TERMS), as(ALICE))
                    .expectException(violates(RuleCode.NOT_LENDER))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOfferWithoutPrincipal() {
            fixture.givenCurrentTime(OFFERED_AT)
                    .when(new OfferLoan(LOAN, TERMS), Map.of())
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING));
        }

        @Test
        void refusesADueInstantThatIsNotInTheFuture() {
            fixture.givenCurrentTime(DUE_AT)
                    .when(new OfferLoan(LOAN, TERMS), as(BOB))
                    .expectException(violates(RuleCode.INSTANT_NOT_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        void acceptsTheLongestTermAndRefusesOneSecondMore() {
            LoanTerms longest = withDue(OFFERED_AT.plus(Loan.LONGEST_TERM));
            fixture.givenCurrentTime(OFFERED_AT)
                    .when(new OfferLoan(LOAN, longest), as(BOB))
                    .expectEvents(new LoanOffered(LOAN, longest));
            fixture.givenCurrentTime(OFFERED_AT)
                    .when(new OfferLoan(LOAN, withDue(OFFERED_AT.plus(Loan.LONGEST_TERM).plusSeconds(1))), as(BOB))
                    .expectException(violates(RuleCode.TERM_TOO_LONG));
        }

        @Test
        void answersARepeatedOfferWithoutNewEvents() {
            fixture.given(new LoanOffered(LOAN, TERMS))
                    .when(new OfferLoan(LOAN, TERMS), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesTheSameLoanIdWithOtherTerms() {
            fixture.given(new LoanOffered(LOAN, TERMS))
                    .when(new OfferLoan(LOAN, withDue(DUE_AT.plusSeconds(1))), as(BOB))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT));
        }

        private static LoanTerms withDue(java.time.Instant dueAt) {
            return new LoanTerms(BOB, ALICE, LENT, Units.of(10), COLLATERAL, Units.of(4), dueAt);
        }
    }

    @Nested
    class AcceptLoanCommand {

        @Test
        void theBorrowerAcceptsBeforeTheDueInstant() {
            fixture.given(new LoanOffered(LOAN, TERMS))
                    .andGivenCurrentTime(DUE_AT.minusSeconds(1))
                    .when(new AcceptLoan(LOAN), as(ALICE))
                    .expectEvents(new LoanAccepted(LOAN, TERMS));
        }

        @Test
        void refusesTheLenderAndStrangers() {
            fixture.given(new LoanOffered(LOAN, TERMS)).andGivenCurrentTime(OFFERED_AT)
                    .when(new AcceptLoan(LOAN), as(BOB))
                    .expectException(violates(RuleCode.NOT_BORROWER));
            fixture.given(new LoanOffered(LOAN, TERMS)).andGivenCurrentTime(OFFERED_AT)
                    .when(new AcceptLoan(LOAN), as(CAROL))
                    .expectException(violates(RuleCode.NOT_BORROWER));
        }

        @Test
        void refusesAnOfferWhoseDueInstantHasCome() {
            fixture.given(new LoanOffered(LOAN, TERMS))
                    .andGivenCurrentTime(DUE_AT)
                    .when(new AcceptLoan(LOAN), as(ALICE))
                    .expectException(violates(RuleCode.LOAN_OVERDUE));
        }

        @Test
        void answersASecondAcceptanceAsTheFirst() {
            fixture.given(open())
                    .when(new AcceptLoan(LOAN), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownLoan() {
            fixture.givenNoPriorActivity()
                    .when(new AcceptLoan(LOAN), as(ALICE))
                    .expectException(violates(RuleCode.UNKNOWN_LOAN));
        }
    }

    @Nested
    class OpeningSteps {

        @Test
        void opensAnAcceptedLoan() {
            fixture.given(new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS))
                    .when(new ConfirmLoanOpened(LOAN), as(BOB))
                    .expectEvents(new LoanOpened(LOAN, TERMS));
        }

        @Test
        void failsAnAcceptedLoan() {
            fixture.given(new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS))
                    .when(new FailLoanOpening(LOAN, Step.LEND, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE, true), as(BOB))
                    .expectEvents(new LoanOpeningFailed(LOAN, Step.LEND, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE,
                            true));
        }

        @Test
        void refusesToOpenAnOfferNotYetAccepted() {
            fixture.given(new LoanOffered(LOAN, TERMS))
                    .when(new ConfirmLoanOpened(LOAN), as(BOB))
                    .expectException(violates(RuleCode.LOAN_STEP_OUT_OF_ORDER));
        }

        @Test
        void refusesOpeningStepsFromStrangers() {
            fixture.given(new LoanOffered(LOAN, TERMS), new LoanAccepted(LOAN, TERMS))
                    .when(new ConfirmLoanOpened(LOAN), as(CAROL))
                    .expectException(violates(RuleCode.NOT_LOAN_PARTY));
        }

        @Test
        void refusesToFailAnOpenLoan() {
            fixture.given(open())
                    .when(new FailLoanOpening(LOAN, Step.PLEDGE, RuleCode.TOKEN_NOT_ACTIVE, false), as(ALICE))
                    .expectException(violates(RuleCode.LOAN_STEP_OUT_OF_ORDER));
        }
    }

    @Nested
    class RepayLoanCommand {

        @Test
        void theBorrowerStartsTheRepaymentOfAnOpenLoan() {
            fixture.given(open()).andGivenCurrentTime(OFFERED_AT)
                    .when(new RepayLoan(LOAN), as(ALICE))
                    .expectEvents(new LoanRepaymentStarted(LOAN));
        }

        @Test
        void refusesTheLender() {
            fixture.given(open()).andGivenCurrentTime(OFFERED_AT)
                    .when(new RepayLoan(LOAN), as(BOB))
                    .expectException(violates(RuleCode.NOT_BORROWER));
        }

        @Test
        void neverStartsASecondRepayment() {
            fixture.given(repaying()).andGivenCurrentTime(OFFERED_AT)
                    .when(new RepayLoan(LOAN), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(then(repaying(), new LoanRepaid(LOAN, null))).andGivenCurrentTime(OFFERED_AT)
                    .when(new RepayLoan(LOAN), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesALoanThatIsNotOpen() {
            fixture.given(new LoanOffered(LOAN, TERMS)).andGivenCurrentTime(OFFERED_AT)
                    .when(new RepayLoan(LOAN), as(ALICE))
                    .expectException(violates(RuleCode.LOAN_NOT_OPEN));
            fixture.given(defaulted()).andGivenCurrentTime(DUE_AT)
                    .when(new RepayLoan(LOAN), as(ALICE))
                    .expectException(violates(RuleCode.LOAN_NOT_OPEN));
        }

        @Test
        void refusesARepaymentAtOrAfterTheDueInstant() {
            fixture.given(open()).andGivenCurrentTime(DUE_AT)
                    .when(new RepayLoan(LOAN), as(ALICE))
                    .expectException(violates(RuleCode.LOAN_OVERDUE));
        }

        @Test
        void completesOrFailsAStartedRepayment() {
            fixture.given(repaying())
                    .when(new CompleteRepayment(LOAN, null), as(BOB))
                    .expectEvents(new LoanRepaid(LOAN, null));
            fixture.given(repaying())
                    .when(new FailRepayment(LOAN, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE), as(ALICE))
                    .expectEvents(new LoanRepaymentFailed(LOAN, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE));
        }

        @Test
        void aFailedRepaymentLeavesTheLoanOpenForAnotherTry() {
            fixture.given(then(repaying(), new LoanRepaymentFailed(LOAN, RuleCode.INSUFFICIENT_AVAILABLE_BALANCE)))
                    .andGivenCurrentTime(OFFERED_AT)
                    .when(new RepayLoan(LOAN), as(ALICE))
                    .expectEvents(new LoanRepaymentStarted(LOAN));
        }

        @Test
        void refusesToCompleteARepaymentNeverStarted() {
            fixture.given(open())
                    .when(new CompleteRepayment(LOAN, null), as(BOB))
                    .expectException(violates(RuleCode.LOAN_STEP_OUT_OF_ORDER));
        }
    }

    @Nested
    class DefaultLoanCommand {

        @Test
        void defaultsAnOpenLoanAtItsDueInstant() {
            fixture.given(open()).andGivenCurrentTime(DUE_AT)
                    .when(new DefaultLoan(LOAN), as(BOB))
                    .expectEvents(new LoanDefaulted(LOAN));
        }

        @Test
        void refusesToDefaultBeforeTheDueInstant() {
            fixture.given(open()).andGivenCurrentTime(DUE_AT.minus(Duration.ofMillis(1)))
                    .when(new DefaultLoan(LOAN), as(BOB))
                    .expectException(violates(RuleCode.LOAN_NOT_DUE));
        }

        @Test
        void refusesToDefaultALoanBeingRepaidOrRepaid() {
            fixture.given(repaying()).andGivenCurrentTime(DUE_AT)
                    .when(new DefaultLoan(LOAN), as(BOB))
                    .expectException(violates(RuleCode.LOAN_REPAYMENT_IN_PROGRESS));
            fixture.given(then(repaying(), new LoanRepaid(LOAN, null))).andGivenCurrentTime(DUE_AT)
                    .when(new DefaultLoan(LOAN), as(BOB))
                    .expectException(violates(RuleCode.LOAN_NOT_OPEN));
        }

        @Test
        void answersASecondDefaultAsTheFirst() {
            fixture.given(defaulted()).andGivenCurrentTime(DUE_AT)
                    .when(new DefaultLoan(LOAN), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void recordsARefusedSeizureOfADefaultedLoanOnly() {
            fixture.given(defaulted())
                    .when(new RecordSeizureRefused(LOAN, RuleCode.TOKEN_NOT_ACTIVE), as(BOB))
                    .expectEvents(new LoanCollateralNotSeized(LOAN, RuleCode.TOKEN_NOT_ACTIVE));
            fixture.given(open())
                    .when(new RecordSeizureRefused(LOAN, RuleCode.TOKEN_NOT_ACTIVE), as(BOB))
                    .expectException(violates(RuleCode.LOAN_STEP_OUT_OF_ORDER));
        }
    }

    private static Object[] then(Object[] history, Object... more) {
        Object[] all = java.util.Arrays.copyOf(history, history.length + more.length);
        System.arraycopy(more, 0, all, history.length, more.length);
        return all;
    }
}
