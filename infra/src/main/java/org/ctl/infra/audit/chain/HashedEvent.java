package org.ctl.infra.audit.chain;

import java.util.List;

/** A stored row with its event hash, computed by the thread that read it (so reading and chaining overlap). */
record HashedEvent(StoredEvent row, byte[] eventHash) {

    static List<HashedEvent> of(List<StoredEvent> rows) {
        EventHasher hasher = new EventHasher();
        return rows.stream().map(row -> new HashedEvent(row, hasher.eventHash(row))).toList();
    }

    long globalIndex() {
        return row.globalIndex();
    }
}
