package org.ctl.infra.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The web dashboard's sign-in: its pages and assets, for the same principals as the API, through a login form
 * and a session (a browser cannot put HTTP Basic on an {@code EventSource}). The session is a cookie, so this chain
 * keeps Spring Security's CSRF protection on (login and logout are forms with a token). The API's own chain
 * ({@link SecurityConfiguration}) stays stateless; it honours this session for reads only
 * ({@link SessionForReads}), so the dashboard can show the ledger while every command still needs HTTP Basic and
 * a forged cross-site request finds nothing to ride on.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardSecurityConfiguration {

    /** The dashboard's pages and assets. */
    static final String[] PAGES = {"/", "/index.html", "/series.html", "/sandbox.html", "/governance.html",
            "/lattice.html", "/dashboard/**", "/login", "/logout", "/default-ui.css", "/favicon.ico"};

    @Bean
    @Order(1)
    SecurityFilterChain dashboard(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(PAGES)
                .authorizeHttpRequests(requests -> requests
                        // The login page's own stylesheet (Spring Security serves it), and the browser's icon.
                        .requestMatchers("/default-ui.css", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(login -> login.defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }
}
