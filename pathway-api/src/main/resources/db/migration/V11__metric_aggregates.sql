-- Bitemporal aggregates of the metric families whose figures are counts, sums and integer-day histograms of
-- records anchored on one date (issue 10; docs/architecture.md, "Metric aggregates"). Kept by the journey-history
-- projection and built by the bulk rebuild, with the journeys' versions, in the same transactions.
--
-- metric_contribution: every change of what a record contributes to a family, as it was learnt. When a spell's
-- contribution changes at recorded time R, the old one is written with n = -1 and the new one with n = +1, both at
-- R; "as known at T" is the sum of the rows recorded at or before T. Insert-only. The k columns hold the record's
-- breakdown keys in the family's order (Aggregated.keyed()), v1/v2 its integer values, s a summed value.
CREATE TABLE metric_contribution (
    family       VARCHAR(40)  NOT NULL,
    anchor_on    DATE         NOT NULL,
    k1           TEXT         NOT NULL,
    k2           TEXT         NOT NULL,
    k3           TEXT         NOT NULL,
    k4           TEXT         NOT NULL,
    v1           INTEGER      NOT NULL,
    v2           INTEGER      NOT NULL,
    s            BIGINT       NOT NULL,
    n            SMALLINT     NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    spell_id     UUID         NOT NULL
);
-- the changes recorded in a stretch of recorded time (the part of an as-at answer after its last whole month) and
-- the records of a stretch of days (the part of a period that is not whole months), from index entries alone
CREATE INDEX metric_contribution_recorded ON metric_contribution (family, recorded_at)
    INCLUDE (anchor_on, k1, k2, k3, k4, v1, v2, s, n);
CREATE INDEX metric_contribution_anchor ON metric_contribution (family, anchor_on)
    INCLUDE (recorded_at, k1, k2, k3, k4, v1, v2, s, n);

-- metric_cell: the same changes summed per family, breakdown ('' = the whole population) and its key, month of the
-- anchor date, month of the recorded time (UTC) and values. The answer now is the sum of a family's cells of the
-- period's months; as at T, the cells of the recorded months before T's, plus T's month from metric_contribution.
CREATE TABLE metric_cell (
    family          VARCHAR(40)  NOT NULL,
    breakdown       VARCHAR(40)  NOT NULL,
    group_key       TEXT         NOT NULL,
    anchor_month    DATE         NOT NULL,
    recorded_month  DATE         NOT NULL,
    v1              INTEGER      NOT NULL,
    v2              INTEGER      NOT NULL,
    n               BIGINT       NOT NULL,
    s               BIGINT       NOT NULL,
    PRIMARY KEY (family, breakdown, anchor_month, recorded_month, group_key, v1, v2)
);

-- Whether the live generation's aggregates hold the whole store: true where the store is empty (the projection
-- keeps them from the first event on), else false until a rebuild fills them; until then the families answer from
-- their records, as before (docs/operations.md).
ALTER TABLE read_model_generation ADD COLUMN metric_aggregates BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE read_model_generation SET metric_aggregates = NOT EXISTS (SELECT 1 FROM domain_event_entry)
    WHERE read_model = 'journey-history';
