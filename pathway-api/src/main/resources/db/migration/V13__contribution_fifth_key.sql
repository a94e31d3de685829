-- A fifth breakdown key for the aggregated families (issue 10): out-of-area placements break down by inappropriate /
-- other, reason, receiving provider, setting group and setting (docs/metrics.md §4). The two indexes that answer the
-- partial months and the as-at month from index entries alone carry it too.
ALTER TABLE metric_contribution ADD COLUMN k5 TEXT NOT NULL DEFAULT '';
DROP INDEX metric_contribution_recorded;
CREATE INDEX metric_contribution_recorded ON metric_contribution (family, recorded_at)
    INCLUDE (anchor_on, k1, k2, k3, k4, k5, v1, v2, s, n);
DROP INDEX metric_contribution_anchor;
CREATE INDEX metric_contribution_anchor ON metric_contribution (family, anchor_on, spell_id)
    INCLUDE (recorded_at, k1, k2, k3, k4, k5, v1, v2, s, n);

-- Out-of-area placements are aggregated from this version on: a store with events from before has none of their
-- contributions, so the aggregated families answer from their records again until a rebuild fills them
-- (docs/operations.md); an empty store's projection keeps them from its first event on.
UPDATE read_model_generation SET metric_aggregates = NOT EXISTS (SELECT 1 FROM domain_event_entry)
    WHERE read_model = 'journey-history';
