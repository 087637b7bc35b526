package org.ctl.infra.scaleout;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.ctl.infra.cluster.LedgerNode;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test only: a projection that records every event it applies, with the node that applied it, in the same
 * transaction as its token (table {@code handled_event}, test migration V69). Across the cluster it must hold each
 * stored event exactly once: no gap, no duplicate, whichever node died in between.
 *
 * <p>Not a component (the application scans {@code org.ctl}, also in other tests): the scale-out nodes add
 * {@link Registration} to their sources.
 */
@ProcessingGroup(HandledEventsProjection.GROUP)
public class HandledEventsProjection {

    public static final String GROUP = "handled-events";

    private final JdbcTemplate jdbc;
    private final LedgerNode node;

    HandledEventsProjection(JdbcTemplate jdbc, LedgerNode node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        jdbc.update("INSERT INTO handled_event (event_identifier, global_index, node_id) VALUES (?, ?, ?)",
                event.getIdentifier(), token.position().orElse(-1), node.id());
    }

    /** A source for SpringApplicationBuilder, deliberately not annotated (so no scan finds it). */
    public static class Registration {
        @Bean
        HandledEventsProjection handledEventsProjection(JdbcTemplate jdbc, LedgerNode node) {
            return new HandledEventsProjection(jdbc, node);
        }
    }
}
