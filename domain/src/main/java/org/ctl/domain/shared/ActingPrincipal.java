package org.ctl.domain.shared;

/**
 * Where the acting principal travels: every command carries the name of the authenticated principal that
 * sent it in its metadata under {@link #METADATA_KEY}. The aggregates read it from there, never from the
 * command's payload, so that a caller cannot claim to be someone else.
 */
public final class ActingPrincipal {

    /** The metadata key of the acting principal's name. */
    public static final String METADATA_KEY = "principal";

    private ActingPrincipal() {
    }

    /**
     * Returns the acting principal named in a command's metadata.
     *
     * @throws RuleViolation {@link RuleCode#PRINCIPAL_MISSING} when the command carries none
     */
    public static HolderId require(String name) {
        RuleViolation.require(name != null && !name.isBlank(), RuleCode.PRINCIPAL_MISSING,
                "the command carries no acting principal in its metadata ('" + METADATA_KEY + "')");
        return HolderId.of(name);
    }
}
