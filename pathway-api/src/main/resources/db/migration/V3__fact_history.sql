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
    first_index      BIGINT       NOT NULL,
    PRIMARY KEY (fact_id, version_no)
);

CREATE INDEX fact_version_type_date ON fact_version (fact_type, occurred_on);
CREATE INDEX fact_version_service_user ON fact_version (service_user_id);

-- Derived read model: each hospital spell as known at each recorded time, with its ward stays, delay periods,
-- leave and legal status periods (detail, JSON), derived from the facts valid in that interval.
CREATE TABLE spell_version (
    spell_id         UUID         NOT NULL,
    version_no       INTEGER      NOT NULL,
    service_user_id  UUID         NOT NULL,
    admitted_on      DATE         NOT NULL,
    discharged_on    DATE,
    detail           JSONB        NOT NULL,
    recorded_from    TIMESTAMPTZ  NOT NULL,
    recorded_to      TIMESTAMPTZ,
    PRIMARY KEY (spell_id, version_no)
);

CREATE INDEX spell_version_admitted ON spell_version (admitted_on);
CREATE INDEX spell_version_discharged ON spell_version (discharged_on);
CREATE INDEX spell_version_service_user ON spell_version (service_user_id);

-- Derived read model: each step-down housing placement as known at each recorded time.
CREATE TABLE placement_version (
    placement_id     UUID         NOT NULL,
    version_no       INTEGER      NOT NULL,
    service_user_id  UUID         NOT NULL,
    started_on       DATE         NOT NULL,
    ended_on         DATE,
    detail           JSONB        NOT NULL,
    recorded_from    TIMESTAMPTZ  NOT NULL,
    recorded_to      TIMESTAMPTZ,
    PRIMARY KEY (placement_id, version_no)
);

CREATE INDEX placement_version_started ON placement_version (started_on);
CREATE INDEX placement_version_service_user ON placement_version (service_user_id);
