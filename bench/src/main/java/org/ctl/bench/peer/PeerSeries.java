package org.ctl.bench.peer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The peer's series: the shape of the ledger's {@code TokenSeries} for a transfer — balances per holder, the ids
 * of accepted transfers (a repeat appends nothing), a refused overdraft — with Axon's defaults: no cache, no
 * snapshots.
 */
@Aggregate
public class PeerSeries {

    @AggregateIdentifier
    private String seriesId;
    private final Map<String, Long> balances = new HashMap<>();
    private final Set<String> transferIds = new HashSet<>();

    protected PeerSeries() {
    }

    @CommandHandler
    public PeerSeries(IssuePeerSeries command) {
        apply(new PeerSeriesIssued(command.seriesId(), command.balances()));
    }

    @CommandHandler
    public long handle(TransferPeerUnits command) {
        if (transferIds.contains(command.transferId())) {
            return AggregateLifecycle.getVersion();
        }
        if (command.from().equals(command.to())) {
            throw new IllegalArgumentException("cannot transfer to oneself");
        }
        if (balances.getOrDefault(command.from(), 0L) < command.amount()) {
            throw new IllegalStateException(command.from() + " holds too few units");
        }
        apply(new PeerUnitsTransferred(seriesId, command.transferId(), command.from(), command.to(),
                command.amount()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(PeerSeriesIssued event) {
        seriesId = event.seriesId();
        balances.putAll(event.balances());
    }

    @EventSourcingHandler
    void on(PeerUnitsTransferred event) {
        transferIds.add(event.transferId());
        balances.merge(event.from(), -event.amount(), Long::sum);
        balances.merge(event.to(), event.amount(), Long::sum);
    }
}
