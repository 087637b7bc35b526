package org.ctl.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact decimal amount of money (or a price per unit). Stored as given; rounded to cents only when it is
 * shown ({@link #toCents()}), with {@link RoundingMode#HALF_EVEN}, the rounding of Python's format.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /** Every amount is bounded, so that products of amounts stay cheap, exact and far from any overflow. */
    private static final BigDecimal LIMIT = new BigDecimal("1e30");
    /** Cents: the scale money is shown and settled at. */
    public static final int DISPLAY_SCALE = 2;
    /** Nothing. */
    public static final Money ZERO = new Money(BigDecimal.ZERO);
    /** The most decimal places a price given as input may have. */
    public static final int MAX_INPUT_SCALE = 18;

    public Money {
        if (amount == null) {
            throw new RuleViolation(RuleCode.VALIDATION_FAILED, "money amount is missing");
        }
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new RuleViolation(RuleCode.AMOUNT_OVERFLOW, "money amount too large: " + amount);
        }
    }

    public static Money of(String amount) {
        RuleViolation.require(amount != null, RuleCode.VALIDATION_FAILED, "money amount is missing");
        try {
            return new Money(new BigDecimal(amount));
        } catch (NumberFormatException notANumber) {
            throw new RuleViolation(RuleCode.VALIDATION_FAILED, "not a decimal amount: " + amount);
        }
    }

    /**
     * Returns money for a price given as input: not negative, at most {@link #MAX_INPUT_SCALE} places.
     *
     * @throws RuleViolation {@link RuleCode#PRICE_MUST_BE_POSITIVE} or {@link RuleCode#VALIDATION_FAILED}
     */
    public static Money nonNegative(BigDecimal amount, String what) {
        RuleViolation.require(amount != null, RuleCode.VALIDATION_FAILED, what + " is missing");
        RuleViolation.require(amount.scale() <= MAX_INPUT_SCALE, RuleCode.VALIDATION_FAILED,
                what + " has more than " + MAX_INPUT_SCALE + " decimal places: " + amount.toPlainString());
        RuleViolation.require(amount.signum() >= 0, RuleCode.PRICE_MUST_BE_POSITIVE,
                what + " must not be negative, was " + amount.toPlainString());
        return new Money(amount);
    }

    /**
     * Returns money for a price that must be above zero.
     *
     * @throws RuleViolation {@link RuleCode#PRICE_MUST_BE_POSITIVE} otherwise
     */
    public static Money positive(BigDecimal amount, String what) {
        Money money = nonNegative(amount, what);
        RuleViolation.require(money.isPositive(), RuleCode.PRICE_MUST_BE_POSITIVE,
                what + " must be positive, was " + amount);
        return money;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money times(Units units) {
        return new Money(amount.multiply(BigDecimal.valueOf(units.value())));
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor));
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** The amount rounded to cents, as shown to people and as the seed's sandbox prints it. */
    public BigDecimal toCents() {
        return amount.setScale(DISPLAY_SCALE, RoundingMode.HALF_EVEN);
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Money money && amount.compareTo(money.amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
