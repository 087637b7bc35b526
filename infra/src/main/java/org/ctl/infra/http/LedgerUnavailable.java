package org.ctl.infra.http;

/** The ledger could not answer in time: a command or a projection took longer than its bound. */
public class LedgerUnavailable extends RuntimeException {

    private final String code;

    public LedgerUnavailable(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
