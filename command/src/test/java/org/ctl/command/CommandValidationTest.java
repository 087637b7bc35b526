package org.ctl.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ctl.domain.burn.BurnUnits;
import org.ctl.domain.governance.FlagByOracle;
import org.ctl.domain.governance.Verdict;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.pledge.PledgeUnits;
import org.ctl.domain.pledge.ReleasePledge;
import org.ctl.domain.pledge.SeizePledge;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.ctl.domain.transfer.TransferUnits;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands refuse bad input when they are built, before any aggregate sees them, with the rule they break:
 * whoever sends them (HTTP, Java gateway, test) gets the same named refusal.
 */
class CommandValidationTest {

    private static final TokenId TOKEN = TokenId.of("clt-h100-001");
    private static final CommandId ID = CommandId.of("cmd-1");
    private static final HolderId ALICE = HolderId.of("alice");
    private static final HolderId BOB = HolderId.of("bob");
    private static final Units ONE = Units.of(1);
    private static final Money PRICE = Money.of("1.00");
    private static final Collateral COLLATERAL = new Collateral("vault-7", null, Units.of(8), Money.of("0.20"));
    private static final PriceFeedId FEED = new PriceFeedId(PriceKind.COMPUTE, "H100-GPU-HOUR");
    /** 19 decimal places: one more than {@link Money#MAX_INPUT_SCALE}. */
    private static final BigDecimal TOO_PRECISE = new BigDecimal("0.0000000000000000001");

    private static Arguments refusal(String input, ThrowingCallable construction, RuleCode code) {
        return Arguments.of(Named.of(input, construction), code);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                // Amounts of units: zero and below (0 is the boundary; 1 is accepted, see below).
                refusal("a transfer of 0 units", () -> new TransferUnits(TOKEN, ID, ALICE, BOB, Units.of(0)),
                        RuleCode.AMOUNT_MUST_BE_POSITIVE),
                refusal("a transfer of -1 units", () -> new TransferUnits(TOKEN, ID, ALICE, BOB, Units.of(-1)),
                        RuleCode.AMOUNT_MUST_BE_POSITIVE),
                refusal("a pledge of 0 units", () -> new PledgeUnits(TOKEN, ID, ALICE, BOB, Units.of(0)),
                        RuleCode.AMOUNT_MUST_BE_POSITIVE),
                refusal("a burn of 0 units", () -> new BurnUnits(TOKEN, ID, ALICE, Units.of(0), "redeemed"),
                        RuleCode.AMOUNT_MUST_BE_POSITIVE),
                refusal("a burn of Long.MIN_VALUE units",
                        () -> new BurnUnits(TOKEN, ID, ALICE, Units.of(Long.MIN_VALUE), "redeemed"),
                        RuleCode.AMOUNT_MUST_BE_POSITIVE),
                refusal("an issuance of 0 compute rights",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", Units.of(0), PRICE, COLLATERAL, null),
                        RuleCode.AMOUNT_MUST_BE_POSITIVE),
                refusal("collateral of 0 qubits", () -> new Collateral("vault-7", null, Units.of(0), PRICE),
                        RuleCode.AMOUNT_MUST_BE_POSITIVE),

                // Prices: zero and below.
                refusal("a price per compute right of 0",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", ONE, Money.of("0"), COLLATERAL, null),
                        RuleCode.PRICE_MUST_BE_POSITIVE),
                refusal("a price per compute right of -1.00",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", ONE, Money.of("-1.00"), COLLATERAL, null),
                        RuleCode.PRICE_MUST_BE_POSITIVE),
                refusal("a qubit price of 0.00", () -> new Collateral("vault-7", null, ONE, Money.of("0.00")),
                        RuleCode.PRICE_MUST_BE_POSITIVE),
                refusal("a qubit price of -0.01", () -> new Collateral("vault-7", null, ONE, Money.of("-0.01")),
                        RuleCode.PRICE_MUST_BE_POSITIVE),
                refusal("a published price of 0", () -> new PublishPrice(ID, FEED, Money.of("0")),
                        RuleCode.PRICE_MUST_BE_POSITIVE),
                refusal("a published price of -2.50", () -> new PublishPrice(ID, FEED, Money.of("-2.50")),
                        RuleCode.PRICE_MUST_BE_POSITIVE),
                refusal("a published price with 19 decimal places",
                        () -> new PublishPrice(ID, FEED, new Money(TOO_PRECISE)), RuleCode.VALIDATION_FAILED),

                // Missing parts.
                refusal("a transfer without tokenId", () -> new TransferUnits(null, ID, ALICE, BOB, ONE),
                        RuleCode.VALIDATION_FAILED),
                refusal("a transfer without transferId", () -> new TransferUnits(TOKEN, null, ALICE, BOB, ONE),
                        RuleCode.VALIDATION_FAILED),
                refusal("a transfer without from", () -> new TransferUnits(TOKEN, ID, null, BOB, ONE),
                        RuleCode.VALIDATION_FAILED),
                refusal("a transfer without to", () -> new TransferUnits(TOKEN, ID, ALICE, null, ONE),
                        RuleCode.VALIDATION_FAILED),
                refusal("a transfer without amount", () -> new TransferUnits(TOKEN, ID, ALICE, BOB, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a pledge without pledgee", () -> new PledgeUnits(TOKEN, ID, ALICE, null, ONE),
                        RuleCode.VALIDATION_FAILED),
                refusal("a pledge without amount", () -> new PledgeUnits(TOKEN, ID, ALICE, BOB, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a release without pledgeId", () -> new ReleasePledge(TOKEN, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a seizure without tokenId", () -> new SeizePledge(null, ID), RuleCode.VALIDATION_FAILED),
                refusal("a burn without holder", () -> new BurnUnits(TOKEN, ID, null, ONE, "redeemed"),
                        RuleCode.VALIDATION_FAILED),
                refusal("a burn without reason", () -> new BurnUnits(TOKEN, ID, ALICE, ONE, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a burn with a blank reason", () -> new BurnUnits(TOKEN, ID, ALICE, ONE, "   "),
                        RuleCode.VALIDATION_FAILED),
                refusal("a burn with a reason of 501 characters",
                        () -> new BurnUnits(TOKEN, ID, ALICE, ONE, "x".repeat(501)), RuleCode.VALIDATION_FAILED),
                refusal("a verification without tokenId", () -> new VerifyIssuance(null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a flag without verdict", () -> new FlagByOracle(TOKEN, ID, null, "disputed custody"),
                        RuleCode.VALIDATION_FAILED),
                refusal("a flag without reason", () -> new FlagByOracle(TOKEN, ID, Verdict.DISPUTED, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a flag without flagId",
                        () -> new FlagByOracle(TOKEN, null, Verdict.DISPUTED, "disputed custody"),
                        RuleCode.VALIDATION_FAILED),
                refusal("an issuance without tokenId",
                        () -> new IssueToken(null, "H100-GPU-HOUR", ONE, PRICE, COLLATERAL, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("an issuance without compute unit",
                        () -> new IssueToken(TOKEN, null, ONE, PRICE, COLLATERAL, null), RuleCode.VALIDATION_FAILED),
                refusal("an issuance without compute rights",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", null, PRICE, COLLATERAL, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("an issuance without price per compute right",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", ONE, null, COLLATERAL, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("an issuance without collateral",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", ONE, PRICE, null, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("collateral without collateralId", () -> new Collateral(null, null, ONE, PRICE),
                        RuleCode.VALIDATION_FAILED),
                refusal("collateral without qubits", () -> new Collateral("vault-7", null, null, PRICE),
                        RuleCode.VALIDATION_FAILED),
                refusal("collateral without qubit price", () -> new Collateral("vault-7", null, ONE, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a price without priceId", () -> new PublishPrice(null, FEED, PRICE),
                        RuleCode.VALIDATION_FAILED),
                refusal("a price without feed", () -> new PublishPrice(ID, null, PRICE), RuleCode.VALIDATION_FAILED),
                refusal("a price without price", () -> new PublishPrice(ID, FEED, null), RuleCode.VALIDATION_FAILED),
                refusal("a feed without kind", () -> new PriceFeedId(null, "H100-GPU-HOUR"),
                        RuleCode.VALIDATION_FAILED),

                // Malformed identifiers.
                refusal("a token id with a space", () -> TokenId.of("clt h100"), RuleCode.VALIDATION_FAILED),
                refusal("an empty holder", () -> HolderId.of(""), RuleCode.VALIDATION_FAILED),
                refusal("a command id of 65 characters", () -> CommandId.of("c".repeat(65)),
                        RuleCode.VALIDATION_FAILED),
                refusal("a command id with a slash", () -> CommandId.of("a/b"), RuleCode.VALIDATION_FAILED),
                refusal("a compute unit with a slash",
                        () -> new IssueToken(TOKEN, "H100/GPU", ONE, PRICE, COLLATERAL, null),
                        RuleCode.VALIDATION_FAILED));
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @MethodSource("badInput")
    void refusesBadInputWithTheRuleItBreaks(ThrowingCallable construction, RuleCode code) {
        assertThatThrownBy(construction)
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.code()).isEqualTo(code));
    }

    static Stream<Named<ThrowingCallable>> smallestGoodInput() {
        return Stream.of(
                Named.of("a transfer of 1 unit", () -> new TransferUnits(TOKEN, ID, ALICE, BOB, ONE)),
                Named.of("a pledge of 1 unit", () -> new PledgeUnits(TOKEN, ID, ALICE, BOB, ONE)),
                Named.of("a burn of 1 unit", () -> new BurnUnits(TOKEN, ID, ALICE, ONE, "r")),
                Named.of("a burn with a reason of 500 characters",
                        () -> new BurnUnits(TOKEN, ID, ALICE, ONE, "x".repeat(500))),
                Named.of("an issuance of 1 right at 0.01 against 1 qubit at 0.01",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", ONE, Money.of("0.01"),
                                new Collateral("vault-7", null, ONE, Money.of("0.01")), null)),
                Named.of("a published price with 18 decimal places",
                        () -> new PublishPrice(ID, FEED, Money.of("0.000000000000000001"))),
                Named.of("a command id of 64 characters", () -> CommandId.of("c".repeat(64))));
    }

    @ParameterizedTest(name = "{0} is accepted")
    @MethodSource("smallestGoodInput")
    void acceptsTheSmallestGoodInput(ThrowingCallable construction) {
        assertThatCode(construction).doesNotThrowAnyException();
    }

    static Stream<Arguments> issuancePricesBeyondTheInputScale() {
        return Stream.of(
                refusal("a price per compute right with 19 decimal places",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", ONE, new Money(TOO_PRECISE), COLLATERAL, null),
                        RuleCode.VALIDATION_FAILED),
                refusal("a qubit price with 19 decimal places",
                        () -> new Collateral("vault-7", null, ONE, new Money(TOO_PRECISE)),
                        RuleCode.VALIDATION_FAILED),
                refusal("a price per compute right of 1E-1000000",
                        () -> new IssueToken(TOKEN, "H100-GPU-HOUR", ONE, Money.of("1E-1000000"), COLLATERAL, null),
                        RuleCode.VALIDATION_FAILED));
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @MethodSource("issuancePricesBeyondTheInputScale")
    void refusesIssuancePricesMorePreciseThanAnyInputPrice(ThrowingCallable construction, RuleCode code) {
        refusesBadInputWithTheRuleItBreaks(construction, code);
    }
}
