package org.ctl.infra.scaleout;

import org.ctl.infra.support.HttpLedgerClient;

/** A ledger node of a scale-out test, in this JVM or in a process of its own, as its HTTP clients see it. */
interface Node {

    String name();

    /** A client signed in as {@code principal} (password: the principal's name + {@code -secret}). */
    HttpLedgerClient as(String principal);
}
