-- The provenance tables keep only the indexes their queries and their projection use. Every index of a table is
-- written for each row inserted, and on H2 every commit then stores each index page it changed: with holders and
-- series spread over the whole key range, each index costs about one page per row of a committed batch.
--   provenance_entry: the unique event id was never read (an event's entry is found by series and sequence number,
--     which the primary key keeps unique; the projection records each sequence number once).
--   provenance_party: a holder's history is read by holder in the order it happened, which the primary key now
--     serves itself (an entry's time follows from its series and sequence number, so the key stays as unique as
--     before); the foreign key to the entries and its index served only deletes of single entries, which never
--     happen (a reset empties both tables).
-- Written to run again on a schema that has it already (as IdempotentCommandIdTest's upgrade does).
ALTER TABLE provenance_entry DROP CONSTRAINT IF EXISTS uk_provenance_entry_event;
ALTER TABLE provenance_party DROP CONSTRAINT IF EXISTS fk_provenance_party_entry;
DROP INDEX IF EXISTS ix_provenance_party_entry;
ALTER TABLE provenance_party DROP CONSTRAINT IF EXISTS pk_provenance_party;
DROP INDEX IF EXISTS ix_provenance_party_order;
ALTER TABLE provenance_party ADD CONSTRAINT pk_provenance_party
    PRIMARY KEY (holder_id, occurred_at, token_id, sequence_number);
