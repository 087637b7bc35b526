package org.ctl.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where the API's chain finds a signed-in principal besides HTTP Basic: the dashboard's session, for GET and HEAD
 * only. It never creates or writes a session. A command (POST) carrying only the session cookie is
 * unauthenticated, so the API needs no CSRF token while the dashboard's sign-in is a cookie.
 */
final class SessionForReads implements SecurityContextRepository {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final HttpSessionSecurityContextRepository session = new HttpSessionSecurityContextRepository();

    /** The API's repository: the request's own context (HTTP Basic), else the session's for a read. */
    static SecurityContextRepository forApi() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new SessionForReads());
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return session.loadDeferredContext(request);
        }
        return new DeferredSecurityContext() {
            @Override
            public SecurityContext get() {
                return SecurityContextHolder.createEmptyContext();
            }

            @Override
            public boolean isGenerated() {
                return true;
            }
        };
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        // The API never writes a session.
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod()) && session.containsContext(request);
    }
}
