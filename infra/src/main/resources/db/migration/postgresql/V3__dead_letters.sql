-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue) for the projections, on PostgreSQL:
-- BYTEA for the binary columns; otherwise the table and indexes of Axon's GenericDeadLetterTableFactory, same column types, in snake case as configured by
-- org.ctl.infra.axon.DeadLetterConfiguration#deadLetterSchema (Axon's default schema is camel case).
-- One row per parked event; a "sequence" is one series of one processing group, kept in order by
-- sequence_index. Timestamps are ISO-8601 text, as Axon writes them.

CREATE TABLE dead_letter_entry (
    dead_letter_identifier VARCHAR(255)  NOT NULL,
    processing_group       VARCHAR(255)  NOT NULL,
    sequence_identifier    VARCHAR(255)  NOT NULL,
    sequence_index         BIGINT        NOT NULL,
    message_type           VARCHAR(255)  NOT NULL,
    event_identifier       VARCHAR(255)  NOT NULL,
    time_stamp             VARCHAR(255)  NOT NULL,
    payload_type           VARCHAR(255)  NOT NULL,
    payload_revision       VARCHAR(255),
    payload                BYTEA         NOT NULL,
    meta_data              BYTEA,
    type                   VARCHAR(255),
    aggregate_identifier   VARCHAR(255),
    sequence_number        BIGINT,
    token_type             VARCHAR(255),
    token                  BYTEA,
    enqueued_at            VARCHAR(255)  NOT NULL,
    last_touched           VARCHAR(255),
    processing_started     VARCHAR(255),
    cause_type             VARCHAR(255),
    cause_message          VARCHAR(1023),
    diagnostics            BYTEA,
    CONSTRAINT pk_dead_letter_entry PRIMARY KEY (dead_letter_identifier),
    CONSTRAINT uk_dead_letter_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);

-- A group's letters (its size, its claimable sequences) and one sequence's letters (contains, next in line).
CREATE INDEX ix_dead_letter_processing_group ON dead_letter_entry (processing_group);
CREATE INDEX ix_dead_letter_sequence ON dead_letter_entry (processing_group, sequence_identifier);
