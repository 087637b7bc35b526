package org.ctl.infra.principal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.ctl.domain.shared.ActingPrincipal;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one place where the acting principal enters a command: every command dispatched on the command bus,
 * from HTTP or from Java, gets the name of the principal authenticated in Spring Security's context of the
 * sending thread under {@link ActingPrincipal#METADATA_KEY}, replacing whatever the sender put there. A
 * command sent without an authenticated principal carries none, and the aggregates refuse it.
 */
public class PrincipalMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        String principal = currentPrincipal();
        return (index, command) -> {
            var metaData = command.getMetaData().withoutKeys(Set.of(ActingPrincipal.METADATA_KEY));
            CommandMessage<?> stripped = command.withMetaData(metaData);
            return principal == null ? stripped : stripped.andMetaData(Map.of(ActingPrincipal.METADATA_KEY, principal));
        };
    }

    private static String currentPrincipal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }
}
