-- Identity of service users: the only place that holds identifying personal data. Events carry only the internal
-- id, so a person can be erased or pseudonymised here without touching the append-only event stream.
CREATE TABLE service_user_identity (
    service_user_id  UUID         PRIMARY KEY,
    nhs_number       CHAR(10)     UNIQUE,
    local_identifier VARCHAR(64),
    given_name       VARCHAR(200),
    family_name      VARCHAR(200),
    date_of_birth    DATE,
    postcode         VARCHAR(10),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Results of commands sent with an Idempotency-Key: a retry returns the stored result and appends nothing.
-- The row is written in the same transaction as the events it stands for.
CREATE TABLE command_idempotency (
    idempotency_key  VARCHAR(200) PRIMARY KEY,
    request_hash     CHAR(64)     NOT NULL,
    status           INTEGER,
    location         TEXT,
    etag             VARCHAR(40),
    response         TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
