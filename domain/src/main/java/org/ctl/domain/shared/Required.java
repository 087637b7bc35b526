package org.ctl.domain.shared;

/** Presence checks for the parts of a command, refused with {@link RuleCode#VALIDATION_FAILED}. */
public final class Required {

    private Required() {
    }

    public static <T> T present(T value, String what) {
        RuleViolation.require(value != null, RuleCode.VALIDATION_FAILED, what + " is missing");
        return value;
    }
}
