package org.ctl.infra.dashboard;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dashboard/session}: who is signed in to the dashboard, with which roles, the CSRF token its logout
 * form needs, and the alert threshold its pages colour the ratios against.
 */
@RestController
public class DashboardSessionController {

    private final BigDecimal alertThreshold;

    public DashboardSessionController(@Value("${ctl.pricing.alert-threshold:1.0}") BigDecimal alertThreshold) {
        this.alertThreshold = alertThreshold;
    }

    /** The signed-in principal as the dashboard's script sees it. */
    public record DashboardSession(String principal, List<String> roles, String csrfParameter, String csrfToken,
                                   String alertThreshold) {
    }

    @GetMapping("/dashboard/session")
    DashboardSession session(Authentication principal, CsrfToken csrf) {
        List<String> roles = principal.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .sorted().toList();
        return new DashboardSession(principal.getName(), roles, csrf.getParameterName(), csrf.getToken(),
                alertThreshold.toPlainString());
    }
}
