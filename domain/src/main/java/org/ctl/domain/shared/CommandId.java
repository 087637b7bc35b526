package org.ctl.domain.shared;

/**
 * The client's id of one command (transferId, pledgeId, burnId, flagId, priceId). It is the command's
 * idempotency key: the same id with the same content is a harmless repeat, with other content a refusal.
 */
public record CommandId(String value) {

    public CommandId {
        Identifier.require(value, "command id");
    }

    public static CommandId of(String value) {
        return new CommandId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
