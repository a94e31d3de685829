-- Time in the community's contributions keep whether the discharge was followed by an admission within 365 days as
-- v1 (1 readmitted, 0 not) and its days in the community summed in s, instead of the days as v1 (issue 10;
-- docs/metrics.md §7): its figures are counts and means, and a month's discharges now share a cell wherever their
-- previous eligible discharges (v2) fell on one date, so an answer reads fewer cells (at 10 M events, one per
-- discharge of the period, its p99 was 56 ms). Rewritten in place, to the same sums a rebuild would give: each
-- contribution's days move to s; the cells of one (v1 < 365, v2) are summed, their days weighted by their n.
UPDATE metric_contribution SET s = v1, v1 = CASE WHEN v1 < 365 THEN 1 ELSE 0 END
    WHERE family = 'time-in-community';

CREATE TEMPORARY TABLE tic_cell ON COMMIT DROP AS
    SELECT family, breakdown, group_key, anchor_month, recorded_month,
           CASE WHEN v1 < 365 THEN 1 ELSE 0 END AS v1, v2, sum(n) AS n, sum(s + v1::bigint * n) AS s
    FROM metric_cell WHERE family = 'time-in-community'
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
DELETE FROM metric_cell WHERE family = 'time-in-community';
INSERT INTO metric_cell (family, breakdown, group_key, anchor_month, recorded_month, v1, v2, n, s)
    SELECT family, breakdown, group_key, anchor_month, recorded_month, v1, v2, n, s FROM tic_cell;

CREATE TEMPORARY TABLE tic_cell_day ON COMMIT DROP AS
    SELECT family, breakdown, group_key, anchor_month, recorded_on,
           CASE WHEN v1 < 365 THEN 1 ELSE 0 END AS v1, v2, sum(n) AS n, sum(s + v1::bigint * n) AS s
    FROM metric_cell_day WHERE family = 'time-in-community'
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
DELETE FROM metric_cell_day WHERE family = 'time-in-community';
INSERT INTO metric_cell_day (family, breakdown, group_key, anchor_month, recorded_on, v1, v2, n, s)
    SELECT family, breakdown, group_key, anchor_month, recorded_on, v1, v2, n, s FROM tic_cell_day;
