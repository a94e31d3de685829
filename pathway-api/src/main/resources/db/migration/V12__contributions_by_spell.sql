-- The drill-down of an aggregated family pages its records straight from metric_contribution (issue 10;
-- docs/architecture.md, "Metric aggregates"): the spells whose changes anchored in the period add up to a record as
-- known at a time, in (anchor date, spell) order, read from index entries in that order and stopped at the page's
-- end. The anchor index gains the spell as its third column; it still serves the partial months of an answer.
DROP INDEX metric_contribution_anchor;
CREATE INDEX metric_contribution_anchor ON metric_contribution (family, anchor_on, spell_id)
    INCLUDE (recorded_at, k1, k2, k3, k4, v1, v2, s, n);
