-- Settled accommodation is aggregated from this version on (issue 10; docs/metrics.md §7): each accommodation status
-- contributes its start on its date and, when a later status follows, its end on that one's date. A store with events
-- from before has none of them, so the aggregated families answer from their records again until a rebuild fills
-- them (docs/operations.md); an empty store's projection keeps them from its first event on.
UPDATE read_model_generation SET metric_aggregates = NOT EXISTS (SELECT 1 FROM domain_event_entry)
    WHERE read_model = 'journey-history';
