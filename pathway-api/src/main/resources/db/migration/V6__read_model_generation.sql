-- Which generation of a read model's tables is live. A rebuild fills new tables beside the live ones and switches
-- them in under one transaction that also moves this on, so every node drops what it kept from the old ones
-- (docs/architecture.md, "Rebuilding while serving").
CREATE TABLE read_model_generation (
    read_model   VARCHAR(80)  PRIMARY KEY,
    generation   BIGINT       NOT NULL,
    switched_at  TIMESTAMPTZ,
    switched_by  TEXT
);

INSERT INTO read_model_generation (read_model, generation) VALUES ('journey-history', 1);

-- The rebuild that runs or ran last, for every node to report: one row per read model.
CREATE TABLE read_model_rebuild (
    read_model        VARCHAR(80)  PRIMARY KEY,
    state             VARCHAR(20)  NOT NULL,
    started_at        TIMESTAMPTZ  NOT NULL,
    started_by        TEXT         NOT NULL,
    node              TEXT         NOT NULL,
    events_total      BIGINT       NOT NULL,
    events_processed  BIGINT       NOT NULL,
    finished_at       TIMESTAMPTZ,
    failure           TEXT,
    heartbeat_at      TIMESTAMPTZ  NOT NULL
);
