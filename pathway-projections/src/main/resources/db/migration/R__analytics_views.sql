-- The analysts' schema (docs/analytics.md): plain views over the current read models, with pseudonymised ids,
-- local dates and code labels, readable by the role pathway_analyst, which cannot read identity, the event store,
-- the access log or the read-model tables themselves. The views run with their owner's rights: the role needs no
-- grant on what they read.
--
-- Flyway runs this script whenever it changes; a rebuild of the read models drops the schema before it replaces
-- the tables beneath it and runs the script again after (ReadModelRebuilder), in the same transaction.
DROP SCHEMA IF EXISTS analytics CASCADE;
CREATE SCHEMA analytics;
COMMENT ON SCHEMA analytics IS 'Pathway for analysts: current journeys, pseudonymised (docs/analytics.md)';

-- The label of a code on a local date (the entry valid that day, else the latest), or NULL for an unknown code.
CREATE FUNCTION analytics.label(list TEXT, code_value TEXT, on_date DATE) RETURNS TEXT
    LANGUAGE sql STABLE AS $$
    SELECT c.label FROM public.analytics_code c
     WHERE c.code_list = list AND c.code = code_value
     ORDER BY (on_date IS NOT NULL AND c.valid_from <= on_date AND (c.valid_to IS NULL OR on_date < c.valid_to)) DESC,
              c.valid_from DESC
     LIMIT 1
$$;

-- The NHS England grouping of a code (for OAP reasons: inappropriate or other), or NULL.
CREATE FUNCTION analytics.code_group_of(list TEXT, code_value TEXT) RETURNS TEXT
    LANGUAGE sql STABLE AS $$
    SELECT NULLIF(c.code_group, '') FROM public.analytics_code c
     WHERE c.code_list = list AND c.code = code_value
     ORDER BY c.valid_from DESC
     LIMIT 1
$$;

CREATE VIEW analytics.code AS
SELECT code_list, code, label, NULLIF(valid_from, '-infinity') AS valid_from, valid_to, NULLIF(code_group, '') AS code_group
  FROM public.analytics_code;

-- Each view has a history beside it: every version of each record, valid in recorded time from known_since
-- (inclusive) to known_until (exclusive; NULL while current), so "as known at T" is
-- known_since <= T AND (known_until IS NULL OR known_until > T). The plain view is the history's current rows.

-- One row per hospital spell version (MHS501).
CREATE VIEW analytics.spell_history AS
SELECT sp.pseudonym                                        AS spell,
       pp.pseudonym                                        AS person,
       s.admitted_on,
       s.discharged_on,
       CASE WHEN s.discharged_on IS NOT NULL THEN s.discharged_on - s.admitted_on END AS length_of_stay_days,
       s.detail->>'admissionMethod'                        AS admission_method,
       analytics.label('mhsds-admission-method', s.detail->>'admissionMethod', s.admitted_on) AS admission_method_label,
       s.detail->>'admissionSource'                        AS admission_source,
       analytics.label('mhsds-admission-source', s.detail->>'admissionSource', s.admitted_on) AS admission_source_label,
       s.detail->'legalStatuses'->0->>'legalStatus'         AS legal_status_at_admission,
       analytics.label('mhsds-legal-status', s.detail->'legalStatuses'->0->>'legalStatus', s.admitted_on)
                                                           AS legal_status_at_admission_label,
       s.detail->>'dischargeMethod'                        AS discharge_method,
       analytics.label('mhsds-discharge-method', s.detail->>'dischargeMethod', s.discharged_on) AS discharge_method_label,
       s.detail->>'dischargeDestination'                   AS discharge_destination,
       analytics.label('mhsds-discharge-destination', s.detail->>'dischargeDestination', s.discharged_on)
                                                           AS discharge_destination_label,
       (s.detail->>'estimatedDischargeDate')::date         AS estimated_discharge_date,
       s.has_delays                                        AS clinically_ready_for_discharge_at_some_point,
       s.out_of_area                                       AS any_out_of_area_ward_stay,
       s.recorded_from                                     AS known_since,
       s.recorded_to                                       AS known_until
  FROM public.spell_version s
  JOIN public.analytics_pseudonym sp ON sp.id = s.spell_id
  JOIN public.analytics_pseudonym pp ON pp.id = s.service_user_id;

-- One row per ward stay of a spell version (MHS502), in order within the spell.
CREATE VIEW analytics.ward_stay_history AS
SELECT sp.pseudonym                                        AS spell,
       pp.pseudonym                                        AS person,
       w.n::int                                            AS stay_number,
       (w.stay->>'startOn')::date                          AS start_on,
       (w.stay->>'endOn')::date                            AS end_on,
       ((w.stay->>'endOn')::date - (w.stay->>'startOn')::date) AS days,
       w.stay->>'ward'                                     AS ward,
       w.stay->>'bedType'                                  AS bed_type,
       analytics.label('mhsds-bed-type', w.stay->>'bedType', (w.stay->>'startOn')::date) AS bed_type_label,
       w.stay->>'provider'                                 AS provider,
       w.stay->>'locality'                                 AS locality,
       (w.stay->>'outOfArea')::boolean                     AS out_of_area,
       w.stay->>'oapReason'                                AS oap_reason,
       analytics.label('mhsds-oap-reason', w.stay->>'oapReason', (w.stay->>'startOn')::date) AS oap_reason_label,
       (w.stay->>'distanceFromHomeKm')::int                AS distance_from_home_km,
       s.recorded_from                                     AS known_since,
       s.recorded_to                                       AS known_until
  FROM public.spell_version s
  JOIN public.analytics_pseudonym sp ON sp.id = s.spell_id
  JOIN public.analytics_pseudonym pp ON pp.id = s.service_user_id
 CROSS JOIN LATERAL jsonb_array_elements(s.detail->'wardStays') WITH ORDINALITY AS w(stay, n);

-- The out-of-area placements: the ward stays out of area, with their reason (inappropriate or other).
CREATE VIEW analytics.out_of_area_placement_history AS
SELECT w.*, analytics.code_group_of('mhsds-oap-reason', w.oap_reason) AS oap_reason_group
  FROM analytics.ward_stay_history w
 WHERE w.out_of_area;

-- One row per clinically-ready-for-discharge period of a spell version (MHS518).
CREATE VIEW analytics.delay_period_history AS
SELECT sp.pseudonym                                        AS spell,
       pp.pseudonym                                        AS person,
       (d->>'startOn')::date                               AS start_on,
       (d->>'endOn')::date                                 AS end_on,
       ((d->>'endOn')::date - (d->>'startOn')::date)       AS days,
       d->>'reason'                                        AS delay_reason,
       analytics.label('mhsds-delay-reason', d->>'reason', (d->>'startOn')::date) AS delay_reason_label,
       d->>'attributableTo'                                AS attributable_to,
       analytics.label('mhsds-delay-attributable-to', d->>'attributableTo', (d->>'startOn')::date)
                                                           AS attributable_to_label,
       s.recorded_from                                     AS known_since,
       s.recorded_to                                       AS known_until
  FROM public.spell_version s
  JOIN public.analytics_pseudonym sp ON sp.id = s.spell_id
  JOIN public.analytics_pseudonym pp ON pp.id = s.service_user_id
 CROSS JOIN LATERAL jsonb_array_elements(s.detail->'delays') AS d
 WHERE s.has_delays;

-- One row per period of home leave or leave of absence of a spell version (MHS509 / MHS510).
CREATE VIEW analytics.leave_history AS
SELECT sp.pseudonym                                        AS spell,
       pp.pseudonym                                        AS person,
       CASE l->>'type' WHEN 'HOME_LEAVE' THEN 'home leave' ELSE 'leave of absence' END AS leave_type,
       (l->>'startOn')::date                               AS start_on,
       (l->>'endOn')::date                                 AS end_on,
       ((l->>'endOn')::date - (l->>'startOn')::date)       AS nights,
       s.recorded_from                                     AS known_since,
       s.recorded_to                                       AS known_until
  FROM public.spell_version s
  JOIN public.analytics_pseudonym sp ON sp.id = s.spell_id
  JOIN public.analytics_pseudonym pp ON pp.id = s.service_user_id
 CROSS JOIN LATERAL jsonb_array_elements(s.detail->'leaves') AS l;

-- One row per Mental Health Act legal status period of a spell version (MHS401): from each change to the next
-- (the last to the discharge, or open).
CREATE VIEW analytics.legal_status_history AS
SELECT sp.pseudonym                                        AS spell,
       pp.pseudonym                                        AS person,
       g.n::int                                            AS period_number,
       g.status->>'legalStatus'                            AS legal_status,
       analytics.label('mhsds-legal-status', g.status->>'legalStatus', (g.status->>'fromOn')::date)
                                                           AS legal_status_label,
       (g.status->>'fromOn')::date                         AS start_on,
       COALESCE((s.detail->'legalStatuses'->(g.n::int)->>'fromOn')::date, s.discharged_on) AS end_on,
       s.recorded_from                                     AS known_since,
       s.recorded_to                                       AS known_until
  FROM public.spell_version s
  JOIN public.analytics_pseudonym sp ON sp.id = s.spell_id
  JOIN public.analytics_pseudonym pp ON pp.id = s.service_user_id
 CROSS JOIN LATERAL jsonb_array_elements(s.detail->'legalStatuses') WITH ORDINALITY AS g(status, n);

-- One row per community contact version (MHS201); entered-in-error ones end without a successor.
CREATE VIEW analytics.contact_history AS
SELECT pp.pseudonym                                        AS person,
       f.occurred_on                                       AS contact_on,
       f.attended,
       f.contact_medium,
       analytics.label('mhsds-contact-medium', f.contact_medium, f.occurred_on) AS contact_medium_label,
       f.recorded_from                                     AS known_since,
       f.recorded_to                                       AS known_until
  FROM public.fact_version f
  JOIN public.analytics_pseudonym pp ON pp.id = f.service_user_id
 WHERE f.fact_type = 'CommunityContactRecorded';

-- One row per step-down housing placement version.
CREATE VIEW analytics.step_down_placement_history AS
SELECT lp.pseudonym                                        AS placement,
       pp.pseudonym                                        AS person,
       p.started_on,
       p.ended_on,
       (p.ended_on - p.started_on)                         AS days,
       p.detail->>'scheme'                                 AS scheme,
       p.detail->>'provider'                               AS provider,
       dp.pseudonym                                        AS discharge_spell,
       p.detail->>'outcome'                                AS outcome,
       p.recorded_from                                     AS known_since,
       p.recorded_to                                       AS known_until
  FROM public.placement_version p
  JOIN public.analytics_pseudonym lp ON lp.id = p.placement_id
  JOIN public.analytics_pseudonym pp ON pp.id = p.service_user_id
  LEFT JOIN public.analytics_pseudonym dp ON dp.id = (p.detail->>'dischargeSpellId')::uuid;

-- What is known now: each history's current rows.
CREATE VIEW analytics.spell AS SELECT * FROM analytics.spell_history WHERE known_until IS NULL;
CREATE VIEW analytics.ward_stay AS SELECT * FROM analytics.ward_stay_history WHERE known_until IS NULL;
CREATE VIEW analytics.out_of_area_placement AS
SELECT * FROM analytics.out_of_area_placement_history WHERE known_until IS NULL;
CREATE VIEW analytics.delay_period AS SELECT * FROM analytics.delay_period_history WHERE known_until IS NULL;
CREATE VIEW analytics.leave AS SELECT * FROM analytics.leave_history WHERE known_until IS NULL;
CREATE VIEW analytics.legal_status AS SELECT * FROM analytics.legal_status_history WHERE known_until IS NULL;
CREATE VIEW analytics.contact AS SELECT * FROM analytics.contact_history WHERE known_until IS NULL;
CREATE VIEW analytics.step_down_placement AS
SELECT * FROM analytics.step_down_placement_history WHERE known_until IS NULL;

GRANT USAGE ON SCHEMA analytics TO pathway_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO pathway_analyst;
