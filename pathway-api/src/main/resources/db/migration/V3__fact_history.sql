-- Read model: every version of every fact, bitemporally. A version is valid in recorded time from recorded_from
-- (inclusive) to recorded_to (exclusive, NULL = still current). "As known at T" is
-- recorded_from <= T AND (recorded_to IS NULL OR recorded_to > T). Rebuilt from the events at will.
CREATE TABLE fact_version (
    fact_id          UUID         NOT NULL,
    version_no       INTEGER      NOT NULL,
    service_user_id  UUID         NOT NULL,
    fact_type        VARCHAR(80)  NOT NULL,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    occurred_on      DATE         NOT NULL,
    fact_values      JSONB        NOT NULL,
    recorded_from    TIMESTAMPTZ  NOT NULL,
    recorded_to      TIMESTAMPTZ,
    ended_by         VARCHAR(20),
    global_index     BIGINT       NOT NULL,
    PRIMARY KEY (fact_id, version_no)
);

CREATE INDEX fact_version_current ON fact_version (fact_type, occurred_on) WHERE recorded_to IS NULL;
CREATE INDEX fact_version_service_user ON fact_version (service_user_id);
