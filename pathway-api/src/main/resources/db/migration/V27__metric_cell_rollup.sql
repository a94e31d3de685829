-- How far the per-month and all-time metric cells (metric_cell, metric_cell_total) hold the per-day ones
-- (metric_cell_day): they hold exactly the day cells recorded on or before `through`. The folder (CellFolder) adds a
-- sum recorded after it to metric_cell_day alone, one upsert instead of three (the cell upserts were most of
-- PostgreSQL's time during an import, docs/performance.md), and once a day is over rolls it up: its day cells added
-- to the other two and `through` moved on, in one transaction. Answers add the day cells after `through`
-- (AggregateRepository). No row: the other two hold none of the day cells (an emptied read model).
CREATE TABLE metric_cell_rollup (
    through DATE NOT NULL
);

-- until now every cell was written to all three tables
INSERT INTO metric_cell_rollup (through)
SELECT max(recorded_on) FROM metric_cell_day HAVING max(recorded_on) IS NOT NULL;
