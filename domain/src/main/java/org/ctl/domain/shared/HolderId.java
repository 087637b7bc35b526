package org.ctl.domain.shared;

/** A principal that holds units: a holder, and also an issuer or pledgee, which hold units too. */
public record HolderId(String value) {

    public HolderId {
        Identifier.require(value, "holder");
    }

    public static HolderId of(String value) {
        return new HolderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
