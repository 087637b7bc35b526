-- Read models of loans and governance polls, owned by the query module. Same plain SQL as V2 (H2 and PostgreSQL).
--   loan-book: loan_view
--   polls:     poll_view, poll_vote

-- Group "loan-book": one row per loan, its terms and where it stands.
CREATE TABLE loan_view (
    loan_id           VARCHAR(64)              NOT NULL,
    lender            VARCHAR(64)              NOT NULL,
    borrower          VARCHAR(64)              NOT NULL,
    lent_token        VARCHAR(64)              NOT NULL,
    lent_amount       BIGINT                   NOT NULL,
    collateral_token  VARCHAR(64)              NOT NULL,
    collateral_amount BIGINT                   NOT NULL,
    due_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    cause             VARCHAR(255),
    offered_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_loan_view PRIMARY KEY (loan_id),
    CONSTRAINT ck_loan_view_amounts CHECK (lent_amount > 0 AND collateral_amount > 0)
);
-- A holder's loans, as lender and as borrower.
CREATE INDEX ix_loan_view_lender ON loan_view (lender, status);
CREATE INDEX ix_loan_view_borrower ON loan_view (borrower, status);

-- Group "polls": one row per poll; the tally counts each member's current vote.
CREATE TABLE poll_view (
    poll_id       VARCHAR(64)              NOT NULL,
    opened_by     VARCHAR(64)              NOT NULL,
    opened_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    closes_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    quorum        INT                      NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    hard_stop     INT                      NOT NULL,
    graceful_exit INT                      NOT NULL,
    hybrid        INT                      NOT NULL,
    outcome       VARCHAR(16),
    adopted       VARCHAR(32),
    CONSTRAINT pk_poll_view PRIMARY KEY (poll_id)
);

-- Group "polls": each member's current vote in a poll (a changed vote replaces the row's policy).
CREATE TABLE poll_vote (
    poll_id VARCHAR(64)              NOT NULL,
    member  VARCHAR(64)              NOT NULL,
    policy  VARCHAR(32)              NOT NULL,
    cast_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_poll_vote PRIMARY KEY (poll_id, member),
    CONSTRAINT fk_poll_vote_poll FOREIGN KEY (poll_id) REFERENCES poll_view (poll_id)
);
