-- The query side's read models, owned by the query module (V1, the event store, is infra's).
-- Each table belongs to exactly one processing group, which alone writes it and empties it on reset:
--   series:     series_summary, market_price
--   balances:   balance_series, holding
--   provenance: provenance_entry, provenance_party
-- Plain SQL on purpose (BIGINT, VARCHAR, NUMERIC, TIMESTAMP WITH TIME ZONE), so that the same script also
-- runs on PostgreSQL. Ids are at most 64 characters (org.ctl.domain.shared.Identifier); money and prices are
-- exact decimals with 18 places, the most an input price may have.

-- Group "series": one row per series, its supply and status; pricing is computed at query time.
CREATE TABLE series_summary (
    token_id                VARCHAR(64)              NOT NULL,
    issuer                  VARCHAR(64)              NOT NULL,
    compute_unit            VARCHAR(64)              NOT NULL,
    status                  VARCHAR(32)              NOT NULL,
    policy                  VARCHAR(32)              NOT NULL,
    issued                  BIGINT                   NOT NULL,
    outstanding             BIGINT                   NOT NULL,
    burned                  BIGINT                   NOT NULL,
    collateral_id           VARCHAR(64)              NOT NULL,
    collateral_unit         VARCHAR(64)              NOT NULL,
    qubits                  BIGINT                   NOT NULL,
    price_per_compute_right NUMERIC(48, 18)          NOT NULL,
    qubit_price             NUMERIC(48, 18)          NOT NULL,
    verified_by             VARCHAR(64),
    issued_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence           BIGINT                   NOT NULL,
    CONSTRAINT pk_series_summary PRIMARY KEY (token_id),
    CONSTRAINT ck_series_summary_supply CHECK (outstanding >= 0 AND burned >= 0 AND issued = outstanding + burned)
);
-- A published price finds the series it moves by their compute unit or their collateral unit.
CREATE INDEX ix_series_summary_compute_unit ON series_summary (compute_unit);
CREATE INDEX ix_series_summary_collateral_unit ON series_summary (collateral_unit);

-- Group "series": the latest published price of each feed (kind COMPUTE or COLLATERAL, and unit).
CREATE TABLE market_price (
    kind          VARCHAR(16)              NOT NULL,
    unit          VARCHAR(64)              NOT NULL,
    price         NUMERIC(48, 18)          NOT NULL,
    price_id      VARCHAR(64)              NOT NULL,
    published_by  VARCHAR(64)              NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    feed_sequence BIGINT                   NOT NULL,
    CONSTRAINT pk_market_price PRIMARY KEY (kind, unit)
);

-- Group "balances": what the balances need to know of each series (its own copy, so that it never waits for
-- another group), and the sequence number of the series' last event applied to the holdings.
CREATE TABLE balance_series (
    token_id                VARCHAR(64)     NOT NULL,
    compute_unit            VARCHAR(64)     NOT NULL,
    price_per_compute_right NUMERIC(48, 18) NOT NULL,
    status                  VARCHAR(32)     NOT NULL,
    last_sequence           BIGINT          NOT NULL,
    CONSTRAINT pk_balance_series PRIMARY KEY (token_id)
);

-- Group "balances": one row per series and holder with units; a row whose units reach zero is deleted.
CREATE TABLE holding (
    token_id  VARCHAR(64) NOT NULL,
    holder_id VARCHAR(64) NOT NULL,
    available BIGINT      NOT NULL,
    pledged   BIGINT      NOT NULL,
    CONSTRAINT pk_holding PRIMARY KEY (token_id, holder_id),
    CONSTRAINT ck_holding_units CHECK (available >= 0 AND pledged >= 0)
);
-- A holder's portfolio, series ordered by id (the primary key serves a series' balances, ordered by holder).
CREATE INDEX ix_holding_holder ON holding (holder_id, token_id);

-- Group "provenance": one row per event of a series, in the series' own order.
CREATE TABLE provenance_entry (
    token_id        VARCHAR(64)              NOT NULL,
    sequence_number BIGINT                   NOT NULL,
    event_id        VARCHAR(255)             NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    kind            VARCHAR(32)              NOT NULL,
    actor           VARCHAR(64),
    from_holder     VARCHAR(64),
    to_holder       VARCHAR(64),
    amount          BIGINT,
    reference       VARCHAR(64),
    detail          VARCHAR(4000),
    CONSTRAINT pk_provenance_entry PRIMARY KEY (token_id, sequence_number),
    CONSTRAINT uk_provenance_entry_event UNIQUE (event_id)
);

-- Group "provenance": every holder that gave or received units in an entry (both sides of a transfer or a
-- pledge, the burner, every claimant of a wind-up), so that a holder's history is one indexed range.
CREATE TABLE provenance_party (
    holder_id       VARCHAR(64)              NOT NULL,
    token_id        VARCHAR(64)              NOT NULL,
    sequence_number BIGINT                   NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_provenance_party PRIMARY KEY (holder_id, token_id, sequence_number),
    CONSTRAINT fk_provenance_party_entry FOREIGN KEY (token_id, sequence_number)
        REFERENCES provenance_entry (token_id, sequence_number)
);
-- A holder's history in the order it happened.
CREATE INDEX ix_provenance_party_order ON provenance_party (holder_id, occurred_at, token_id, sequence_number);
-- The foreign key's own lookups (deleting or checking an entry).
CREATE INDEX ix_provenance_party_entry ON provenance_party (token_id, sequence_number);
