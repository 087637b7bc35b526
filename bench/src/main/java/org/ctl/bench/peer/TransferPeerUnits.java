package org.ctl.bench.peer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves {@code amount} units of a series from one holder to another, under an id of its own. */
public record TransferPeerUnits(@TargetAggregateIdentifier String seriesId, String transferId, String from,
                                String to, long amount) {
}
