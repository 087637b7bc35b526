package org.ctl.infra.governance;

import java.util.stream.Collectors;
import org.ctl.domain.governance.poll.GovernanceMembers;
import org.ctl.domain.shared.HolderId;
import org.ctl.infra.config.GovernanceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The governance members as the bean Axon injects into the poll's command handlers. */
@Configuration(proxyBeanMethods = false)
public class GovernanceConfiguration {

    @Bean
    GovernanceMembers governanceMembers(GovernanceProperties properties) {
        return new GovernanceMembers(properties.members().stream().map(HolderId::of).collect(Collectors.toSet()),
                properties.effectiveQuorum());
    }
}
