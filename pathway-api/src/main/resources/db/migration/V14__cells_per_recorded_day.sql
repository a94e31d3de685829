-- The metric cells again per recorded day (UTC), beside metric_cell's recorded months (issue 10; docs/architecture.md,
-- "Metric aggregates"). An answer as at T reads metric_cell's recorded months before T's, the cells of T's month's
-- days before T's day from here, and only T's own day up to T from metric_contribution: its cost follows the cells
-- of at most a month of recorded days, not every change recorded in T's month (at 10 M events as at the middle of
-- the history, 18 days of changes read row by row were three quarters of an as-at answer of bed days).
-- Ordered by recorded day first: an as-at answer reads a few days of it for every anchor month of its period.
CREATE TABLE metric_cell_day (
    family          VARCHAR(40)  NOT NULL,
    breakdown       VARCHAR(40)  NOT NULL,
    group_key       TEXT         NOT NULL,
    anchor_month    DATE         NOT NULL,
    recorded_on     DATE         NOT NULL,
    v1              INTEGER      NOT NULL,
    v2              INTEGER      NOT NULL,
    n               BIGINT       NOT NULL,
    s               BIGINT       NOT NULL,
    PRIMARY KEY (family, breakdown, recorded_on, anchor_month, group_key, v1, v2)
);

-- A store with events has no cells per day yet: the aggregated families answer from their records again until a
-- rebuild fills them (docs/operations.md); an empty store's projection keeps them from its first event on.
UPDATE read_model_generation SET metric_aggregates = NOT EXISTS (SELECT 1 FROM domain_event_entry)
    WHERE read_model = 'journey-history';
