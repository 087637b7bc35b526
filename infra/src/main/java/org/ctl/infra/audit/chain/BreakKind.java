package org.ctl.infra.audit.chain;

/** What the audit found where a chain breaks, as far as the rows and the stored links let it tell. */
public enum BreakKind {
    /** The row stands where it was chained but its stored content (any hashed column) changed. */
    EDITED,
    /** A chained event is no longer stored (with or without its link). */
    DELETED,
    /** A row the chain never saw stands inside the chained history. */
    INSERTED,
    /** A chained event stands at another place than where it was chained (global index or sequence). */
    REORDERED,
    /** The event is as chained, but the stored chain hash does not follow from its predecessors: the chain table
     * itself was edited. */
    CHAIN_ALTERED
}
