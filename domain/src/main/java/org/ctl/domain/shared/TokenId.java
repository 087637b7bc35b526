package org.ctl.domain.shared;

/** The id of a token series (a CLT issuance). */
public record TokenId(String value) {

    public TokenId {
        Identifier.require(value, "tokenId");
    }

    public static TokenId of(String value) {
        return new TokenId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
