-- The metric cells' sums the live projection wrote since they were last folded into the cell tables (CellFolder):
-- per contribution without its spell, anchor date as the cells sum it (the day for a family with cells per day,
-- else the month), recorded day in UTC, with the count (n) and the summed value (s, already multiplied by n).
-- Each projection batch appends its sums here, one row per sum and no index, instead of adding each to
-- metric_cell_day, metric_cell and metric_cell_total (about six cells per event in each, half of PostgreSQL's time
-- under load, docs/performance.md); the folder moves them into the three tables every second, in one transaction
-- per chunk, and an answer adds what is still here to the cells it reads (AggregateRepository).
CREATE TABLE metric_cell_pending (
    family       VARCHAR(40)  NOT NULL,
    anchor_on    DATE         NOT NULL,
    k1           TEXT         NOT NULL,
    k2           TEXT         NOT NULL,
    k3           TEXT         NOT NULL,
    k4           TEXT         NOT NULL,
    k5           TEXT         NOT NULL,
    v1           INTEGER      NOT NULL,
    v2           INTEGER      NOT NULL,
    recorded_on  DATE         NOT NULL,
    n            BIGINT       NOT NULL,
    s            BIGINT       NOT NULL
);
