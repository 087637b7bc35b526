package org.ctl.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    private static void assertRefusedWith(ThrowingCallable call, RuleCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo(code));
    }

    @Nested
    class UnitsValue {

        @ParameterizedTest(name = "accepts {0}")
        @ValueSource(longs = {0, 1, Long.MAX_VALUE})
        void acceptsZeroAndAnyPositiveAmount(long value) {
            assertThat(Units.of(value).value()).isEqualTo(value);
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(longs = {-1, Long.MIN_VALUE})
        void refusesNegativeUnits(long value) {
            assertRefusedWith(() -> new Units(value), RuleCode.AMOUNT_MUST_BE_POSITIVE);
            assertRefusedWith(() -> Units.of(value), RuleCode.AMOUNT_MUST_BE_POSITIVE);
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(longs = {0, -1, Long.MIN_VALUE})
        void refusesToMoveZeroOrNegativeUnits(long value) {
            assertThatThrownBy(() -> Units.positive(value, "amount"))
                    .isInstanceOfSatisfying(RuleViolation.class,
                            violation -> assertThat(violation.code()).isEqualTo(RuleCode.AMOUNT_MUST_BE_POSITIVE))
                    .hasMessageContaining("amount");
        }

        @ParameterizedTest(name = "accepts {0}")
        @ValueSource(longs = {1, Long.MAX_VALUE})
        void acceptsMovingOneUnitOrMore(long value) {
            assertThat(Units.positive(value, "amount")).isEqualTo(Units.of(value));
        }

        @Test
        void addsUpToTheLargestAmountExactly() {
            assertThat(Units.of(Long.MAX_VALUE - 1).plus(Units.of(1))).isEqualTo(Units.of(Long.MAX_VALUE));
        }

        @ParameterizedTest(name = "refuses {0} + {1}")
        @CsvSource({
                "9223372036854775807, 1",
                "1, 9223372036854775807",
                "9223372036854775807, 9223372036854775807",
                "4611686018427387904, 4611686018427387904"})
        void refusesASumBeyondTheLargestAmount(long left, long right) {
            assertRefusedWith(() -> Units.of(left).plus(Units.of(right)), RuleCode.AMOUNT_OVERFLOW);
        }

        @Test
        void subtractsDownToZero() {
            assertThat(Units.of(5).minus(Units.of(5))).isEqualTo(Units.ZERO);
            assertThat(Units.of(Long.MAX_VALUE).minus(Units.of(1))).isEqualTo(Units.of(Long.MAX_VALUE - 1));
        }

        @Test
        void treatsSubtractingMoreThanItHoldsAsAnImpossibleState() {
            assertThatIllegalStateException().isThrownBy(() -> Units.of(1).minus(Units.of(2)));
            assertThatIllegalStateException().isThrownBy(() -> Units.ZERO.minus(Units.of(1)));
        }

        @Test
        void coversExactlyTheAmountsItHolds() {
            assertThat(Units.of(5).covers(Units.of(5))).isTrue();
            assertThat(Units.of(5).covers(Units.of(6))).isFalse();
        }
    }

    @Nested
    class Identifiers {

        static Stream<Arguments> kindsOfIdentifier() {
            return Stream.of(
                    Arguments.of("TokenId", (Function<String, Object>) TokenId::of),
                    Arguments.of("HolderId", (Function<String, Object>) HolderId::of),
                    Arguments.of("CommandId", (Function<String, Object>) CommandId::of));
        }

        static Stream<String> acceptedIdentifiers() {
            return Stream.of("a", "Z", "7", "a".repeat(Identifier.MAX_LENGTH), "series-1.a_b:C9", "CLT-2025:gpu.h100");
        }

        static Stream<String> refusedIdentifiers() {
            return Stream.of(
                    "a".repeat(Identifier.MAX_LENGTH + 1),
                    " ", "a b", " a", "a ", "a\n", "\t",
                    "é", "café", "ａ", "１",
                    "../x", ".", "..", "-a", "a/b", "a\\b", "a%20b", "a?b", "a#b", "a@b", "a,b");
        }

        static Stream<Arguments> acceptedByEveryKind() {
            return kindsOfIdentifier().flatMap(kind -> acceptedIdentifiers()
                    .map(value -> Arguments.of(kind.get()[0], kind.get()[1], value)));
        }

        static Stream<Arguments> refusedByEveryKind() {
            return kindsOfIdentifier().flatMap(kind -> Stream.concat(Stream.of("", null), refusedIdentifiers())
                    .map(value -> Arguments.of(kind.get()[0], kind.get()[1], value)));
        }

        @ParameterizedTest(name = "{0} accepts \"{2}\"")
        @MethodSource("acceptedByEveryKind")
        void acceptsOneToSixtyFourLettersDigitsAndSeparators(String kind, Function<String, Object> create,
                                                           String value) {
            assertThat(create.apply(value)).hasToString(value);
        }

        @ParameterizedTest(name = "{0} refuses \"{2}\"")
        @MethodSource("refusedByEveryKind")
        void refusesAnythingElse(String kind, Function<String, Object> create, String value) {
            assertRefusedWith(() -> create.apply(value), RuleCode.VALIDATION_FAILED);
        }

        @ParameterizedTest(name = "Identifier.require refuses \"{0}\"")
        @NullAndEmptySource
        @MethodSource("refusedIdentifiers")
        void namesWhatWasMalformed(String value) {
            assertThatThrownBy(() -> Identifier.require(value, "tokenId"))
                    .isInstanceOfSatisfying(RuleViolation.class,
                            violation -> assertThat(violation.code()).isEqualTo(RuleCode.VALIDATION_FAILED))
                    .hasMessageContaining("tokenId");
        }

        @Test
        void comparesByValue() {
            assertThat(TokenId.of("clt-1")).isEqualTo(TokenId.of("clt-1")).isNotEqualTo(TokenId.of("CLT-1"));
        }
    }

    @Nested
    class MoneyValue {

        @ParameterizedTest(name = "{0} equals {1}")
        @CsvSource({"1.5, 1.50", "1.5, 1.500000", "0, 0.00", "10, 1E+1", "-2.0, -2"})
        void ignoresTrailingZerosInEqualityAndHashing(String left, String right) {
            Money a = Money.of(left);
            Money b = Money.of(right);

            assertThat(a).isEqualTo(b);
            assertThat(a).hasSameHashCodeAs(b);
            assertThat(a.compareTo(b)).isZero();
        }

        @Test
        void tellsDifferentAmountsApart() {
            assertThat(Money.of("1.50")).isNotEqualTo(Money.of("1.51")).isNotEqualTo(new BigDecimal("1.50"));
            assertThat(Money.of("1.50")).isLessThan(Money.of("1.51"));
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"0", "0.00", "-0.01", "-1", "-1000000"})
        void refusesAPriceOfZeroOrBelow(String amount) {
            assertRefusedWith(() -> Money.positive(new BigDecimal(amount), "price"), RuleCode.PRICE_MUST_BE_POSITIVE);
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"0.0000000000000000001", "1.0000000000000000000", "-0.0000000000000000001"})
        void refusesAPriceWithMoreThanEighteenDecimals(String amount) {
            assertRefusedWith(() -> Money.positive(new BigDecimal(amount), "price"), RuleCode.VALIDATION_FAILED);
            assertRefusedWith(() -> Money.nonNegative(new BigDecimal(amount), "price"), RuleCode.VALIDATION_FAILED);
        }

        @ParameterizedTest(name = "accepts {0}")
        @ValueSource(strings = {"0.01", "0.000000000000000001", "1", "999999999999999999999999999999.99"})
        void acceptsAPositivePriceOfUpToEighteenDecimals(String amount) {
            assertThat(Money.positive(new BigDecimal(amount), "price").amount()).isEqualByComparingTo(amount);
        }

        @Test
        void refusesAMissingPrice() {
            assertRefusedWith(() -> Money.positive(null, "price"), RuleCode.VALIDATION_FAILED);
            assertRefusedWith(() -> new Money(null), RuleCode.VALIDATION_FAILED);
        }

        @Test
        void acceptsAZeroCollateralPriceButNoNegativeOne() {
            assertThat(Money.nonNegative(BigDecimal.ZERO, "qubit price")).isEqualTo(Money.ZERO);
            assertRefusedWith(() -> Money.nonNegative(new BigDecimal("-0.01"), "qubit price"),
                    RuleCode.PRICE_MUST_BE_POSITIVE);
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"1e30", "-1e30", "1000000000000000000000000000000", "1e31", "1e100"})
        void refusesAmountsOfTenToTheThirtyOrMore(String amount) {
            assertRefusedWith(() -> Money.of(amount), RuleCode.AMOUNT_OVERFLOW);
        }

        @Test
        void refusesAMissingAmountByName() {
            assertRefusedWith(() -> Money.of(null), RuleCode.VALIDATION_FAILED);
        }

        @Test
        void refusesArithmeticThatLeavesTheBound() {
            assertRefusedWith(() -> Money.of("9e29").plus(Money.of("1e29")), RuleCode.AMOUNT_OVERFLOW);
            assertRefusedWith(() -> Money.of("1e20").times(Units.of(10_000_000_000L)), RuleCode.AMOUNT_OVERFLOW);
            assertThat(Money.of("1e20").times(Units.of(9_999_999_999L))).isEqualTo(Money.of("999999999900000000000000000000"));
        }

        @Test
        void acceptsTheLargestAmountBelowTheBound() {
            assertThat(Money.of("999999999999999999999999999999.999").isPositive()).isTrue();
            assertThat(Money.of("-999999999999999999999999999999.999").isPositive()).isFalse();
        }

        @ParameterizedTest(name = "refuses \"{0}\"")
        @ValueSource(strings = {"", "abc", "1,5", "1.2.3", "NaN"})
        void refusesTextThatIsNoDecimal(String amount) {
            assertRefusedWith(() -> Money.of(amount), RuleCode.VALIDATION_FAILED);
        }

        @ParameterizedTest(name = "{0} shows as {1}")
        @CsvSource({"14.2, 14.20", "0.125, 0.12", "0.135, 0.14", "0.1251, 0.13", "0.015, 0.02", "2.5E-3, 0.00"})
        void showsCentsRoundedHalfEven(String amount, String cents) {
            assertThat(Money.of(amount).toCents()).isEqualTo(new BigDecimal(cents));
        }
    }

    @Nested
    class FreeText {

        @ParameterizedTest(name = "refuses \"{0}\"")
        @NullAndEmptySource
        @ValueSource(strings = {" ", "   ", "\t", "\n\r "})
        void refusesMissingOrBlankText(String value) {
            assertThatThrownBy(() -> Text.require(value, "reason"))
                    .isInstanceOfSatisfying(RuleViolation.class,
                            violation -> assertThat(violation.code()).isEqualTo(RuleCode.VALIDATION_FAILED))
                    .hasMessageContaining("reason");
        }

        @Test
        void refusesTextLongerThanFiveHundredCharacters() {
            assertRefusedWith(() -> Text.require("x".repeat(Text.MAX_LENGTH + 1), "reason"),
                    RuleCode.VALIDATION_FAILED);
        }

        @Test
        void acceptsFiveHundredCharacters() {
            assertThat(Text.require("x".repeat(Text.MAX_LENGTH), "reason")).hasSize(500);
        }

        @Test
        void stripsSurroundingWhitespace() {
            assertThat(Text.require("  compute redeemed \n", "reason")).isEqualTo("compute redeemed");
        }
    }
}
