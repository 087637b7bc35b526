package org.ctl.domain.shared;

import java.util.regex.Pattern;

/**
 * The one form every identifier of the ledger takes: 1 to 64 characters of letters, digits, '.', '_', ':' or
 * '-', starting with a letter or a digit. Ids travel in URLs, logs and event streams, so they are kept short and unambiguous.
 */
public final class Identifier {

    /** The longest identifier accepted. */
    public static final int MAX_LENGTH = 64;
    /** Starts with a letter or digit, so that no id reads as a path segment such as "." or "..". */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");

    private Identifier() {
    }

    /**
     * Returns {@code value} when it is a well-formed identifier.
     *
     * @throws RuleViolation with {@link RuleCode#VALIDATION_FAILED} naming {@code what} otherwise
     */
    public static String require(String value, String what) {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new RuleViolation(RuleCode.VALIDATION_FAILED,
                    what + " must be 1 to " + MAX_LENGTH + " characters of letters, digits, '.', '_', ':' or '-',"
                            + " starting with a letter or a digit");
        }
        return value;
    }
}
