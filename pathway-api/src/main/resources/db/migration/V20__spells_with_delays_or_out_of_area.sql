-- A drill-down of delayed discharge or out-of-area placements pages by service user (V18) among the people whose
-- spells have delay periods, or a ward stay out of area, not among everyone with a spell in the period (issue 10;
-- docs/architecture.md, "Drill-down by service user"): at 10 M events an out-of-area page looked at 20 people for
-- each one with a record, and took 117 ms. Each spell version says so in a column of its own, and a partial index
-- by service user holds only those versions, with the columns that say whether one is in a period as known at a time.
ALTER TABLE spell_version
    ADD COLUMN has_delays BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN out_of_area BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE spell_version
    SET has_delays = jsonb_array_length(COALESCE(detail->'delays', '[]'::jsonb)) > 0,
        out_of_area = COALESCE(detail->'wardStays', '[]'::jsonb) @> '[{"outOfArea": true}]'::jsonb
    WHERE jsonb_array_length(COALESCE(detail->'delays', '[]'::jsonb)) > 0
       OR COALESCE(detail->'wardStays', '[]'::jsonb) @> '[{"outOfArea": true}]'::jsonb;
CREATE INDEX spell_version_people_with_delays ON spell_version (service_user_id)
    INCLUDE (admitted_on, discharged_on, recorded_from, recorded_to) WHERE has_delays;
CREATE INDEX spell_version_people_out_of_area ON spell_version (service_user_id)
    INCLUDE (admitted_on, discharged_on, recorded_from, recorded_to) WHERE out_of_area;
