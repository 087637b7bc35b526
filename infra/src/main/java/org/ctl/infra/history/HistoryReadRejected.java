package org.ctl.infra.history;

/** A historical read that cannot be answered as asked: a 400 problem with one of the codes below. */
public class HistoryReadRejected extends RuntimeException {

    /** {@code asOf} is neither a global sequence nor an ISO-8601 instant. */
    public static final String MALFORMED_AS_OF = "MALFORMED_AS_OF";
    /** {@code asOf} names a moment the ledger has not reached yet: its answer could still change. */
    public static final String AS_OF_IN_FUTURE = "AS_OF_IN_FUTURE";

    private final String code;

    public HistoryReadRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
