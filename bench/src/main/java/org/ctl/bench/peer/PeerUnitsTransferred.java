package org.ctl.bench.peer;

public record PeerUnitsTransferred(String seriesId, String transferId, String from, String to, long amount) {
}
