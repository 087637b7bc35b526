package org.ctl.infra.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Who can sign in: the demo principals in the demo profile, the configured ones everywhere else. */
@Configuration(proxyBeanMethods = false)
public class PrincipalsConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Profile(DemoPrincipals.PROFILE)
    UserDetailsService demoPrincipals(PasswordEncoder encoder) {
        // {noop}: the demo passwords are public by design, and a bcrypt check on every Basic request costs
        // 70-100 ms of CPU, which would make the demo measure the hash instead of the ledger.
        List<UserDetails> users = new ArrayList<>();
        DemoPrincipals.ROLES.forEach((name, role) ->
                users.add(User.withUsername(name).password("{noop}" + name).roles(role).build()));
        return lookup(users);
    }

    /**
     * A fixed set of principals. Unlike Spring's in-memory manager it never re-encodes a stored password at
     * sign-in (which would turn {noop} into bcrypt), and it hands out copies, whose credentials Spring may erase.
     */
    private static UserDetailsService lookup(List<UserDetails> users) {
        Map<String, UserDetails> byName = new HashMap<>();
        users.forEach(user -> byName.put(user.getUsername(), user));
        return name -> {
            UserDetails user = byName.get(name);
            if (user == null) {
                throw new UsernameNotFoundException("no principal " + name);
            }
            return User.withUserDetails(user).build();
        };
    }

    /**
     * The configured principals of a run that is not the demo. A principal whose password is its own name (the
     * demo's credentials) stops the start: demo credentials must never guard real units.
     */
    @Bean
    @Profile("!" + DemoPrincipals.PROFILE)
    UserDetailsService configuredPrincipals(SecurityProperties properties, PasswordEncoder encoder) {
        if (properties.users().isEmpty()) {
            throw new IllegalStateException("No principals: set ctl.security.users.<name>.password (encoded, e.g. "
                    + "{bcrypt}...) and ctl.security.users.<name>.roles, or run the demo profile");
        }
        List<UserDetails> users = new ArrayList<>();
        properties.users().forEach((name, user) -> {
            if (user.password() == null || user.roles() == null || user.roles().isEmpty()) {
                throw new IllegalStateException("ctl.security.users." + name + " needs a password and roles");
            }
            if (encoder.matches(name, user.password())) {
                throw new IllegalStateException("ctl.security.users." + name + " has the demo credentials (its name "
                        + "as password); demo credentials are refused outside the demo profile");
            }
            users.add(User.withUsername(name).password(user.password())
                    .roles(user.roles().toArray(String[]::new)).build());
        });
        return lookup(users);
    }
}
