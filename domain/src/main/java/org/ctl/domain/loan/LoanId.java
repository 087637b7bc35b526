package org.ctl.domain.loan;

import org.ctl.domain.shared.Identifier;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;

/**
 * The client's id of a loan: an identifier of at most {@link #MAX_LENGTH} characters, so that the ids of the
 * loan's steps on the series ({@link LoanSteps}) stay within {@link Identifier#MAX_LENGTH}. It is the loan's
 * idempotency key: an offer repeated with the same id and terms is harmless, with other terms refused.
 */
public record LoanId(String value) {

    /** The longest loan id: the step ids add {@code "loan:"} and a suffix of at most 7 characters. */
    public static final int MAX_LENGTH = 48;
    /** The prefix of a loan's event stream; '/' is no identifier character, so no series or feed shares it. */
    private static final String STREAM_PREFIX = "loan/";

    public LoanId {
        Identifier.require(value, "loanId");
        RuleViolation.require(value.length() <= MAX_LENGTH, RuleCode.VALIDATION_FAILED,
                "loanId must be at most " + MAX_LENGTH + " characters");
    }

    public static LoanId of(String value) {
        return new LoanId(value);
    }

    /** The loan's event stream: its own name space, apart from every series and price feed. */
    public String stream() {
        return STREAM_PREFIX + value;
    }

    /** Axon names the aggregate's stream by this: see {@link #stream()}. */
    @Override
    public String toString() {
        return stream();
    }
}
