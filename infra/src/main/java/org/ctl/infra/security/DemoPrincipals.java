package org.ctl.infra.security;

import java.util.Map;

/**
 * The demo principals of DESIGN.md, each with its name as password. They exist only in the {@code demo}
 * profile; any other run refuses to start when one of its principals still has such a password.
 */
public final class DemoPrincipals {

    public static final String PROFILE = "demo";

    /** Name to role. */
    public static final Map<String, String> ROLES = Map.of(
            "issuer", Roles.ISSUER,
            "oracle", Roles.ORACLE,
            "alice", Roles.HOLDER,
            "bob", Roles.HOLDER,
            "carol", Roles.HOLDER,
            "auditor", Roles.AUDITOR);

    private DemoPrincipals() {
    }
}
