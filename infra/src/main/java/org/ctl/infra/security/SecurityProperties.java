package org.ctl.infra.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The principals of a run that is not the demo, under {@code ctl.security.users.<name>}: an encoded password
 * (e.g. {@code {bcrypt}$2a$...}) and roles (ISSUER, ORACLE, HOLDER, AUDITOR).
 */
@ConfigurationProperties("ctl.security")
public record SecurityProperties(Map<String, User> users) {

    public SecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public record User(String password, List<String> roles) {
    }
}
