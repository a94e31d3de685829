-- The drill-down of an aggregated family whose records are not one contribution each (bed days, delayed discharge,
-- out-of-area placements, step-down, time in the community, settled accommodation) pages by service user (issue 10;
-- docs/architecture.md, "Metric aggregates"): the next people, in uuid order, with versions in the period's window as
-- known at a time, read from index entries in that order and stopped at the page's end. The indexes by service user
-- gain the columns that say whether a version is in the window and valid at the time, so the scan never reads a row.
DROP INDEX spell_version_service_user;
CREATE INDEX spell_version_service_user ON spell_version (service_user_id)
    INCLUDE (admitted_on, discharged_on, recorded_from, recorded_to);
DROP INDEX placement_version_service_user;
CREATE INDEX placement_version_service_user ON placement_version (service_user_id)
    INCLUDE (started_on, ended_on, recorded_from, recorded_to);
CREATE INDEX fact_version_accommodation_people ON fact_version (service_user_id)
    INCLUDE (occurred_on, recorded_from, recorded_to) WHERE fact_type = 'AccommodationStatusRecorded';
