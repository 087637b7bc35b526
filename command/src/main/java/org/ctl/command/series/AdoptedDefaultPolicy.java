package org.ctl.command.series;

import java.util.Optional;
import org.ctl.domain.governance.GovernancePolicy;

/** The default policy adopted by the latest governance poll that adopted one (none before the first). */
@FunctionalInterface
public interface AdoptedDefaultPolicy {

    Optional<GovernancePolicy> adopted();
}
