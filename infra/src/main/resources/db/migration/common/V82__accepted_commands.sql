-- Every command each series accepted, under its key (kind and id, e.g. 'transfer:t-1'): the content its id stands
-- for and the sequence number of the last event it caused. A series keeps only its most recent accepted commands
-- and asks this table about an older id (org.ctl.command.series.AcceptedCommandLog). Written in the same
-- transaction as the events; the primary key refuses a command id accepted twice by one series.
CREATE TABLE accepted_command (
    token_id        VARCHAR(64)   NOT NULL,
    command_key     VARCHAR(80)   NOT NULL,
    content         VARCHAR(1024) NOT NULL,
    sequence_number BIGINT        NOT NULL,
    PRIMARY KEY (token_id, command_key)
);
