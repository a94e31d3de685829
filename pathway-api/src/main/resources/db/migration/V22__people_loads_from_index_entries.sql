-- What a drill-down page loads of the people it shows, read from index entries alone (issue 10; docs/performance.md,
-- sixth pass): their spell and placement versions in the window (the by-person indexes of V18 gain the version's id
-- and number), their deaths (a partial index: few facts are deaths, and the page read every fact of its people to find
-- them: 21 ms for 400 people at 1 M events), and their contacts in the window (a partial index by person and date,
-- where the page read every contact of the window, of everyone, to keep its people's).
DROP INDEX spell_version_service_user;
CREATE INDEX spell_version_service_user ON spell_version (service_user_id)
    INCLUDE (admitted_on, discharged_on, recorded_from, recorded_to, spell_id, version_no);
DROP INDEX placement_version_service_user;
CREATE INDEX placement_version_service_user ON placement_version (service_user_id)
    INCLUDE (started_on, ended_on, recorded_from, recorded_to, placement_id, version_no);
CREATE INDEX fact_version_deaths ON fact_version (service_user_id)
    INCLUDE (occurred_on, recorded_from, recorded_to, first_index) WHERE fact_type = 'DeathRecorded';
CREATE INDEX fact_version_contacts_people ON fact_version (service_user_id, occurred_on)
    INCLUDE (recorded_from, recorded_to, fact_id, attended, contact_medium)
    WHERE fact_type = 'CommunityContactRecorded';
