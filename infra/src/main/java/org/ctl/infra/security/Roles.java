package org.ctl.infra.security;

/** The roles of the HTTP API's principals. */
public final class Roles {

    public static final String ISSUER = "ISSUER";
    public static final String ORACLE = "ORACLE";
    public static final String HOLDER = "HOLDER";
    public static final String AUDITOR = "AUDITOR";

    private Roles() {
    }
}
