-- The fact values the metrics read, as columns of their own rather than read out of the JSON by name: the attended
-- flag and consultation mechanism of a community contact, the settled indicator and type of an accommodation
-- status (NULL for other facts). Written by the journey-history projection and its bulk rebuild; filled here for the
-- rows an older version wrote. And the two reasons a fact version ends, as a checked set.
ALTER TABLE fact_version
    ADD COLUMN attended           BOOLEAN,
    ADD COLUMN contact_medium     TEXT,
    ADD COLUMN settled_indicator  TEXT,
    ADD COLUMN accommodation_type TEXT;

UPDATE fact_version
   SET attended = (fact_values->>'attended')::boolean,
       contact_medium = fact_values->>'contactMedium'
 WHERE fact_type = 'CommunityContactRecorded';

UPDATE fact_version
   SET settled_indicator = fact_values->>'settledIndicator',
       accommodation_type = fact_values->>'accommodationType'
 WHERE fact_type = 'AccommodationStatusRecorded';

ALTER TABLE fact_version
    ADD CONSTRAINT fact_version_ended_by CHECK (ended_by IN ('CORRECTED', 'ENTERED_IN_ERROR'));
