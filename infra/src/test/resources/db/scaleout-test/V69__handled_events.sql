-- Test only (ScaleOutTest): one row per event per application of the test projection "handled-events", with the
-- node that applied it. No unique key on purpose: an event applied twice shows as two rows instead of failing.
CREATE TABLE handled_event (
    event_identifier VARCHAR(255) NOT NULL,
    global_index     BIGINT       NOT NULL,
    node_id          VARCHAR(255) NOT NULL
);
