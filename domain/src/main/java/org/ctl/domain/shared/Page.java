package org.ctl.domain.shared;

/**
 * A bounded slice of a list: every list query names one, so that no answer is unbounded.
 *
 * @param offset how many entries to skip, not negative
 * @param limit  how many entries at most, 1 to {@link #MAX_LIMIT}
 */
public record Page(int offset, int limit) {

    /** The most entries one answer carries. */
    public static final int MAX_LIMIT = 500;
    /** The page a query gets when it names none. */
    public static final Page FIRST = new Page(0, 100);

    public Page {
        RuleViolation.require(offset >= 0, RuleCode.VALIDATION_FAILED, "offset must not be negative, was " + offset);
        RuleViolation.require(limit >= 1 && limit <= MAX_LIMIT, RuleCode.VALIDATION_FAILED,
                "limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
}
