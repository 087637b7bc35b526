package org.ctl.domain.shared;

/** Free text carried by a command (a reason, a note): bounded, so that no command can carry a novel. */
public final class Text {

    /** The longest free text accepted. */
    public static final int MAX_LENGTH = 500;

    private Text() {
    }

    /**
     * Returns {@code value} trimmed, when present and at most {@link #MAX_LENGTH} characters long.
     *
     * @throws RuleViolation {@link RuleCode#VALIDATION_FAILED} naming {@code what} otherwise
     */
    public static String require(String value, String what) {
        RuleViolation.require(value != null && !value.isBlank(), RuleCode.VALIDATION_FAILED, what + " is missing");
        RuleViolation.require(value.length() <= MAX_LENGTH, RuleCode.VALIDATION_FAILED,
                what + " is longer than " + MAX_LENGTH + " characters");
        return value.strip();
    }
}
