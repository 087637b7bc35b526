package org.ctl.infra.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ctl.infra.http.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Function-level authorization of the HTTP API: HTTP Basic, stateless, and per endpoint the roles that may
 * call it. Object-level rules (whose units, whose pledge, whose balances) are checked further in: by the
 * aggregates for commands, by the query controllers for reads.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json,
                            @Value("${ctl.http.rate-limit.requests-per-second:200}") int requestsPerSecond)
            throws Exception {
        return http
                .addFilterAfter(new PrincipalRateLimit(requestsPerSecond, json), BasicAuthenticationFilter.class)
                .csrf(AbstractHttpConfigurer::disable)  // stateless Basic auth: no session cookie to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(SessionForReads.forApi()))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, denied) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ctl\"");
                    write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
                            "sign in with HTTP Basic"));
                }))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, denied) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"ctl\"");
                            write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
                                    "sign in with HTTP Basic"));
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                write(response, json, Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN,
                                        "your role may not " + request.getMethod() + " " + request.getRequestURI()))))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(GET, "/api/quote", "/actuator/health/**", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(POST, "/api/tokens").hasRole(Roles.ISSUER)
                        .requestMatchers(POST, "/api/tokens/*/verify", "/api/tokens/*/flags", "/api/prices")
                        .hasRole(Roles.ORACLE)
                        .requestMatchers(POST, "/api/tokens/*/transfers", "/api/tokens/*/pledges",
                                "/api/tokens/*/pledges/*/release", "/api/tokens/*/pledges/*/seize",
                                "/api/tokens/*/burns")
                        .hasAnyRole(Roles.HOLDER, Roles.ISSUER)
                        .requestMatchers(GET, "/api/tokens/*/balances").hasAnyRole(Roles.ISSUER, Roles.AUDITOR)
                        .requestMatchers(GET, "/api/holders/*/**")
                        .hasAnyRole(Roles.HOLDER, Roles.ISSUER, Roles.AUDITOR)
                        .requestMatchers(GET, "/api/tokens", "/api/tokens/*", "/api/tokens/*/provenance",
                                "/api/collateralization", "/api/collateralization/stream").authenticated()
                        .requestMatchers(GET, "/api/tokens/*/collateralization/history").authenticated()
                        .requestMatchers("/actuator/**").hasRole(Roles.AUDITOR)
                        .requestMatchers(POST, "/api/admin/projections/*/dead-letters/retry").hasRole(Roles.AUDITOR)
                        .requestMatchers(POST, "/api/admin/projections/replay", "/api/admin/projections/*/replay")
                        .hasRole(Roles.AUDITOR)
                        .requestMatchers(GET, "/api/admin/projections/replay", "/api/admin/projections/*/replay")
                        .hasRole(Roles.AUDITOR)
                        .requestMatchers(GET, "/api/audit/verification").hasRole(Roles.AUDITOR)
                        .requestMatchers(GET, "/api/audit/chain", "/api/audit/digest", "/api/audit/digest/verify")
                        .hasRole(Roles.AUDITOR)
                        .requestMatchers(POST, "/api/audit/digest/verify").hasRole(Roles.AUDITOR)
                        .requestMatchers(GET, "/api/audit/tokens/*/export").hasAnyRole(Roles.AUDITOR, Roles.ISSUER)
                        // Loans and governance polls: which holder may offer, accept or repay which loan, and who
                        // is a governance member, is decided by the Loan and GovernancePoll aggregates.
                        .requestMatchers(POST, "/api/loans", "/api/loans/*/accept", "/api/loans/*/repay")
                        .hasAnyRole(Roles.HOLDER, Roles.ISSUER)
                        .requestMatchers(GET, "/api/loans/*").hasAnyRole(Roles.HOLDER, Roles.ISSUER, Roles.AUDITOR)
                        .requestMatchers(POST, "/api/governance/polls", "/api/governance/polls/*/votes").authenticated()
                        .requestMatchers(GET, "/api/governance/polls", "/api/governance/polls/*",
                                "/api/governance/default-policy").authenticated()
                        .anyRequest().denyAll())
                .build();
    }

    private static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
