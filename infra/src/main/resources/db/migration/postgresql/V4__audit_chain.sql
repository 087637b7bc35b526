-- The audit hash chain (tamper evidence), on PostgreSQL. One link per chained row of domain_event_entry, in global-index
-- order, written only by org.ctl.infra.audit.chain.LedgerChainer and never updated or deleted by the ledger.
-- event_hash:  SHA-256 over the canonical form of the stored row (see org.ctl.infra.audit.chain.EventHasher);
-- series_hash: SHA-256(previous series_hash of the same aggregate || event_hash), 32 zero bytes before the first;
-- ledger_hash: SHA-256(previous ledger_hash || event_hash) over every chained event, 32 zero bytes before the first.
-- ledger_position counts the chained events (0, 1, 2, ...): a link removed together with its event shows as a
-- jump. The table is a cache of what the event rows must hash to, not a second source of truth: the hashes can
-- always be recomputed from the event rows, and a digest kept outside the ledger checks both.

CREATE TABLE audit_chain_link (
    global_index         BIGINT       NOT NULL,
    ledger_position      BIGINT       NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_hash           BYTEA        NOT NULL,
    series_hash          BYTEA        NOT NULL,
    ledger_hash          BYTEA        NOT NULL,
    chained_at           VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_audit_chain_link PRIMARY KEY (global_index),
    CONSTRAINT uk_audit_chain_position UNIQUE (ledger_position),
    CONSTRAINT uk_audit_chain_event UNIQUE (event_identifier),
    CONSTRAINT uk_audit_chain_series UNIQUE (aggregate_identifier, sequence_number)
);
