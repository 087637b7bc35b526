-- Several ledger nodes on one PostgreSQL (issue 7: scale-out).
--
-- Axon's RDBMS tuning advice, checked against V1: the global index comes from a dedicated sequence with
-- increment 1; payloads, metadata and tokens are BYTEA (no OID large objects); the indexes the guide names are
-- there: (aggregate_identifier, sequence_number) unique and event_identifier unique on the event table,
-- aggregate_identifier (the leading column of the primary key) and event_identifier unique on the snapshot
-- table, (processor_name, segment) on the token table. The ledger has no sagas. Nothing is missing there.
--
-- 1. The global index is taken at commit, not at insert.
-- A sequence value taken at insert becomes visible at commit: a transaction that holds its value for long
-- (a slow command, a stalled connection) leaves a gap below events that are already visible. Axon remembers the
-- gap in its token, but gives it up once an event above it is older than the gap timeout, or more than
-- maxGapOffset events lie above it; the slow transaction's events, committed after that, would never reach a
-- processor. Here a row is inserted without a position, and a deferred constraint trigger gives it the next
-- value of the sequence when its transaction commits. A transaction may then stay open as long as it likes: the
-- only window between taking a position and becoming visible is the commit itself (milliseconds), which the gap
-- timeout covers by orders of magnitude. Rows of one transaction get increasing positions in insert order, so a
-- series' events keep their order. A row without a position is never visible to another transaction (the trigger
-- always runs before the commit), and readers ask for global_index > n, which never matches NULL.
ALTER TABLE domain_event_entry DROP CONSTRAINT pk_domain_event_entry;
ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP DEFAULT;
ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP NOT NULL;
CREATE UNIQUE INDEX uk_domain_event_global_index ON domain_event_entry (global_index);
-- Logical replication needs a replica identity; the event identifier is unique and never null.
ALTER TABLE domain_event_entry REPLICA IDENTITY USING INDEX uk_domain_event_identifier;

CREATE FUNCTION domain_event_entry_position_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE domain_event_entry
       SET global_index = nextval('domain_event_entry_global_index_seq')
     WHERE event_identifier = NEW.event_identifier AND global_index IS NULL;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER domain_event_entry_position_at_commit
    AFTER INSERT ON domain_event_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_position_at_commit();

-- 2. The nodes of the cluster, each with its last sign of life: how many nodes share the projections' segments
-- (org.ctl.infra.cluster.SegmentBalancer). A node that stops writing here is gone after the claim timeout.
CREATE TABLE cluster_node (
    node_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
