-- Read model: the open data-quality questions of every journey as currently known (docs/architecture.md, "Rules
-- judged on clinical intervals"): what the record accepted because it is incomplete or unusual, not impossible.
-- Kept by the journey-history projection, replaced whole for a journey when its questions change; rebuilt from the
-- events with the other read models.
CREATE TABLE data_quality_question (
    service_user_id     UUID          NOT NULL,
    question_no         INTEGER       NOT NULL,
    community_team      TEXT,
    code                VARCHAR(40)   NOT NULL,
    fact_id             UUID          NOT NULL,
    occurred_at         TIMESTAMPTZ   NOT NULL,
    detail              TEXT          NOT NULL,
    resolved_by         VARCHAR(60)   NOT NULL,
    resolved_by_target  UUID,
    related_fact_id     UUID,
    spell_id            UUID,
    PRIMARY KEY (service_user_id, question_no)
);

CREATE INDEX data_quality_question_team ON data_quality_question (community_team, occurred_at);
