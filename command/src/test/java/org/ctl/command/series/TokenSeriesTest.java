package org.ctl.command.series;

import static org.ctl.command.RuleMatchers.violates;
import static org.ctl.command.series.SeriesExamples.ALICE;
import static org.ctl.command.series.SeriesExamples.BOB;
import static org.ctl.command.series.SeriesExamples.CAROL;
import static org.ctl.command.series.SeriesExamples.COLLATERAL;
import static org.ctl.command.series.SeriesExamples.COMPUTE_UNIT;
import static org.ctl.command.series.SeriesExamples.ISSUER;
import static org.ctl.command.series.SeriesExamples.ORACLE;
import static org.ctl.command.series.SeriesExamples.ORACLE2;
import static org.ctl.command.series.SeriesExamples.PARTICIPANTS;
import static org.ctl.command.series.SeriesExamples.RIGHTS;
import static org.ctl.command.series.SeriesExamples.TOKEN;
import static org.ctl.command.series.SeriesExamples.active;
import static org.ctl.command.series.SeriesExamples.as;
import static org.ctl.command.series.SeriesExamples.burn;
import static org.ctl.command.series.SeriesExamples.burned;
import static org.ctl.command.series.SeriesExamples.flag;
import static org.ctl.command.series.SeriesExamples.flagged;
import static org.ctl.command.series.SeriesExamples.issueToken;
import static org.ctl.command.series.SeriesExamples.pledge;
import static org.ctl.command.series.SeriesExamples.pledged;
import static org.ctl.command.series.SeriesExamples.releasePledge;
import static org.ctl.command.series.SeriesExamples.released;
import static org.ctl.command.series.SeriesExamples.seizePledge;
import static org.ctl.command.series.SeriesExamples.seized;
import static org.ctl.command.series.SeriesExamples.then;
import static org.ctl.command.series.SeriesExamples.tokenIssued;
import static org.ctl.command.series.SeriesExamples.transfer;
import static org.ctl.command.series.SeriesExamples.transferred;
import static org.ctl.command.series.SeriesExamples.verifyIssuance;
import static org.ctl.domain.governance.FlagOutcome.WORTHLESS;
import static org.ctl.domain.governance.FlagOutcome.WOUND_UP;
import static org.ctl.domain.governance.GovernancePolicy.GRACEFUL_EXIT;
import static org.ctl.domain.governance.GovernancePolicy.HARD_STOP;
import static org.ctl.domain.governance.GovernancePolicy.HYBRID;
import static org.ctl.domain.governance.Verdict.DISPUTED;
import static org.ctl.domain.governance.Verdict.ILLEGITIMATE;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.ctl.domain.governance.CollateralClaim;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.governance.SeriesWoundUp;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceRules;
import org.ctl.domain.issuance.IssuanceVerified;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.loan.LoanSteps;
import org.ctl.domain.pledge.PledgeSeized;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of one token series, told as histories: given these events, when this command is sent by this
 * principal, then these events, or this named refusal and nothing else.
 */
class TokenSeriesTest {

    private static final String REASON = "collateral custodian cannot be reached";

    /** What the collateral registry answers: collateral id to the series it backs. */
    private final Map<String, TokenId> seriesByCollateral = new HashMap<>();
    /** What the collateral prices answer: collateral unit to the latest published price. */
    private final Map<String, Money> publishedCollateralPrices = new HashMap<>();

    private FixtureConfiguration<TokenSeries> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(PARTICIPANTS, IssuanceRules.defaults());
    }

    private FixtureConfiguration<TokenSeries> fixtureWith(Participants participants, IssuanceRules rules) {
        return fixtureWith(participants, rules, Optional::empty);
    }

    private FixtureConfiguration<TokenSeries> fixtureWith(Participants participants, IssuanceRules rules,
                                                          AdoptedDefaultPolicy adoptedDefaultPolicy) {
        FixtureConfiguration<TokenSeries> configured = new AggregateTestFixture<>(TokenSeries.class);
        configured.registerInjectableResource(participants);
        configured.registerInjectableResource(rules);
        configured.registerInjectableResource(adoptedDefaultPolicy);
        configured.registerInjectableResource(
                (CollateralRegistry) collateralId -> Optional.ofNullable(seriesByCollateral.get(collateralId)));
        configured.registerInjectableResource(new AcceptedCommandsInStore(configured::getEventStore));
        configured.registerInjectableResource(
                (CollateralPrices) unit -> Optional.ofNullable(publishedCollateralPrices.get(unit)));
        configured.registerCommandHandlerInterceptor(new UnknownSeriesTranslation());
        return configured;
    }

    /** Active under HYBRID; alice holds 60 units, the issuer 40. */
    private static List<Object> aliceHolds60() {
        return aliceHolds60(HYBRID);
    }

    private static List<Object> aliceHolds60(GovernancePolicy policy) {
        return then(active(policy), transferred("t-1", ISSUER, ALICE, 60));
    }

    /** Alice holds 60 units, 20 of them pledged to bob (pledge p-1): 40 available. */
    private static List<Object> alicePledged20ToBob() {
        return then(aliceHolds60(), pledged("p-1", ALICE, BOB, 20));
    }

    @Nested
    class IssueTokenCommand {

        @Test
        void issuesTheSeriesWithAllUnitsCreditedToTheIssuerNamedInTheMetadata() {
            fixture.givenNoPriorActivity()
                    .when(issueToken(HARD_STOP), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(tokenIssued(HARD_STOP));
        }

        @Test
        void givesASeriesIssuedWithoutAPolicyTheDefaultPolicy() {
            fixture.givenNoPriorActivity()
                    .when(issueToken(null), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(tokenIssued(HYBRID));
        }

        @Test
        void takesTheDefaultPolicyFromTheConfiguredIssuanceRules() {
            fixtureWith(PARTICIPANTS, new IssuanceRules(BigDecimal.ZERO, GRACEFUL_EXIT))
                    .givenNoPriorActivity()
                    .when(issueToken(null), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(tokenIssued(GRACEFUL_EXIT));
        }

        @Test
        void takesTheDefaultPolicyAdoptedByTheLatestGovernancePollOverTheConfiguredOne() {
            FixtureConfiguration<TokenSeries> adopted = fixtureWith(PARTICIPANTS, IssuanceRules.defaults(),
                    () -> Optional.of(HARD_STOP));
            adopted.givenNoPriorActivity()
                    .when(issueToken(null), as(ISSUER))
                    .expectEvents(tokenIssued(HARD_STOP));
        }

        @Test
        void keepsTheIssuersOwnPolicyWhateverAPollAdopted() {
            FixtureConfiguration<TokenSeries> adopted = fixtureWith(PARTICIPANTS, IssuanceRules.defaults(),
                    () -> Optional.of(HARD_STOP));
            adopted.givenNoPriorActivity()
                    .when(issueToken(GRACEFUL_EXIT), as(ISSUER))
                    .expectEvents(tokenIssued(GRACEFUL_EXIT));
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"alice", "oracle"})
        void refusesAPrincipalThatIsNotARegisteredIssuer(String principal) {
            fixture.givenNoPriorActivity()
                    .when(issueToken(HARD_STOP), as(HolderId.of(principal)))
                    .expectException(violates(RuleCode.NOT_REGISTERED_ISSUER))
                    .expectNoEvents();
        }

        @Test
        void refusesACommandThatCarriesNoActingPrincipal() {
            fixture.givenNoPriorActivity()
                    .when(issueToken(HARD_STOP))
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING))
                    .expectNoEvents();
        }

        @Test
        void refusesABlankActingPrincipal() {
            fixture.givenNoPriorActivity()
                    .when(issueToken(HARD_STOP), Map.of("principal", "  "))
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING))
                    .expectNoEvents();
        }

        @Test
        void answersARepeatWithIdenticalContentWithoutNewEvents() {
            fixture.given(tokenIssued(HARD_STOP))
                    .when(issueToken(HARD_STOP), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void countsPricesThatDifferOnlyInTrailingZerosAsIdenticalContent() {
            IssueToken samePricesWrittenOtherwise = new IssueToken(TOKEN, COMPUTE_UNIT, Units.of(RIGHTS),
                    Money.of("1.0"), new Collateral("vault-7", "QUBIT", Units.of(400), Money.of("0.2000")),
                    HARD_STOP);

            fixture.given(tokenIssued(HARD_STOP))
                    .when(samePricesWrittenOtherwise, as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void answersARepeatWithoutAPolicyLikeTheFirstIssuanceThatTookTheDefault() {
            fixture.given(tokenIssued(HYBRID))
                    .when(issueToken(null), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void answersARepeatEvenOnceItsCollateralIsRegisteredAsBackingTheSeries() {
            seriesByCollateral.put(COLLATERAL.collateralId(), TOKEN);

            fixture.given(tokenIssued(HARD_STOP))
                    .when(issueToken(HARD_STOP), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        static Stream<Arguments> otherContentUnderTheSameSeriesId() {
            return Stream.of(
                    Arguments.of("other compute rights", new IssueToken(TOKEN, COMPUTE_UNIT, Units.of(RIGHTS + 1),
                            Money.of("1.00"), COLLATERAL, HARD_STOP)),
                    Arguments.of("another price per right", new IssueToken(TOKEN, COMPUTE_UNIT, Units.of(RIGHTS),
                            Money.of("1.01"), COLLATERAL, HARD_STOP)),
                    Arguments.of("another compute unit", new IssueToken(TOKEN, "A100-GPU-HOUR", Units.of(RIGHTS),
                            Money.of("1.00"), COLLATERAL, HARD_STOP)),
                    Arguments.of("other collateral", new IssueToken(TOKEN, COMPUTE_UNIT, Units.of(RIGHTS),
                            Money.of("1.00"), new Collateral("vault-8", null, Units.of(400), Money.of("0.20")),
                            HARD_STOP)),
                    Arguments.of("another policy", issueToken(GRACEFUL_EXIT)));
        }

        @ParameterizedTest(name = "refuses {0}")
        @MethodSource("otherContentUnderTheSameSeriesId")
        void refusesTheSameSeriesIdWithOtherContent(String difference, IssueToken command) {
            fixture.given(tokenIssued(HARD_STOP))
                    .when(command, as(ISSUER))
                    .expectException(violates(RuleCode.SERIES_ALREADY_ISSUED))
                    .expectNoEvents();
        }

        @Test
        void refusesCollateralThatAlreadyBacksAnotherSeries() {
            seriesByCollateral.put(COLLATERAL.collateralId(), TokenId.of("clt-h100-000"));

            fixture.givenNoPriorActivity()
                    .when(issueToken(HARD_STOP), as(ISSUER))
                    .expectException(violates(RuleCode.COLLATERAL_ALREADY_BACKS_A_SERIES))
                    .expectNoEvents();
        }

        /** The seed's sandbox example: 10 rights at 1.00 against {@code qubits} qubits at 0.20. */
        private IssueToken seedExampleWith(long qubits) {
            return new IssueToken(TOKEN, COMPUTE_UNIT, Units.of(10), Money.of("1.00"),
                    new Collateral("vault-7", null, Units.of(qubits), Money.of("0.20")), HYBRID);
        }

        @Test
        void refusesACollateralizationBelowTheConfiguredMinimum() {
            fixtureWith(PARTICIPANTS, new IssuanceRules(new BigDecimal("0.5"), HYBRID))
                    .givenNoPriorActivity()
                    .when(seedExampleWith(8), as(ISSUER)) // CR 0.16
                    .expectException(violates(RuleCode.COLLATERALIZATION_BELOW_MINIMUM))
                    .expectNoEvents();
        }

        @Test
        void refusesACollateralizationJustBelowTheConfiguredMinimum() {
            fixtureWith(PARTICIPANTS, new IssuanceRules(new BigDecimal("0.5"), HYBRID))
                    .givenNoPriorActivity()
                    .when(seedExampleWith(24), as(ISSUER)) // CR 0.48
                    .expectException(violates(RuleCode.COLLATERALIZATION_BELOW_MINIMUM))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} qubits")
        @ValueSource(longs = {25, 26}) // CR 0.50 (exactly the minimum) and 0.52
        void acceptsACollateralizationFromExactlyTheConfiguredMinimum(long qubits) {
            fixtureWith(PARTICIPANTS, new IssuanceRules(new BigDecimal("0.5"), HYBRID))
                    .givenNoPriorActivity()
                    .when(seedExampleWith(qubits), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TokenIssued(TOKEN, ISSUER, COMPUTE_UNIT, Units.of(10), Money.of("1.00"),
                            new Collateral("vault-7", null, Units.of(qubits), Money.of("0.20")), HYBRID));
        }

        @Test
        void acceptsTheSeedsThinCollateralUnderTheDefaultRules() {
            fixture.givenNoPriorActivity()
                    .when(seedExampleWith(8), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TokenIssued(TOKEN, ISSUER, COMPUTE_UNIT, Units.of(10), Money.of("1.00"),
                            new Collateral("vault-7", null, Units.of(8), Money.of("0.20")), HYBRID));
        }
    }

    @Nested
    class VerifyIssuanceCommand {

        @Test
        void activatesTheSeriesVerifiedByARegisteredOracle() {
            fixture.given(tokenIssued(HYBRID))
                    .when(verifyIssuance(), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new IssuanceVerified(TOKEN, ORACLE));
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"alice", "issuer"})
        void refusesAPrincipalThatIsNotARegisteredOracle(String principal) {
            fixture.given(tokenIssued(HYBRID))
                    .when(verifyIssuance(), as(HolderId.of(principal)))
                    .expectException(violates(RuleCode.NOT_REGISTERED_ORACLE))
                    .expectNoEvents();
        }

        @Test
        void refusesACommandThatCarriesNoActingPrincipal() {
            fixture.given(tokenIssued(HYBRID))
                    .when(verifyIssuance())
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING))
                    .expectNoEvents();
        }

        @Test
        void refusesAnIssuerThatIsAlsoAnOracleVerifyingItsOwnSeries() {
            fixtureWith(new Participants(Set.of(ISSUER), Set.of(ISSUER, ORACLE)), IssuanceRules.defaults())
                    .given(tokenIssued(HYBRID))
                    .when(verifyIssuance(), as(ISSUER))
                    .expectException(violates(RuleCode.SELF_VERIFICATION))
                    .expectNoEvents();
        }

        @Test
        void answersARepeatByTheSameOracleWithoutNewEvents() {
            fixture.given(active(HYBRID))
                    .when(verifyIssuance(), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesASecondVerificationByAnotherOracle() {
            fixture.given(active(HYBRID))
                    .when(verifyIssuance(), as(ORACLE2))
                    .expectException(violates(RuleCode.ALREADY_VERIFIED))
                    .expectNoEvents();
        }

        @Test
        void refusesVerifyingASeriesThatAFlagHasSettled() {
            fixture.given(tokenIssued(HARD_STOP), flagged("f-1", ILLEGITIMATE, REASON, HARD_STOP, WORTHLESS))
                    .when(verifyIssuance(), as(ORACLE))
                    .expectException(violates(RuleCode.SERIES_ALREADY_SETTLED))
                    .expectNoEvents();
        }

        @Test
        void refusesASeriesThatWasNeverIssued() {
            fixture.givenNoPriorActivity()
                    .when(verifyIssuance(), as(ORACLE))
                    .expectException(violates(RuleCode.UNKNOWN_TOKEN))
                    .expectNoEvents();
        }
    }

    @Nested
    class TransferUnitsCommand {

        @Test
        void movesAvailableUnitsFromTheHolderToTheReceiver() {
            fixture.given(active(HYBRID))
                    .when(transfer("t-1", ISSUER, ALICE, 60), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(transferred("t-1", ISSUER, ALICE, 60));
        }

        @Test
        void letsTheReceiverPassTheUnitsOn() {
            fixture.given(aliceHolds60())
                    .when(transfer("t-2", ALICE, BOB, 25), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(transferred("t-2", ALICE, BOB, 25));
        }

        @Test
        void refusesATransferBeforeTheSeriesIsVerified() {
            fixture.given(tokenIssued(HYBRID))
                    .when(transfer("t-1", ISSUER, ALICE, 60), as(ISSUER))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"bob", "issuer", "oracle"})
        void refusesAPrincipalMovingAnotherHoldersUnits(String principal) {
            fixture.given(aliceHolds60())
                    .when(transfer("t-2", ALICE, BOB, 10), as(HolderId.of(principal)))
                    .expectException(violates(RuleCode.NOT_HOLDER))
                    .expectNoEvents();
        }

        @Test
        void refusesACommandThatCarriesNoActingPrincipal() {
            fixture.given(aliceHolds60())
                    .when(transfer("t-2", ALICE, BOB, 10))
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING))
                    .expectNoEvents();
        }

        @Test
        void refusesATransferBeyondTheAvailableUnits() {
            fixture.given(aliceHolds60())
                    .when(transfer("t-2", ALICE, BOB, 61), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @Test
        void refusesATransferByAPrincipalThatHoldsNothing() {
            fixture.given(aliceHolds60())
                    .when(transfer("t-2", CAROL, BOB, 1), as(CAROL))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "transfers {0} of 40 available units")
        @ValueSource(longs = {1, 39, 40})
        void transfersAnyAmountUpToExactlyTheAvailableUnits(long amount) {
            fixture.given(alicePledged20ToBob())
                    .when(transfer("t-2", ALICE, CAROL, amount), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(transferred("t-2", ALICE, CAROL, amount));
        }

        @ParameterizedTest(name = "refuses {0} of 40 available units (60 held, 20 pledged)")
        @ValueSource(longs = {41, 60, Long.MAX_VALUE})
        void refusesAnyAmountBeyondTheAvailableUnitsCountingNoPledgedUnit(long amount) {
            fixture.given(alicePledged20ToBob())
                    .when(transfer("t-2", ALICE, CAROL, amount), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @Test
        void refusesATransferToTheSameHolder() {
            fixture.given(aliceHolds60())
                    .when(transfer("t-2", ALICE, ALICE, 10), as(ALICE))
                    .expectException(violates(RuleCode.SAME_HOLDER))
                    .expectNoEvents();
        }

        @Test
        void answersARepeatWithoutNewEventsEvenThoughTheBalanceNoLongerCoversIt() {
            // The issuer has 40 units left, fewer than the 60 the first transfer moved: a repeat is not re-checked.
            fixture.given(aliceHolds60())
                    .when(transfer("t-1", ISSUER, ALICE, 60), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        static Stream<Arguments> otherContentUnderTheSameTransferId() {
            return Stream.of(
                    Arguments.of("another amount", transfer("t-1", ISSUER, ALICE, 59)),
                    Arguments.of("another receiver", transfer("t-1", ISSUER, BOB, 60)));
        }

        @ParameterizedTest(name = "refuses {0}")
        @MethodSource("otherContentUnderTheSameTransferId")
        void refusesTheSameTransferIdWithOtherContent(String difference, Object command) {
            fixture.given(aliceHolds60())
                    .when(command, as(ISSUER))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }

        @Test
        void refusesTheSameTransferIdReusedByAnotherHolder() {
            fixture.given(aliceHolds60())
                    .when(transfer("t-1", ALICE, BOB, 60), as(ALICE))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }

        @Test
        void stillAnswersARepeatAsARepeatAfterTheSeriesWasFlagged() {
            fixture.given(then(aliceHolds60(HARD_STOP), flagged("f-1", DISPUTED, REASON, HARD_STOP, WORTHLESS)))
                    .when(transfer("t-1", ISSUER, ALICE, 60), as(ISSUER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesATransferOnASeriesThatWasNeverIssued() {
            fixture.givenNoPriorActivity()
                    .when(transfer("t-1", ISSUER, ALICE, 60), as(ISSUER))
                    .expectException(violates(RuleCode.UNKNOWN_TOKEN))
                    .expectNoEvents();
        }
    }

    /** Ids starting with "loan:" belong to the steps of loans: only a command marked as a loan step may use them. */
    @Nested
    class LoanStepIds {

        private static final String LOAN_PLEDGE = "loan:L1:pledge";

        private Map<String, Object> asLoanStep(HolderId principal) {
            return Map.of(ActingPrincipal.METADATA_KEY, principal.value(), LoanSteps.METADATA_KEY, "true");
        }

        @Test
        void refusesALoanPledgeOrTransferIdWithoutTheLoanStepMark() {
            fixture.given(aliceHolds60())
                    .when(pledge(LOAN_PLEDGE, ALICE, BOB, 20), as(ALICE))
                    .expectException(violates(RuleCode.LOAN_STEP_RESERVED))
                    .expectNoEvents();
            fixture.given(aliceHolds60())
                    .when(transfer("loan:L1:lend", ALICE, BOB, 20), as(ALICE))
                    .expectException(violates(RuleCode.LOAN_STEP_RESERVED))
                    .expectNoEvents();
        }

        @Test
        void acceptsThemFromALoanStep() {
            fixture.given(aliceHolds60())
                    .when(pledge(LOAN_PLEDGE, ALICE, BOB, 20), asLoanStep(ALICE))
                    .expectEvents(pledged(LOAN_PLEDGE, ALICE, BOB, 20));
        }

        @Test
        void thePledgeeCannotReleaseOrSeizeALoansPledgeItself() {
            List<Object> loanPledged = then(aliceHolds60(), pledged(LOAN_PLEDGE, ALICE, BOB, 20));
            fixture.given(loanPledged)
                    .when(seizePledge(LOAN_PLEDGE), as(BOB))
                    .expectException(violates(RuleCode.LOAN_STEP_RESERVED))
                    .expectNoEvents();
            fixture.given(loanPledged)
                    .when(releasePledge(LOAN_PLEDGE), as(BOB))
                    .expectException(violates(RuleCode.LOAN_STEP_RESERVED))
                    .expectNoEvents();
            fixture.given(loanPledged)
                    .when(seizePledge(LOAN_PLEDGE), asLoanStep(BOB))
                    .expectEvents(new PledgeSeized(TOKEN, CommandId.of(LOAN_PLEDGE), ALICE, BOB, Units.of(20)));
        }

        @Test
        void theLoanStepMarkDoesNotLendAnyoneElsesAuthority() {
            fixture.given(aliceHolds60())
                    .when(pledge(LOAN_PLEDGE, ALICE, BOB, 20), asLoanStep(BOB))
                    .expectException(violates(RuleCode.NOT_HOLDER));
        }
    }

    @Nested
    class PledgeUnitsCommand {

        @Test
        void locksAvailableUnitsForThePledgee() {
            fixture.given(aliceHolds60())
                    .when(pledge("p-1", ALICE, BOB, 20), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(pledged("p-1", ALICE, BOB, 20));
        }

        @Test
        void refusesTransferringPledgedUnits() {
            fixture.given(alicePledged20ToBob())
                    .when(transfer("t-2", ALICE, CAROL, 41), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @Test
        void refusesBurningPledgedUnits() {
            fixture.given(alicePledged20ToBob())
                    .when(burn("b-1", ALICE, 41, "compute redeemed"), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @Test
        void refusesPledgingPledgedUnitsAgain() {
            fixture.given(alicePledged20ToBob())
                    .when(pledge("p-2", ALICE, CAROL, 41), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @Test
        void pledgesExactlyTheUnitsStillAvailable() {
            fixture.given(alicePledged20ToBob())
                    .when(pledge("p-2", ALICE, CAROL, 40), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(pledged("p-2", ALICE, CAROL, 40));
        }

        @Test
        void refusesPledgingBeyondTheAvailableUnits() {
            fixture.given(aliceHolds60())
                    .when(pledge("p-1", ALICE, BOB, 61), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @Test
        void refusesAPrincipalPledgingAnotherHoldersUnits() {
            fixture.given(aliceHolds60())
                    .when(pledge("p-1", ALICE, BOB, 20), as(BOB))
                    .expectException(violates(RuleCode.NOT_HOLDER))
                    .expectNoEvents();
        }

        @Test
        void refusesAPledgeToOneself() {
            fixture.given(aliceHolds60())
                    .when(pledge("p-1", ALICE, ALICE, 20), as(ALICE))
                    .expectException(violates(RuleCode.SAME_HOLDER))
                    .expectNoEvents();
        }

        @Test
        void refusesAPledgeBeforeTheSeriesIsVerified() {
            fixture.given(tokenIssued(HYBRID))
                    .when(pledge("p-1", ISSUER, BOB, 20), as(ISSUER))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        void answersARepeatWithoutNewEvents() {
            fixture.given(alicePledged20ToBob())
                    .when(pledge("p-1", ALICE, BOB, 20), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void answersARepeatOfAPledgeReleasedSinceWithoutNewEvents() {
            fixture.given(then(alicePledged20ToBob(), released("p-1", ALICE, BOB, 20)))
                    .when(pledge("p-1", ALICE, BOB, 20), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesTheSamePledgeIdWithOtherContent() {
            fixture.given(alicePledged20ToBob())
                    .when(pledge("p-1", ALICE, CAROL, 20), as(ALICE))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }
    }

    @Nested
    class ReleasePledgeCommand {

        @Test
        void returnsThePledgedUnitsToThePledger() {
            fixture.given(alicePledged20ToBob())
                    .when(releasePledge("p-1"), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(released("p-1", ALICE, BOB, 20));
        }

        @Test
        void makesReleasedUnitsAvailableToThePledgerAgain() {
            fixture.given(then(alicePledged20ToBob(), released("p-1", ALICE, BOB, 20)))
                    .when(transfer("t-2", ALICE, CAROL, 60), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(transferred("t-2", ALICE, CAROL, 60));
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"alice", "carol", "issuer"})
        void refusesAPrincipalThatIsNotThePledgee(String principal) {
            fixture.given(alicePledged20ToBob())
                    .when(releasePledge("p-1"), as(HolderId.of(principal)))
                    .expectException(violates(RuleCode.NOT_PLEDGEE))
                    .expectNoEvents();
        }

        @Test
        void refusesACommandThatCarriesNoActingPrincipal() {
            fixture.given(alicePledged20ToBob())
                    .when(releasePledge("p-1"))
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING))
                    .expectNoEvents();
        }

        @Test
        void refusesAPledgeTheSeriesDoesNotKnow() {
            fixture.given(alicePledged20ToBob())
                    .when(releasePledge("p-9"), as(BOB))
                    .expectException(violates(RuleCode.UNKNOWN_PLEDGE))
                    .expectNoEvents();
        }

        @Test
        void refusesReleasingASeizedPledge() {
            fixture.given(then(alicePledged20ToBob(), seized("p-1", ALICE, BOB, 20)))
                    .when(releasePledge("p-1"), as(BOB))
                    .expectException(violates(RuleCode.PLEDGE_NOT_OPEN))
                    .expectNoEvents();
        }

        @Test
        void answersASecondReleaseAsARepeatWithoutNewEvents() {
            fixture.given(then(alicePledged20ToBob(), released("p-1", ALICE, BOB, 20)))
                    .when(releasePledge("p-1"), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesReleasingAPledgeOfASeriesMadeWorthless() {
            fixture.given(then(alicePledged20ToBob(), flagged("f-1", ILLEGITIMATE, REASON, HYBRID, WORTHLESS)))
                    .when(releasePledge("p-1"), as(BOB))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }
    }

    @Nested
    class SeizePledgeCommand {

        @Test
        void movesThePledgedUnitsToThePledgee() {
            fixture.given(alicePledged20ToBob())
                    .when(seizePledge("p-1"), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(seized("p-1", ALICE, BOB, 20));
        }

        @Test
        void makesTheSeizedUnitsAvailableToThePledgee() {
            fixture.given(then(alicePledged20ToBob(), seized("p-1", ALICE, BOB, 20)))
                    .when(transfer("t-2", BOB, CAROL, 20), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(transferred("t-2", BOB, CAROL, 20));
        }

        @Test
        void leavesThePledgerOnlyItsAvailableUnits() {
            fixture.given(then(alicePledged20ToBob(), seized("p-1", ALICE, BOB, 20)))
                    .when(transfer("t-2", ALICE, CAROL, 41), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"alice", "carol", "issuer"})
        void refusesAPrincipalThatIsNotThePledgee(String principal) {
            fixture.given(alicePledged20ToBob())
                    .when(seizePledge("p-1"), as(HolderId.of(principal)))
                    .expectException(violates(RuleCode.NOT_PLEDGEE))
                    .expectNoEvents();
        }

        @Test
        void refusesAPledgeTheSeriesDoesNotKnow() {
            fixture.given(alicePledged20ToBob())
                    .when(seizePledge("p-9"), as(BOB))
                    .expectException(violates(RuleCode.UNKNOWN_PLEDGE))
                    .expectNoEvents();
        }

        @Test
        void refusesSeizingAReleasedPledge() {
            fixture.given(then(alicePledged20ToBob(), released("p-1", ALICE, BOB, 20)))
                    .when(seizePledge("p-1"), as(BOB))
                    .expectException(violates(RuleCode.PLEDGE_NOT_OPEN))
                    .expectNoEvents();
        }

        @Test
        void answersASecondSeizureAsARepeatWithoutNewEvents() {
            fixture.given(then(alicePledged20ToBob(), seized("p-1", ALICE, BOB, 20)))
                    .when(seizePledge("p-1"), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesSeizingAPledgeOfASeriesMadeWorthless() {
            fixture.given(then(alicePledged20ToBob(), flagged("f-1", ILLEGITIMATE, REASON, HYBRID, WORTHLESS)))
                    .when(seizePledge("p-1"), as(BOB))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }
    }

    @Nested
    class BurnUnitsCommand {

        @Test
        void destroysAvailableUnitsOfTheHolder() {
            fixture.given(aliceHolds60())
                    .when(burn("b-1", ALICE, 10, "compute redeemed"), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(burned("b-1", ALICE, 10, "compute redeemed"));
        }

        @Test
        void burnsExactlyTheAvailableUnits() {
            fixture.given(alicePledged20ToBob())
                    .when(burn("b-1", ALICE, 40, "compute redeemed"), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(burned("b-1", ALICE, 40, "compute redeemed"));
        }

        @Test
        void refusesAPrincipalBurningAnotherHoldersUnits() {
            fixture.given(aliceHolds60())
                    .when(burn("b-1", ALICE, 10, "compute redeemed"), as(BOB))
                    .expectException(violates(RuleCode.NOT_HOLDER))
                    .expectNoEvents();
        }

        @Test
        void refusesABurnBeyondTheAvailableUnits() {
            fixture.given(aliceHolds60())
                    .when(burn("b-1", ALICE, 61, "compute redeemed"), as(ALICE))
                    .expectException(violates(RuleCode.INSUFFICIENT_AVAILABLE_BALANCE))
                    .expectNoEvents();
        }

        @Test
        void refusesABurnBeforeTheSeriesIsVerified() {
            fixture.given(tokenIssued(HYBRID))
                    .when(burn("b-1", ISSUER, 10, "voluntary"), as(ISSUER))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        void refusesABurnAfterAHardStop() {
            fixture.given(then(aliceHolds60(HARD_STOP), flagged("f-1", ILLEGITIMATE, REASON, HARD_STOP, WORTHLESS)))
                    .when(burn("b-1", ALICE, 10, "compute redeemed"), as(ALICE))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        void answersARepeatWithoutNewEvents() {
            fixture.given(then(aliceHolds60(), burned("b-1", ALICE, 10, "compute redeemed")))
                    .when(burn("b-1", ALICE, 10, "compute redeemed"), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        static Stream<Arguments> otherContentUnderTheSameBurnId() {
            return Stream.of(
                    Arguments.of("another amount", burn("b-1", ALICE, 11, "compute redeemed")),
                    Arguments.of("another reason", burn("b-1", ALICE, 10, "voluntary")));
        }

        @ParameterizedTest(name = "refuses {0}")
        @MethodSource("otherContentUnderTheSameBurnId")
        void refusesTheSameBurnIdWithOtherContent(String difference, Object command) {
            fixture.given(then(aliceHolds60(), burned("b-1", ALICE, 10, "compute redeemed")))
                    .when(command, as(ALICE))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }
    }

    @Nested
    class FlagByOracleCommand {

        // --- a history for graceful exits: three holders of 33 units each, out of 99 outstanding ---

        /**
         * Issuer 33, alice 33 (10 of them pledged to carol, pledge p-1 still open), bob 33 (his pledge p-2 was
         * released); 1 unit burned, 99 outstanding.
         */
        private List<Object> threeEqualHolders(GovernancePolicy policy) {
            return then(active(policy),
                    transferred("t-1", ISSUER, ALICE, 33),
                    transferred("t-2", ISSUER, BOB, 33),
                    burned("b-1", ISSUER, 1, "compute redeemed"),
                    pledged("p-1", ALICE, CAROL, 10),
                    pledged("p-2", BOB, CAROL, 5),
                    released("p-2", BOB, CAROL, 5));
        }

        private CollateralClaim claim(HolderId holder, long units, String cents) {
            return new CollateralClaim(holder, Units.of(units), Money.of(cents));
        }

        /** 400 qubits at the issuance's 0.20: 80.00, split 26.67 / 26.67 / 26.66 (the left-over cents in order). */
        private SeriesWoundUp woundUpAtTheIssuancePrice(String flagId) {
            return new SeriesWoundUp(TOKEN, CommandId.of(flagId), List.of(CommandId.of("p-1")), Units.of(99),
                    Money.of("0.20"), Money.of("80.00"),
                    List.of(claim(ALICE, 33, "26.67"), claim(BOB, 33, "26.67"), claim(ISSUER, 33, "26.66")));
        }

        @Test
        void makesAHardStopSeriesWorthless() {
            fixture.given(aliceHolds60(HARD_STOP))
                    .when(flag("f-1", ILLEGITIMATE, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", ILLEGITIMATE, REASON, HARD_STOP, WORTHLESS));
        }

        @Test
        void makesAHardStopSeriesWorthlessOnADisputeToo() {
            fixture.given(aliceHolds60(HARD_STOP))
                    .when(flag("f-1", DISPUTED, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", DISPUTED, REASON, HARD_STOP, WORTHLESS));
        }

        static Stream<Arguments> movesOfAlice() {
            return Stream.of(
                    Arguments.of("a transfer", transfer("t-2", ALICE, BOB, 10)),
                    Arguments.of("a pledge", pledge("p-1", ALICE, BOB, 10)),
                    Arguments.of("a burn", burn("b-1", ALICE, 10, "compute redeemed")));
        }

        @ParameterizedTest(name = "refuses {0}")
        @MethodSource("movesOfAlice")
        void refusesEveryLaterMoveOfAWorthlessSeries(String move, Object command) {
            fixture.given(then(aliceHolds60(HARD_STOP), flagged("f-1", ILLEGITIMATE, REASON, HARD_STOP, WORTHLESS)))
                    .when(command, as(ALICE))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        void windsAGracefulExitSeriesUpWithProRataClaimsOnTheCollateralAtTheIssuancePrice() {
            fixture.given(threeEqualHolders(GRACEFUL_EXIT))
                    .when(flag("f-1", ILLEGITIMATE, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", ILLEGITIMATE, REASON, GRACEFUL_EXIT, WOUND_UP),
                            woundUpAtTheIssuancePrice("f-1"))
                    .expectEventsMatching(aWindUpWhoseClaimsAddUpToItsCollateralValue());
        }

        @Test
        void valuesTheClaimsAtTheLatestPublishedCollateralPrice() {
            publishedCollateralPrices.put("QUBIT", Money.of("0.25"));

            fixture.given(threeEqualHolders(GRACEFUL_EXIT))
                    .when(flag("f-1", DISPUTED, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", DISPUTED, REASON, GRACEFUL_EXIT, WOUND_UP),
                            new SeriesWoundUp(TOKEN, CommandId.of("f-1"), List.of(CommandId.of("p-1")),
                                    Units.of(99), Money.of("0.25"), Money.of("100.00"),
                                    List.of(claim(ALICE, 33, "33.34"), claim(BOB, 33, "33.33"),
                                            claim(ISSUER, 33, "33.33"))))
                    .expectEventsMatching(aWindUpWhoseClaimsAddUpToItsCollateralValue());
        }

        @Test
        void splitsUnevenHoldingsSoThatTheClaimsStillAddUp() {
            // Issuer 40, alice 35 (20 pledged to carol), bob 15; 90 outstanding; 80.00 split 35.56/31.11/13.33.
            publishedCollateralPrices.put("OTHER-UNIT", Money.of("9.99")); // another unit's price is not used
            fixture.given(then(active(GRACEFUL_EXIT),
                            transferred("t-1", ISSUER, ALICE, 60),
                            transferred("t-2", ALICE, BOB, 15),
                            pledged("p-1", ALICE, CAROL, 20),
                            burned("b-1", ALICE, 10, "compute redeemed")))
                    .when(flag("f-1", DISPUTED, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", DISPUTED, REASON, GRACEFUL_EXIT, WOUND_UP),
                            new SeriesWoundUp(TOKEN, CommandId.of("f-1"), List.of(CommandId.of("p-1")),
                                    Units.of(90), Money.of("0.20"), Money.of("80.00"),
                                    List.of(claim(ALICE, 35, "31.11"), claim(BOB, 15, "13.33"),
                                            claim(ISSUER, 40, "35.56"))))
                    .expectEventsMatching(aWindUpWhoseClaimsAddUpToItsCollateralValue());
        }

        @Test
        void refusesEveryLaterMoveOfAWoundUpSeries() {
            fixture.given(then(threeEqualHolders(GRACEFUL_EXIT),
                            flagged("f-1", DISPUTED, REASON, GRACEFUL_EXIT, WOUND_UP),
                            woundUpAtTheIssuancePrice("f-1")))
                    .when(transfer("t-3", BOB, CAROL, 1), as(BOB))
                    .expectException(violates(RuleCode.TOKEN_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        void makesAHybridSeriesWorthlessWhenItIsIllegitimate() {
            fixture.given(threeEqualHolders(HYBRID))
                    .when(flag("f-1", ILLEGITIMATE, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", ILLEGITIMATE, REASON, HYBRID, WORTHLESS));
        }

        @Test
        void windsAHybridSeriesUpWhenItIsDisputed() {
            fixture.given(threeEqualHolders(HYBRID))
                    .when(flag("f-1", DISPUTED, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", DISPUTED, REASON, HYBRID, WOUND_UP),
                            woundUpAtTheIssuancePrice("f-1"));
        }

        @Test
        void windsUpASeriesThatWasNeverVerifiedWithTheIssuerAsSoleClaimant() {
            fixture.given(tokenIssued(GRACEFUL_EXIT))
                    .when(flag("f-1", DISPUTED, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(flagged("f-1", DISPUTED, REASON, GRACEFUL_EXIT, WOUND_UP),
                            new SeriesWoundUp(TOKEN, CommandId.of("f-1"), List.of(), Units.of(RIGHTS),
                                    Money.of("0.20"), Money.of("80.00"), List.of(claim(ISSUER, RIGHTS, "80.00"))));
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"alice", "issuer"})
        void refusesAPrincipalThatIsNotARegisteredOracle(String principal) {
            fixture.given(aliceHolds60(HARD_STOP))
                    .when(flag("f-1", ILLEGITIMATE, REASON), as(HolderId.of(principal)))
                    .expectException(violates(RuleCode.NOT_REGISTERED_ORACLE))
                    .expectNoEvents();
        }

        @Test
        void refusesACommandThatCarriesNoActingPrincipal() {
            fixture.given(aliceHolds60(HARD_STOP))
                    .when(flag("f-1", ILLEGITIMATE, REASON))
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondFlagWithAnotherIdOnceTheSeriesIsSettled() {
            fixture.given(then(aliceHolds60(HARD_STOP), flagged("f-1", ILLEGITIMATE, REASON, HARD_STOP, WORTHLESS)))
                    .when(flag("f-2", DISPUTED, "another reason"), as(ORACLE2))
                    .expectException(violates(RuleCode.SERIES_ALREADY_SETTLED))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondFlagOnceTheSeriesIsWoundUp() {
            fixture.given(then(threeEqualHolders(GRACEFUL_EXIT),
                            flagged("f-1", DISPUTED, REASON, GRACEFUL_EXIT, WOUND_UP),
                            woundUpAtTheIssuancePrice("f-1")))
                    .when(flag("f-2", ILLEGITIMATE, REASON), as(ORACLE))
                    .expectException(violates(RuleCode.SERIES_ALREADY_SETTLED))
                    .expectNoEvents();
        }

        @Test
        void answersARepeatOfTheSameFlagWithoutNewEvents() {
            fixture.given(then(aliceHolds60(HARD_STOP), flagged("f-1", ILLEGITIMATE, REASON, HARD_STOP, WORTHLESS)))
                    .when(flag("f-1", ILLEGITIMATE, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void answersARepeatOfAWindUpWithoutNewEvents() {
            fixture.given(then(threeEqualHolders(GRACEFUL_EXIT),
                            flagged("f-1", DISPUTED, REASON, GRACEFUL_EXIT, WOUND_UP),
                            woundUpAtTheIssuancePrice("f-1")))
                    .when(flag("f-1", DISPUTED, REASON), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesTheSameFlagIdWithAnotherVerdict() {
            fixture.given(then(aliceHolds60(HARD_STOP), flagged("f-1", ILLEGITIMATE, REASON, HARD_STOP, WORTHLESS)))
                    .when(flag("f-1", DISPUTED, REASON), as(ORACLE))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }

        @Test
        void refusesAFlagOnASeriesThatWasNeverIssued() {
            fixture.givenNoPriorActivity()
                    .when(flag("f-1", ILLEGITIMATE, REASON), as(ORACLE))
                    .expectException(violates(RuleCode.UNKNOWN_TOKEN))
                    .expectNoEvents();
        }
    }

    /**
     * The published events end in a {@link SeriesWoundUp} whose claims add up to its collateral value, and whose
     * claimed units add up to the units it burned.
     */
    static Matcher<List<EventMessage<?>>> aWindUpWhoseClaimsAddUpToItsCollateralValue() {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events, Description mismatch) {
                Optional<SeriesWoundUp> woundUp = events.stream().map(EventMessage::getPayload)
                        .filter(SeriesWoundUp.class::isInstance).map(SeriesWoundUp.class::cast).findFirst();
                if (woundUp.isEmpty()) {
                    mismatch.appendText("no SeriesWoundUp among ")
                            .appendValue(events.stream().map(EventMessage::getPayload).toList());
                    return false;
                }
                Money claimed = woundUp.get().claims().stream().map(CollateralClaim::claim)
                        .reduce(Money.ZERO, Money::plus);
                Units units = woundUp.get().claims().stream().map(CollateralClaim::units)
                        .reduce(Units.ZERO, Units::plus);
                if (!claimed.equals(woundUp.get().collateralValue())) {
                    mismatch.appendText("claims add up to ").appendValue(claimed);
                    return false;
                }
                if (!units.equals(woundUp.get().unitsBurned())) {
                    mismatch.appendText("claimed units add up to ").appendValue(units);
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a wind-up whose claims add up to its collateral value and burned units");
            }
        };
    }
}
