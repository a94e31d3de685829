-- Pathway's monthly figures recomputed from MHSDS-shaped extracts alone, with plain SQL that follows the national
-- measure logic (shared/domain/nhs-standards.md §2; docs/interop.md "Reconciling an extract"). Nothing here reads
-- Pathway's tables: only the CSVs of the extracts of the reporting month and the months around it (the month
-- before for 72-hour follow-up's shifted period, the two after for readmissions and follow-ups past the month's
-- end), loaded as text into tables named after the files (mhs501hospprovspell, ...).
--
-- Parameters, replaced before each statement runs: :s and :e the reporting period's first and last day (DATE
-- literals), :w the readmission window in days. Statements are separated by lines "-- name: <name>".

-- name: setup
-- A record resubmitted in several months' extracts counts once: its latest month's (as national analysts dedupe).
-- Each step is a table, indexed where the measures look records up, so that no measure recomputes one per row.
CREATE TABLE spell AS
SELECT DISTINCT ON (UniqHospProvSpellID)
       UniqHospProvSpellID                                   AS spell,
       LocalPatientId                                        AS person,
       StartDateHospProvSpell::date                          AS admitted,
       (StartDateHospProvSpell || ' ' || StartTimeHospProvSpell)::timestamp AS admitted_at,
       MethAdmMHHospProvSpell                                AS admission_method,
       DischDateHospProvSpell::date                          AS discharged,
       (DischDateHospProvSpell || ' ' || DischTimeHospProvSpell)::timestamp AS discharged_at,
       MethOfDischMHHospProvSpell                            AS discharge_method,
       DestOfDischHospProvSpell                              AS discharge_destination
  FROM mhs501hospprovspell
 ORDER BY UniqHospProvSpellID, UniqMonthID::int DESC;

CREATE TABLE ward_stay AS
SELECT DISTINCT ON (UniqWardStayID)
       UniqWardStayID AS stay, UniqHospProvSpellID AS spell, Pathway_WardStayOrder::int AS n,
       StartDateWardStay::date AS start_date, EndDateWardStay::date AS end_date,
       MHAdmittedPatientClass AS bed_type, Pathway_OutOfArea = 'Y' AS out_of_area,
       Pathway_ReasonOAT AS oap_reason, WardLocDistanceHome::int AS distance_km
  FROM mhs502wardstay
 ORDER BY UniqWardStayID, UniqMonthID::int DESC;

CREATE TABLE delay AS
SELECT DISTINCT ON (UniqClinReadyforDischID)
       UniqClinReadyforDischID AS delay, UniqHospProvSpellID AS spell,
       StartDateClinReadyforDisch::date AS start_date, EndDateClinReadyforDisch::date AS end_date
  FROM mhs518clinreadyfordischarge
 ORDER BY UniqClinReadyforDischID, UniqMonthID::int DESC;

CREATE TABLE leave AS
SELECT DISTINCT ON (id) spell, start_date, end_date
  FROM (SELECT UniqHomeLeaveID AS id, UniqHospProvSpellID AS spell, StartDateHomeLeave::date AS start_date,
               EndDateHomeLeave::date AS end_date, UniqMonthID::int AS month FROM mhs509homeleave
        UNION ALL
        SELECT UniqLOAID, UniqHospProvSpellID, StartDateMHLeaveAbs::date, EndDateMHLeaveAbs::date,
               UniqMonthID::int FROM mhs510leaveofabsence) l
 ORDER BY id, month DESC;

CREATE TABLE contact AS
SELECT DISTINCT ON (UniqCareContID)
       LocalPatientId AS person, CareContDate::date AS contact_date, AttendStatus AS attend_status,
       ConsMechanismMH AS mechanism
  FROM mhs201carecontact
 ORDER BY UniqCareContID, UniqMonthID::int DESC;

CREATE TABLE death AS
SELECT DISTINCT ON (LocalPatientId) LocalPatientId AS person, PersDeathDate::date AS died
  FROM pathway_persondeath
 ORDER BY LocalPatientId, UniqMonthID::int DESC;

-- MHS24's date difference: the nights of [a, b) inside [s, e], an open end counting to e + 1.
CREATE FUNCTION nights(a DATE, b DATE, s DATE, e DATE) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS
$$ SELECT greatest(0, least(coalesce(b, e + 1), e + 1) - greatest(a, s)) $$;

-- MHS26: single-day periods dropped first; a spell's first period, and one starting more than a day after the
-- one before it ended, has its first day not counted.
CREATE TABLE delay_counted AS
SELECT d.*,
       CASE WHEN lag(d.end_date) OVER w IS NULL OR d.start_date - lag(d.end_date) OVER w > 1
            THEN d.start_date + 1 ELSE d.start_date END AS first_counted
  FROM delay d
 WHERE d.end_date IS NULL OR d.end_date <> d.start_date
WINDOW w AS (PARTITION BY d.spell ORDER BY d.start_date);

-- An out-of-area placement: from a ward stay out of area that follows a local one (or opens the spell) to the
-- start of the next local stay (a repatriation) or the discharge; its bed type, reason and distance those of its
-- first stay.
CREATE TABLE oap AS
WITH islands AS (
    SELECT w.*, count(*) FILTER (WHERE NOT w.out_of_area) OVER (PARTITION BY w.spell ORDER BY w.n) AS island
      FROM ward_stay w),
     runs AS (
    SELECT spell, island, min(n) FILTER (WHERE out_of_area) AS first_n, max(n) AS last_n
      FROM islands GROUP BY spell, island)
SELECT r.spell, f.bed_type, f.oap_reason, f.distance_km, f.start_date,
       coalesce(back.start_date, sp.discharged) AS end_date, back.stay IS NOT NULL AS repatriated
  FROM runs r
  JOIN ward_stay f ON f.spell = r.spell AND f.n = r.first_n
  JOIN spell sp ON sp.spell = r.spell
  LEFT JOIN ward_stay back ON back.spell = r.spell AND back.n = r.last_n + 1
 WHERE r.first_n IS NOT NULL;

CREATE INDEX ON spell (person, admitted_at);
CREATE INDEX ON spell (spell);
CREATE INDEX ON ward_stay (spell, n);
CREATE INDEX ON delay_counted (spell);
CREATE INDEX ON leave (spell);
CREATE INDEX ON contact (person);
ANALYZE spell, ward_stay, delay, leave, contact, death, delay_counted, oap;

-- name: length-of-stay
-- MHS140-style LOS of spells discharged in the period; "excl. CRFD" takes the spell's delay days over the spell.
WITH d AS (
    SELECT sp.discharged - sp.admitted AS los,
           (SELECT coalesce(sum(nights(c.first_counted, c.end_date, sp.admitted, sp.discharged)), 0)
              FROM delay_counted c WHERE c.spell = sp.spell) AS crfd
      FROM spell sp
     WHERE sp.discharged BETWEEN :s AND :e)
SELECT count(*)                                                          AS discharges,
       coalesce(sum(los), 0)                                             AS los_sum,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY los)::numeric, 2) AS median_los,
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY los)::numeric, 2) AS p90_los,
       count(*) FILTER (WHERE los >= 60)                                 AS los_60_plus,
       count(*) FILTER (WHERE los >= 90)                                 AS los_90_plus,
       count(*) FILTER (WHERE los <= 32)                                 AS within_32_days,
       coalesce(sum(greatest(0, los - crfd)), 0)::bigint                 AS los_excluding_crfd_sum
  FROM d;

-- name: bed-days
-- MHS24 bed days, MHS25 less home leave and leave of absence (leave clipped to the ward stay it fell in), spells
-- open at the end (MHS07), admissions (MHS27) and discharges (MHS28).
SELECT (SELECT coalesce(sum(nights(w.start_date, w.end_date, :s, :e)), 0) FROM ward_stay w) AS occupied,
       (SELECT coalesce(sum(nights(greatest(l.start_date, w.start_date), least(l.end_date, w.end_date), :s, :e)), 0)
          FROM ward_stay w JOIN leave l ON l.spell = w.spell
         WHERE least(l.end_date, w.end_date) IS NULL
            OR least(l.end_date, w.end_date) >= greatest(l.start_date, w.start_date))  AS leave,
       (SELECT count(*) FROM spell WHERE admitted <= :e AND (discharged IS NULL OR discharged > :e)) AS census,
       (SELECT count(*) FROM spell WHERE admitted BETWEEN :s AND :e)                  AS admissions,
       (SELECT count(*) FROM spell WHERE discharged BETWEEN :s AND :e)                AS discharges;

-- name: delayed-discharge
SELECT (SELECT coalesce(sum(nights(first_counted, end_date, :s, :e)), 0) FROM delay_counted) AS delay_days,
       (SELECT count(*) FROM delay WHERE start_date <= :e AND (end_date IS NULL OR end_date > :e)) AS open_at_end,
       (SELECT coalesce(sum(:e - start_date), 0)::bigint FROM delay
         WHERE start_date <= :e AND (end_date IS NULL OR end_date > :e))                         AS open_days_so_far;

-- name: out-of-area
-- OAP01-04 and OAP02 (bed days), inappropriate = reason 10; adult acute (200/201/202, v5 10/11/12) at the start.
SELECT adult_acute,
       count(*) FILTER (WHERE start_date BETWEEN :s AND :e)                      AS started,
       count(*) FILTER (WHERE end_date IS NULL OR end_date > :e)                 AS active_at_end,
       count(*) FILTER (WHERE end_date BETWEEN :s AND :e)                        AS ended,
       count(*) FILTER (WHERE repatriated AND end_date BETWEEN :s AND :e)        AS repatriations,
       coalesce(sum(nights(start_date, end_date, :s, :e)), 0)                    AS bed_days,
       coalesce(sum(nights(start_date, end_date, :s, :e)) FILTER (WHERE oap_reason = '10'), 0)
                                                                                 AS inappropriate_bed_days
  FROM (SELECT o.*, o.bed_type IN ('200', '201', '202', '10', '11', '12') AS adult_acute FROM oap o) o
 WHERE start_date <= :e AND (end_date IS NULL OR end_date >= :s)
 GROUP BY GROUPING SETS ((adult_acute), ());

-- name: readmission
-- Index discharges less died / self-discharged / by relative / not discharged, and transfers to another psychiatric,
-- secure or general hospital or death; the next admission of the same person at or after the discharge.
WITH idx AS (
    SELECT sp.*,
           (SELECT n.admitted FROM spell n
             WHERE n.person = sp.person AND n.spell <> sp.spell AND n.admitted_at >= sp.discharged_at
             ORDER BY n.admitted_at LIMIT 1) AS next_admitted,
           (SELECT n.admission_method FROM spell n
             WHERE n.person = sp.person AND n.spell <> sp.spell AND n.admitted_at >= sp.discharged_at
             ORDER BY n.admitted_at LIMIT 1) AS next_method
      FROM spell sp
     WHERE sp.discharged BETWEEN :s AND :e
       AND coalesce(sp.discharge_method, '') NOT IN ('4', '6', '7', '8')
       AND coalesce(sp.discharge_destination, '') NOT IN ('48', '49', '50', '51', '52', '53', '79', '84', '87')),
     r AS (
    SELECT next_admitted - discharged AS days,
           next_admitted - discharged < :w AS within,
           next_method IN ('21', '2A', '22', '23', '24', '25', '2B', '2D') AS emergency
      FROM idx)
SELECT count(*)                                                   AS index_discharges,
       count(*) FILTER (WHERE within AND emergency)               AS emergency_readmitted,
       count(*) FILTER (WHERE within)                             AS any_readmitted,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE within AND emergency))::numeric, 2)
                                                                  AS median_days
  FROM r;

-- name: follow-up-72h
-- MHS78/79: discharges from an acute bed (last ward), not died (method 4, 5) nor to prison, court, police, another
-- psychiatric or secure hospital or death, nor died within 3 days; followed up by an attended contact (5, 6) face
-- to face, by telephone, talk type or video (03 before v5), or a new admission, 1 to 3 days after.
WITH last_stay AS (
    SELECT DISTINCT ON (spell) spell, bed_type FROM ward_stay ORDER BY spell, n DESC),
     eligible AS (
    SELECT sp.person, sp.discharged
      FROM spell sp
      JOIN last_stay l ON l.spell = sp.spell
      LEFT JOIN death d ON d.person = sp.person
     WHERE sp.discharged IS NOT NULL
       AND l.bed_type IN ('200', '201', '202', '205', '212', '213', '10', '11', '12', '16', '17', '18')
       AND coalesce(sp.discharge_method, '') NOT IN ('4', '5')
       AND coalesce(sp.discharge_destination, '') NOT IN
           ('30', '37', '38', '40', '42', '48', '49', '50', '53', '79', '84', '87', '89')
       AND (d.died IS NULL OR d.died - sp.discharged > 3)),
     followed AS (
    SELECT e.discharged,
           EXISTS (SELECT 1 FROM contact c
                    WHERE c.person = e.person AND c.attend_status IN ('5', '6')
                      AND c.mechanism IN ('01', '02', '03', '04', '11')
                      AND c.contact_date - e.discharged BETWEEN 1 AND 3)
           OR EXISTS (SELECT 1 FROM spell n WHERE n.person = e.person AND n.admitted - e.discharged BETWEEN 1 AND 3)
               AS followed_up
      FROM eligible e)
SELECT count(*) FILTER (WHERE discharged BETWEEN :s - 4 AND :e - 4)                    AS eligible,
       count(*) FILTER (WHERE discharged BETWEEN :s - 4 AND :e - 4 AND followed_up)    AS followed_up,
       count(*) FILTER (WHERE discharged BETWEEN :s AND :e)                            AS eligible_unshifted,
       count(*) FILTER (WHERE discharged BETWEEN :s AND :e AND followed_up)            AS followed_up_unshifted
  FROM followed;
