package org.ctl.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.ctl.infra.http.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-principal rate limiting: each signed-in principal (and each anonymous client address) gets
 * {@code ctl.http.rate-limit.requests-per-second} requests a second; one more answers 429 problem details
 * with code {@code RATE_LIMITED} and a {@code Retry-After} header, and reaches nothing of the ledger.
 */
public class PrincipalRateLimit extends OncePerRequestFilter {

    public static final String RATE_LIMITED = "RATE_LIMITED";

    private final RateLimiterRegistry limiters;
    private final ObjectMapper json;

    public PrincipalRateLimit(int requestsPerSecond, ObjectMapper json) {
        if (requestsPerSecond < 1) {
            throw new IllegalStateException("ctl.http.rate-limit.requests-per-second must be at least 1, was "
                    + requestsPerSecond);
        }
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (limiters.rateLimiter(clientKey(request)).acquirePermission()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", "1");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED,
                "too many requests from this principal; retry after a second"));
    }

    private static String clientKey(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return "anonymous@" + request.getRemoteAddr();
        }
        return "principal:" + authentication.getName();
    }
}
