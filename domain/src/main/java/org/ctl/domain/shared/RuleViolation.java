package org.ctl.domain.shared;

import java.util.Objects;

/**
 * A command refused by a named ledger rule. A refused command changes nothing in the ledger.
 */
public class RuleViolation extends RuntimeException {

    private final RuleCode code;

    /**
     * @param code    the rule the command broke
     * @param message a sentence saying what was wrong with this command
     */
    public RuleViolation(RuleCode code, String message) {
        super(code + ": " + message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The rule the command broke. */
    public RuleCode code() {
        return code;
    }

    /** Throws a {@link RuleViolation} with {@code code} and {@code message} when {@code condition} is false. */
    public static void require(boolean condition, RuleCode code, String message) {
        if (!condition) {
            throw new RuleViolation(code, message);
        }
    }
}
