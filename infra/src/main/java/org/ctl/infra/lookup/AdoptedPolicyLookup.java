package org.ctl.infra.lookup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.ctl.command.series.AdoptedDefaultPolicy;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.governance.poll.PollClosed;
import org.ctl.domain.governance.poll.PollOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The default policy adopted by the latest governance poll that adopted one, for the issuances that name no
 * policy: written by the subscribing processor of the write side's lookups in the transaction of the poll's
 * close (table {@code adopted_default_policy}, migration V8), so the next issuance sees it.
 */
@Component
@ProcessingGroup(WriteSideLookups.PROCESSING_GROUP)
public class AdoptedPolicyLookup implements AdoptedDefaultPolicy {

    private final JdbcTemplate jdbc;

    public AdoptedPolicyLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PollClosed event, @org.axonframework.eventhandling.Timestamp Instant closedAt) {
        if (event.outcome() != PollOutcome.ADOPTED) {
            return;
        }
        int updated = jdbc.update(
                "UPDATE adopted_default_policy SET policy = ?, poll_id = ?, adopted_at = ? WHERE id = 1",
                event.adopted().name(), event.pollId().value(), Timestamp.from(closedAt));
        if (updated == 0) {
            jdbc.update("INSERT INTO adopted_default_policy (id, policy, poll_id, adopted_at) VALUES (1, ?, ?, ?)",
                    event.adopted().name(), event.pollId().value(), Timestamp.from(closedAt));
        }
    }

    /** A policy adopted by a poll. */
    public record Adoption(GovernancePolicy policy, String pollId) {
    }

    @Override
    public Optional<GovernancePolicy> adopted() {
        return latest().map(Adoption::policy);
    }

    /** The latest adoption, with the poll that made it. */
    public Optional<Adoption> latest() {
        return jdbc.query("SELECT policy, poll_id FROM adopted_default_policy WHERE id = 1",
                (row, index) -> new Adoption(GovernancePolicy.valueOf(row.getString("policy")),
                        row.getString("poll_id"))).stream().findFirst();
    }
}
