-- What a metric query reads, answered from index entries alone (an index-only scan), never from the wide rows and
-- their JSON: the ids and versions of the spells and placements that overlap a window, as known at any recorded
-- time, and the typed values of the facts of one type in a range of dates. A window is asked as
-- "ends on or after its first day, starts on or before its last" (an open record ends at infinity), so the scan
-- starts at the window and reads on only into the time after it, not into the years before it. Found by
-- `./bench.sh scale` (issue 10, docs/performance.md): the spell query read every version of the history, the
-- contact query a heap page per contact.
-- The current versions (the answer "as known now") have an index of their own, so that a query of now reads no
-- version that was later corrected; the other reads every version, for answers as at a past recorded time. The
-- dates are included as such too: PostgreSQL reads an index alone only when it holds every column the query names.
CREATE INDEX spell_version_window ON spell_version ((COALESCE(discharged_on, 'infinity'::date)))
    INCLUDE (admitted_on, discharged_on, spell_id, version_no) WHERE recorded_to IS NULL;
CREATE INDEX spell_version_window_known ON spell_version ((COALESCE(discharged_on, 'infinity'::date)))
    INCLUDE (admitted_on, discharged_on, recorded_from, recorded_to, spell_id, version_no);

CREATE INDEX placement_version_window ON placement_version ((COALESCE(ended_on, 'infinity'::date)))
    INCLUDE (started_on, ended_on, placement_id, version_no) WHERE recorded_to IS NULL;
CREATE INDEX placement_version_window_known ON placement_version ((COALESCE(ended_on, 'infinity'::date)))
    INCLUDE (started_on, ended_on, recorded_from, recorded_to, placement_id, version_no);

DROP INDEX fact_version_type_date;
CREATE INDEX fact_version_type_date ON fact_version (fact_type, occurred_on)
    INCLUDE (recorded_from, recorded_to, fact_id, service_user_id, first_index, attended, contact_medium,
             settled_indicator, accommodation_type);
