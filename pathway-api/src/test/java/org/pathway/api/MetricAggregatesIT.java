package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pathway.projections.metrics.AggregateRepository;
import org.pathway.projections.metrics.Aggregated;
import org.pathway.projections.metrics.Breakdown;
import org.pathway.projections.metrics.MetricAggregates;
import org.pathway.projections.metrics.MetricQueries;
import org.pathway.projections.metrics.MetricReport;
import org.pathway.projections.metrics.Period;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The aggregated families (V11) answer exactly as their calculators do from the records, over real
 * PostgreSQL and the live projection: a demo population migrated with its source's recorded times
 * spread over two years (some facts learnt months late), then commands recorded now; for whole and
 * partial months, years, every breakdown and several windows, now and as at times inside, between
 * and on the edges of recorded months.
 */
class MetricAggregatesIT extends ApiTestBase {
  @Autowired MetricQueries queries;
  @Autowired MetricAggregates aggregates;
  @Autowired AggregateRepository cells;
  @Autowired org.pathway.projections.history.CellFolder folder;
  private UUID[] ids;

  @Test
  void every_aggregated_answer_is_the_calculator_s_answer_now_and_as_at_past_times()
      throws Exception {
    // the folder paused: first every sum is still pending (V26), and answers add them to no cells
    folder.pause(true);
    try {
      folder.foldAll(); // what earlier tests left
      String cellCount = "SELECT count(*) FROM metric_cell_day";
      Long before = jdbc.queryForObject(cellCount, Long.class);
      importMigratedDemo(250, 41);
      assertThat(folder.pending()).isGreaterThan(100);
      assertThat(jdbc.queryForObject(cellCount, Long.class)).isEqualTo(before);
      List<Period> periods = periods();
      List<Instant> asAts = asAts();
      everyAnswerIsTheCalculators(periods, asAts);
      drillDownPagesAreTheCalculatorsRecords(periods, asAts);
      // then folded, and some more recorded now (an admission) pending beside the cells
      assertThat(folder.foldAll()).isGreaterThan(100);
      assertThat(folder.pending()).isZero();
      ids = registerWithReferral();
      admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
      awaitProjection();
      assertThat(folder.pending()).isPositive();
      everyAnswerIsTheCalculators(periods, asAts);
      drillDownPagesAreTheCalculatorsRecords(periods, asAts);
      // V27: the per-month and all-time cells holding the day cells only up to a day in the middle
      // of the recorded history (as-at times after it read the days between from the day cells),
      // then none of them; the sums pending beside them added to the day cells alone. Fewer as-at
      // times here: each comparison of every answer takes a minute
      List<Instant> someAsAts =
          java.util.Arrays.asList(
              null, // now
              Instant.parse("2024-10-15T12:00:00Z"),
              Instant.parse("2025-06-20T00:00:00Z"),
              Instant.now());
      folder.rollTo(LocalDate.parse("2025-05-10"));
      assertThat(folder.rolledThrough()).isEqualTo(LocalDate.parse("2025-05-10"));
      everyAnswerIsTheCalculators(periods, someAsAts);
      drillDownPagesAreTheCalculatorsRecords(periods, someAsAts);
      folder.rollTo(LocalDate.parse("2000-01-01"));
      folder.foldAll();
      everyAnswerIsTheCalculators(periods, someAsAts);
      // every day rolled up again, for the checks of the tables below
      folder.rollTo(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1));
    } finally {
      folder.pause(false);
    }

    assertThat(jdbc.queryForObject("SELECT count(*) FROM metric_cell", Long.class))
        .isGreaterThan(100);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(DISTINCT recorded_month) FROM metric_cell", Long.class))
        .isGreaterThan(12);
    // the days of a recorded month are cells of their own, and add up to its month
    assertThat(
            jdbc.queryForObject(
                "SELECT count(DISTINCT recorded_on) FROM metric_cell_day", Long.class))
        .isGreaterThan(100);
    String daysByMonth =
        "SELECT family, breakdown, group_key, anchor_month, date_trunc('month', recorded_on)::date,"
            + " v1, v2, sum(n), sum(s) FROM metric_cell_day GROUP BY 1, 2, 3, 4, 5, 6, 7";
    String months =
        "SELECT family, breakdown, group_key, anchor_month, recorded_month, v1, v2, n, s"
            + " FROM metric_cell";
    assertThat(jdbc.queryForList(daysByMonth + " EXCEPT " + months)).isEmpty();
    assertThat(jdbc.queryForList(months + " EXCEPT " + daysByMonth)).isEmpty();
    // and the cells over every recorded time are those of the recorded months summed
    String monthsSummed =
        "SELECT family, breakdown, group_key, anchor_month, v1, v2, sum(n), sum(s)"
            + " FROM metric_cell GROUP BY 1, 2, 3, 4, 5, 6";
    String totals =
        "SELECT family, breakdown, group_key, anchor_month, v1, v2, n, s FROM metric_cell_total";
    assertThat(jdbc.queryForList(monthsSummed + " EXCEPT " + totals)).isEmpty();
    assertThat(jdbc.queryForList(totals + " EXCEPT " + monthsSummed)).isEmpty();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM metric_cell_total", Long.class))
        .isGreaterThan(100);

    timeInCommunityCellsOfV16AreRewrittenByV19AsTheProjectionMakesThem();
    timeInCommunityOpenWindowsPerDayAreThoseV23DerivesFromTheContributions();
    // the spells' flags the drill-downs by person look for (V20) are those V20 derives from the
    // detail of the versions written before it
    List<Long> flags =
        jdbc.queryForObject(
            "SELECT count(*) FILTER (WHERE has_delays), count(*) FILTER (WHERE out_of_area),"
                + " count(*) FILTER (WHERE has_delays <> (jsonb_array_length(COALESCE("
                + "detail->'delays', '[]'::jsonb)) > 0) OR out_of_area <> (COALESCE("
                + "detail->'wardStays', '[]'::jsonb) @> '[{\"outOfArea\": true}]'::jsonb))"
                + " FROM spell_version",
            (rs, i) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    assertThat(flags.get(0)).isGreaterThan(10);
    assertThat(flags.get(1)).isGreaterThan(10);
    assertThat(flags.get(2)).isZero();
  }

  private static List<Period> periods() {
    List<Period> periods = new ArrayList<>();
    for (YearMonth m = YearMonth.of(2024, 5);
        m.isBefore(YearMonth.of(2026, 4));
        m = m.plusMonths(5)) {
      periods.add(Period.month(m));
    }
    periods.add(new Period(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")));
    periods.add(new Period(LocalDate.parse("2024-04-01"), LocalDate.parse("2026-03-31")));
    periods.add(new Period(LocalDate.parse("2024-06-17"), LocalDate.parse("2025-02-11")));
    periods.add(new Period(LocalDate.parse("2025-07-03"), LocalDate.parse("2025-07-20")));
    return periods;
  }

  private static List<Instant> asAts() {
    List<Instant> asAts = new ArrayList<>();
    asAts.add(null);
    asAts.add(Instant.parse("2024-10-15T12:00:00Z"));
    asAts.add(Instant.parse("2025-04-01T00:00:00Z")); // the first instant of a recorded month
    asAts.add(Instant.parse("2025-08-31T23:59:59.999999Z")); // the last of one
    asAts.add(Instant.parse("2026-02-10T09:30:00Z"));
    asAts.add(Instant.parse("2025-06-20T00:00:00Z")); // the first instant of a day in a month
    asAts.add(Instant.parse("2025-11-27T18:45:30Z")); // late in a month
    asAts.add(Instant.now());

    return asAts;
  }

  /** Every aggregated family's answer from the cells is the calculator's from the records. */
  private void everyAnswerIsTheCalculators(List<Period> periods, List<Instant> asAts) {
    int compared = 0;
    for (Aggregated family : aggregates.families()) {
      List<Breakdown> by = new ArrayList<>(family.keyed());
      by.add(null);
      int[] windows = family.name().equals("readmission") ? new int[] {7, 28, 365} : new int[] {28};
      for (Period period : periods) {
        for (Breakdown b : by) {
          MetricQueries.Scope[] scopes =
              family.name().equals("out-of-area")
                  ? MetricQueries.Scope.values()
                  : new MetricQueries.Scope[] {MetricQueries.Scope.ALL};
          for (int window : windows) {
            for (MetricQueries.Scope scope : scopes) {
              for (Instant asAt : asAts) {
                MetricQueries.Request r =
                    new MetricQueries.Request(family, period, b, window, scope, asAt);
                assertThat(cells.cells(family, b, r.query())).isPresent();
                MetricReport fromCells = queries.report(r);
                MetricReport fromRecords = queries.reportFromRecords(r);
                assertThat(fromCells).as(r.toString()).isEqualTo(fromRecords);
                if (fromRecords.contributingRecords() > 0) {
                  compared++;
                }
              }
            }
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(200);
  }

  /**
   * V19 rewrites time in the community's contributions and cells in place: from those the
   * projection made here, turned back into V16's form (the days as {@code v1}, cells summed per
   * day), the migration's own statements give them again exactly, row for row.
   */
  private void timeInCommunityCellsOfV16AreRewrittenByV19AsTheProjectionMakesThem()
      throws Exception {
    String family = "family = 'time-in-community'";
    String contributions =
        "SELECT anchor_on, v1, v2, s, n, recorded_at, spell_id FROM metric_contribution WHERE "
            + family;
    String monthCells =
        "SELECT breakdown, group_key, anchor_month, recorded_month, v1, v2, n, s FROM metric_cell"
            + " WHERE (n <> 0 OR s <> 0) AND "
            + family;
    String dayCells =
        "SELECT breakdown, group_key, anchor_month, recorded_on, v1, v2, n, s FROM metric_cell_day"
            + " WHERE (n <> 0 OR s <> 0) AND "
            + family;
    String monthsByContribution =
        "SELECT '' AS breakdown, '' AS group_key, date_trunc('month', anchor_on)::date,"
            + " date_trunc('month', recorded_at AT TIME ZONE 'UTC')::date, v1, v2, sum(n), sum(n * s)"
            + " FROM metric_contribution WHERE "
            + family
            + " GROUP BY 3, 4, 5, 6 HAVING sum(n) <> 0 OR sum(n * s) <> 0";
    String daysByContribution =
        "SELECT '' AS breakdown, '' AS group_key, date_trunc('month', anchor_on)::date,"
            + " (recorded_at AT TIME ZONE 'UTC')::date, v1, v2, sum(n), sum(n * s)"
            + " FROM metric_contribution WHERE "
            + family
            + " GROUP BY 3, 4, 5, 6 HAVING sum(n) <> 0 OR sum(n * s) <> 0";
    jdbc.execute("CREATE TABLE v19_contribution AS " + contributions);
    jdbc.execute("CREATE TABLE v19_cell AS " + monthCells);
    jdbc.execute("CREATE TABLE v19_cell_day AS " + dayCells);
    try {
      assertThat(jdbc.queryForObject("SELECT count(*) FROM v19_cell", Long.class))
          .isGreaterThan(10);
      // the projection's cells are the sums of its contributions, per month and per day
      assertThat(jdbc.queryForList(monthsByContribution + " EXCEPT " + monthCells)).isEmpty();
      assertThat(jdbc.queryForList(daysByContribution + " EXCEPT " + dayCells)).isEmpty();
      // back to V16's form: the days as v1, no sum; cells per (days, previous discharge)
      jdbc.update("UPDATE metric_contribution SET v1 = s, s = 0 WHERE " + family);
      jdbc.update("DELETE FROM metric_cell WHERE " + family);
      jdbc.update("DELETE FROM metric_cell_day WHERE " + family);
      jdbc.update(
          "INSERT INTO metric_cell (family, breakdown, group_key, anchor_month, recorded_month,"
              + " v1, v2, n, s) SELECT 'time-in-community', x.* FROM ("
              + monthsByContribution
              + ") x");
      jdbc.update(
          "INSERT INTO metric_cell_day (family, breakdown, group_key, anchor_month, recorded_on,"
              + " v1, v2, n, s) SELECT 'time-in-community', x.* FROM ("
              + daysByContribution
              + ") x");
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM metric_cell WHERE v1 > 1 AND " + family, Long.class))
          .isGreaterThan(0);
      runMigration("V19__time_in_community_days_summed.sql");
      for (String[] pair :
          new String[][] {
            {contributions, "SELECT * FROM v19_contribution"},
            {monthCells, "SELECT * FROM v19_cell"},
            {dayCells, "SELECT * FROM v19_cell_day"}
          }) {
        assertThat(jdbc.queryForList(pair[0] + " EXCEPT " + pair[1])).as(pair[0]).isEmpty();
        assertThat(jdbc.queryForList(pair[1] + " EXCEPT " + pair[0])).as(pair[0]).isEmpty();
      }
    } finally {
      jdbc.execute("DROP TABLE v19_contribution, v19_cell, v19_cell_day");
    }
  }

  /**
   * V23 derives the cells of time in the community's windows not yet complete, kept per discharge
   * day, from the stored contributions: those the projection made here, taken away, are given again
   * by the migration's own statements exactly, row for row, in each of the three tables.
   */
  private void timeInCommunityOpenWindowsPerDayAreThoseV23DerivesFromTheContributions()
      throws Exception {
    String[][] tables = {
      {"metric_cell", "anchor_month, recorded_month, v1, v2, n, s"},
      {"metric_cell_day", "anchor_month, recorded_on, v1, v2, n, s"},
      {"metric_cell_total", "anchor_month, v1, v2, n, s"}
    };
    String open = " WHERE family = 'time-in-community-open'";
    for (String[] t : tables) {
      jdbc.execute("CREATE TABLE v23_" + t[0] + " AS SELECT " + t[1] + " FROM " + t[0] + open);
    }
    try {
      assertThat(jdbc.queryForObject("SELECT count(*) FROM v23_metric_cell_total", Long.class))
          .isGreaterThan(10);
      for (String[] t : tables) {
        jdbc.update("DELETE FROM " + t[0] + open);
      }
      runMigration("V23__time_in_community_open_windows_per_day.sql");
      for (String[] t : tables) {
        String now = "SELECT " + t[1] + " FROM " + t[0] + open;
        String before = "SELECT * FROM v23_" + t[0];
        assertThat(jdbc.queryForList(now + " EXCEPT " + before)).as(t[0]).isEmpty();
        assertThat(jdbc.queryForList(before + " EXCEPT " + now)).as(t[0]).isEmpty();
      }
    } finally {
      for (String[] t : tables) {
        jdbc.execute("DROP TABLE v23_" + t[0]);
      }
    }
  }

  /** Runs one migration's statements again, in one transaction, as Flyway ran them. */
  private void runMigration(String name) throws Exception {
    String sql;
    try (java.io.InputStream in = getClass().getResourceAsStream("/db/migration/" + name)) {
      sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    new org.springframework.transaction.support.TransactionTemplate(
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(
                jdbc.getDataSource()))
        .executeWithoutResult(
            status ->
                org.springframework.jdbc.datasource.init.ScriptUtils.executeSqlScript(
                    org.springframework.jdbc.datasource.DataSourceUtils.getConnection(
                        jdbc.getDataSource()),
                    new org.springframework.core.io.ByteArrayResource(
                        sql.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Autowired com.fasterxml.jackson.databind.ObjectMapper mapper;

  /**
   * Paged by keyset, a drill-down's pages together are exactly the records the calculator gives,
   * with its total: from the contributions in (anchor date, spell) order where each record is one,
   * else by service user, then the record's identity; an analyst pages the same records under
   * pseudonyms, and a cursor that is not one the service gave is refused.
   */
  private void drillDownPagesAreTheCalculatorsRecords(List<Period> periods, List<Instant> asAts) {
    int paged = 0;
    int byPerson = 0;
    for (Aggregated family : aggregates.families()) {
      boolean anchored = family.recordsOn(Aggregated.allTime()).isPresent();
      int limit = anchored ? 7 : 25;
      java.util.Comparator<org.pathway.projections.metrics.Row> order =
          anchored
              ? java.util.Comparator.comparing(
                      (org.pathway.projections.metrics.Row row) ->
                          (LocalDate) row.get("dischargedOn"))
                  .thenComparing(
                      row -> (UUID) row.get("spellId"),
                      org.pathway.projections.metrics.MetricsRepository.UUID_ORDER)
              : java.util.Comparator.comparing(
                      (org.pathway.projections.metrics.Row row) -> (UUID) row.get("serviceUserId"),
                      org.pathway.projections.metrics.MetricsRepository.UUID_ORDER)
                  .thenComparing(org.pathway.projections.metrics.RecordPage::identity);
      for (Period period : periods.subList(periods.size() - 4, periods.size())) {
        for (Instant asAt : asAts.subList(0, 3)) {
          Breakdown by =
              family.keyed().isEmpty() ? null : family.keyed().get(family.keyed().size() - 1);
          MetricQueries.Request all =
              new MetricQueries.Request(family, period, by, 28, MetricQueries.Scope.ALL, asAt);
          List<org.pathway.projections.metrics.Row> expected =
              new ArrayList<>(queries.records(all, null));
          String group =
              expected.isEmpty() || by == null
                  ? null
                  : String.valueOf(expected.get(0).get(by.column()));
          for (String g : group == null ? List.of("") : List.of("", group)) {
            List<com.fasterxml.jackson.databind.JsonNode> want =
                expected.stream()
                    .filter(row -> g.isEmpty() || g.equals(String.valueOf(row.get(by.column()))))
                    .sorted(order)
                    .map(row -> (com.fasterxml.jackson.databind.JsonNode) mapper.valueToTree(row))
                    .toList();
            String url =
                "/metrics/"
                    + family.name()
                    + "/records?from="
                    + period.from()
                    + "&to="
                    + period.to()
                    + (by == null ? "" : "&by=" + by.column())
                    + (g.isEmpty()
                        ? ""
                        : "&group="
                            + java.net.URLEncoder.encode(
                                g, java.nio.charset.StandardCharsets.UTF_8))
                    + (asAt == null ? "" : "&asAt=" + asAt)
                    + (family.name().equals("out-of-area") ? "&scope=all" : "")
                    + "&limit="
                    + limit;
            // compared as JSON text: a number parsed from the answer and one of a row differ
            // as nodes (int and long) when equal as JSON
            assertThat(pages(api.as("auditor"), url, want.size(), limit).toString())
                .as(url)
                .isEqualTo(want.toString());
            List<com.fasterxml.jackson.databind.JsonNode> pseudonymised =
                pages(api.as("analyst"), url, want.size(), limit);
            assertThat(pseudonymised).as(url).hasSameSizeAs(want);
            if (ids != null) { // the one recorded now, once there is one
              assertThat(pseudonymised.toString()).doesNotContain(ids[0].toString());
            }
            if (!want.isEmpty()) {
              assertThat(pseudonymised.toString())
                  .doesNotContain(want.get(0).get("serviceUserId").asText());
              paged++;
              byPerson += anchored ? 0 : 1;
            }
          }
        }
      }
    }
    assertThat(paged).isGreaterThan(10);
    assertThat(byPerson).isGreaterThan(10);
    Api.Response tampered =
        api.as("analyst")
            .get(
                "/metrics/length-of-stay/records?from=2025-01-01&to=2025-12-31&after=k.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertThat(tampered.status()).isEqualTo(400);
    assertThat(tampered.raw()).contains("after");
    // a cursor of a page by person, given to a family paged by anchor date, starts nothing
    String personCursor =
        api.as("analyst")
            .get("/metrics/bed-days/records?from=2024-04-01&to=2026-03-31&limit=1")
            .body()
            .get("next")
            .asText();
    assertThat(personCursor).startsWith("p.");
    Api.Response mismatched =
        api.as("analyst")
            .get(
                "/metrics/length-of-stay/records?from=2024-04-01&to=2026-03-31&after="
                    + personCursor);
    assertThat(mismatched.status()).as(mismatched.toString()).isEqualTo(400);
  }

  /** Every page of a drill-down, following the cursors, each page's total the one expected. */
  private static List<com.fasterxml.jackson.databind.JsonNode> pages(
      Api as, String url, int total, int limit) {
    List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>();
    String next = null;
    do {
      Api.Response page = as.get(url + (next == null ? "" : "&after=" + next));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      assertThat(page.body().get("total").asInt()).as(url).isEqualTo(total);
      assertThat(page.body().get("records").size()).isLessThanOrEqualTo(limit);
      page.body().get("records").forEach(records::add);
      next = page.body().hasNonNull("next") ? page.body().get("next").asText() : null;
      assertThat(next == null || next.startsWith("k.") || next.startsWith("p.")).as(next).isTrue();
    } while (next != null);
    return records;
  }
}
