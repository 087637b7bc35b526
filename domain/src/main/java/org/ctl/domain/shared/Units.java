package org.ctl.domain.shared;

/**
 * A whole number of compute units (each one a claim on a fixed quantum of compute). Never negative; every
 * arithmetic operation is exact and refuses to overflow.
 */
public record Units(long value) implements Comparable<Units> {

    /** No units. */
    public static final Units ZERO = new Units(0);

    public Units {
        if (value < 0) {
            throw new RuleViolation(RuleCode.AMOUNT_MUST_BE_POSITIVE, "units cannot be negative: " + value);
        }
    }

    public static Units of(long value) {
        return new Units(value);
    }

    /**
     * Returns units for an amount a command asks to move: it must be at least one.
     *
     * @throws RuleViolation {@link RuleCode#AMOUNT_MUST_BE_POSITIVE} for zero or a negative amount
     */
    public static Units positive(long value, String what) {
        RuleViolation.require(value > 0, RuleCode.AMOUNT_MUST_BE_POSITIVE, what + " must be positive, was " + value);
        return new Units(value);
    }

    public Units plus(Units other) {
        try {
            return new Units(Math.addExact(value, other.value));
        } catch (ArithmeticException overflow) {
            throw new RuleViolation(RuleCode.AMOUNT_OVERFLOW, value + " + " + other.value + " overflows");
        }
    }

    /** Subtracts {@code other}; the caller has checked that it is covered (a shortfall is a programming error). */
    public Units minus(Units other) {
        if (other.value > value) {
            throw new IllegalStateException("unchecked shortfall: " + value + " - " + other.value);
        }
        return new Units(value - other.value);
    }

    public boolean covers(Units other) {
        return value >= other.value;
    }

    public boolean isZero() {
        return value == 0;
    }

    @Override
    public int compareTo(Units other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
