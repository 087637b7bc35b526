package org.ctl.infra.principal;

import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * For Java users of the {@code CommandGateway}: runs a piece of code as an authenticated principal, so that
 * the commands it sends carry that principal (see {@link PrincipalMetaData}). In-process code is trusted to
 * name its principal; remote callers authenticate through HTTP instead.
 */
public final class ActingAs {

    private ActingAs() {
    }

    public static <T> T call(String principal, Callable<T> work) throws Exception {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return work.call();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Runs {@code work} as {@code principal}; its unchecked exceptions (a refusal, say) pass through as they are. */
    public static <T> T run(String principal, java.util.function.Supplier<T> work) {
        try {
            return call(principal, work::get);
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception impossible) {
            throw new IllegalStateException("a supplier threw a checked exception", impossible);
        }
    }
}
