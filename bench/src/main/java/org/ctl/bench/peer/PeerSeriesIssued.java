package org.ctl.bench.peer;

import java.util.Map;

public record PeerSeriesIssued(String seriesId, Map<String, Long> balances) {
}
