package org.ctl.bench.peer;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a series with its holders' balances. */
public record IssuePeerSeries(@TargetAggregateIdentifier String seriesId, Map<String, Long> balances) {
}
