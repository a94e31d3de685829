package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pathway.api.audit.Pseudonyms;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The analysts' SQL views (docs/analytics.md), read over a connection of their own as a login role
 * in {@code pathway_analyst}, as Power BI, Excel or R would: a journey recorded through the API
 * shows in each view with the pseudonyms the API gives analysts, local dates and code labels, and
 * the role cannot read identity, the event store, the access log, the pseudonym table or the read
 * models beneath the views.
 */
class AnalyticsViewsIT extends ApiTestBase {
  @Autowired Pseudonyms pseudonyms;

  private Connection asAnalyst() throws SQLException {
    jdbc.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'it_analyst') THEN"
            + " CREATE ROLE it_analyst LOGIN PASSWORD 'it-analyst' IN ROLE pathway_analyst;"
            + " END IF; END $$");
    String url =
        jdbc.execute(
            (org.springframework.jdbc.core.ConnectionCallback<String>)
                c -> c.getMetaData().getURL());
    // the application's URL names its own user among its parameters: not the analyst's
    Connection c =
        DriverManager.getConnection(url.replaceFirst("\\?.*$", ""), "it_analyst", "it-analyst");
    assertThat(rows(c, "SELECT current_user AS u").get(0).get("u")).isEqualTo("it_analyst");
    return c;
  }

  private static List<Map<String, Object>> rows(Connection c, String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void a_journey_shows_in_every_view_pseudonymised_and_labelled_and_nothing_else_is_readable()
      throws Exception {
    Journey j = fullJourney();
    UUID su = j.serviceUser();
    UUID spell = j.spell();
    UUID placement = j.placement();
    awaitProjection();
    String person = pseudonyms.of(su);

    try (Connection analyst = asAnalyst()) {
      // a record shows once its ids have pseudonyms: seconds after it is recorded
      long deadline = System.nanoTime() + 30_000_000_000L;
      List<Map<String, Object>> spells;
      do {
        Thread.sleep(200);
        spells = rows(analyst, "SELECT * FROM analytics.spell WHERE person = '" + person + "'");
      } while (spells.isEmpty() && System.nanoTime() < deadline);
      assertThat(spells).hasSize(1);
      Map<String, Object> s = spells.get(0);
      assertThat(s.get("spell")).isEqualTo(pseudonyms.of(spell));
      assertThat(s.get("admitted_on")).isEqualTo(java.sql.Date.valueOf(LocalDate.of(2025, 3, 5)));
      assertThat(s.get("discharged_on"))
          .isEqualTo(java.sql.Date.valueOf(LocalDate.of(2025, 3, 28)));
      assertThat(s.get("length_of_stay_days")).isEqualTo(23);
      assertThat(s.get("admission_method")).isEqualTo("21");
      assertThat((String) s.get("admission_method_label")).isNotBlank();
      assertThat(s.get("discharge_destination")).isEqualTo("29");
      assertThat((String) s.get("discharge_destination_label")).isNotBlank();
      assertThat(s.get("any_out_of_area_ward_stay")).isEqualTo(true);
      assertThat(s.values()).doesNotContain(su.toString(), spell.toString());

      List<Map<String, Object>> stays =
          rows(
              analyst,
              "SELECT * FROM analytics.out_of_area_placement WHERE person = '" + person + "'");
      assertThat(stays).hasSize(1);
      assertThat(stays.get(0).get("oap_reason")).isEqualTo("10");
      assertThat(stays.get(0).get("oap_reason_group")).isEqualTo("inappropriate");
      assertThat(stays.get(0).get("distance_from_home_km")).isEqualTo(80);
      assertThat(stays.get(0).get("days")).isEqualTo(23);

      List<Map<String, Object>> delays =
          rows(analyst, "SELECT * FROM analytics.delay_period WHERE person = '" + person + "'");
      assertThat(delays).hasSize(1);
      assertThat(delays.get(0).get("delay_reason")).isEqualTo("14");
      assertThat((String) delays.get(0).get("delay_reason_label")).isNotBlank();
      assertThat(delays.get(0).get("end_on"))
          .isEqualTo(java.sql.Date.valueOf(LocalDate.of(2025, 3, 28)));

      List<Map<String, Object>> contacts =
          rows(analyst, "SELECT * FROM analytics.contact WHERE person = '" + person + "'");
      assertThat(contacts).hasSize(1);
      assertThat(contacts.get(0).get("attended")).isEqualTo(true);
      assertThat((String) contacts.get(0).get("contact_medium_label")).isNotBlank();

      List<Map<String, Object>> placements =
          rows(
              analyst,
              "SELECT * FROM analytics.step_down_placement WHERE person = '" + person + "'");
      assertThat(placements).hasSize(1);
      assertThat(placements.get(0).get("placement")).isEqualTo(pseudonyms.of(placement));
      assertThat(placements.get(0).get("discharge_spell")).isEqualTo(pseudonyms.of(spell));

      assertThat(rows(analyst, "SELECT * FROM analytics.code WHERE code_list = 'mhsds-oap-reason'"))
          .isNotEmpty();

      // what the role cannot read
      for (String table :
          List.of(
              "service_user_identity",
              "domain_event_entry",
              "access_log",
              "analytics_pseudonym",
              "spell_version",
              "fact_version",
              "command_idempotency")) {
        assertThatThrownBy(() -> rows(analyst, "SELECT * FROM " + table + " LIMIT 1"))
            .as(table)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      }
      // nor write anything
      assertThatThrownBy(
              () ->
                  rows(analyst, "DELETE FROM analytics_code WHERE code_list = 'x' RETURNING code"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
  }

  /**
   * The history views: every version with the recorded times it was valid between, so an analyst
   * asks "as known at T" with a filter; the plain view is the history's current rows. A corrected
   * legal status at admission shows as it was known before the correction and after; leave and
   * legal-status periods have views of their own.
   */
  @Test
  void history_views_answer_as_at_a_recorded_time() throws Exception {
    Journey j = fullJourney();
    awaitProjection();
    Thread.sleep(20);
    java.time.Instant before = java.time.Instant.now();
    Thread.sleep(20);
    assertThat(
            correct(j.serviceUser(), j.spell(), Map.of("legalStatus", "03"), "2025-04-01T10:00:00Z")
                .status())
        .isEqualTo(201);
    UUID[] open = registerWithReferral();
    UUID openSpell = admit(open[0], open[1], "2025-05-01T10:00:00Z");
    assertThat(
            api.post(
                    "/service-users/" + open[0] + "/spells/" + openSpell + "/leaves",
                    Api.json("occurredAt", "2025-05-03T10:00:00Z", "leaveType", "HOME_LEAVE"))
                .status())
        .isEqualTo(201);
    awaitProjection();
    String spell = pseudonyms.of(j.spell());
    String asAt =
        " AND known_since <= TIMESTAMPTZ '"
            + before
            + "' AND (known_until IS NULL OR known_until > TIMESTAMPTZ '"
            + before
            + "')";
    try (Connection analyst = asAnalyst()) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      List<Map<String, Object>> leave;
      do {
        Thread.sleep(200);
        leave =
            rows(
                analyst,
                "SELECT * FROM analytics.leave WHERE spell = '" + pseudonyms.of(openSpell) + "'");
      } while (leave.isEmpty() && System.nanoTime() < deadline);
      assertThat(leave).hasSize(1);
      assertThat(leave.get(0).get("leave_type")).isEqualTo("home leave");
      assertThat(leave.get(0).get("start_on"))
          .isEqualTo(java.sql.Date.valueOf(LocalDate.of(2025, 5, 3)));
      assertThat(leave.get(0).get("end_on")).isNull();

      String versions = "SELECT * FROM analytics.spell_history WHERE spell = '" + spell + "'";
      assertThat(rows(analyst, versions)).hasSizeGreaterThanOrEqualTo(2);
      List<Map<String, Object>> then = rows(analyst, versions + asAt);
      assertThat(then).hasSize(1);
      assertThat(then.get(0).get("legal_status_at_admission")).isEqualTo("01");
      List<Map<String, Object>> now =
          rows(analyst, "SELECT * FROM analytics.spell WHERE spell = '" + spell + "'");
      assertThat(now).hasSize(1);
      assertThat(now.get(0).get("legal_status_at_admission")).isEqualTo("03");
      assertThat(now.get(0).get("known_until")).isNull();

      List<Map<String, Object>> status =
          rows(analyst, "SELECT * FROM analytics.legal_status WHERE spell = '" + spell + "'");
      assertThat(status).hasSize(1);
      assertThat(status.get(0).get("legal_status")).isEqualTo("03");
      assertThat((String) status.get(0).get("legal_status_label")).isNotBlank();
      assertThat(status.get(0).get("start_on"))
          .isEqualTo(java.sql.Date.valueOf(LocalDate.of(2025, 3, 5)));
      assertThat(status.get(0).get("end_on"))
          .isEqualTo(java.sql.Date.valueOf(LocalDate.of(2025, 3, 28)));
      assertThat(
              rows(
                  analyst,
                  "SELECT * FROM analytics.legal_status_history WHERE spell = '"
                      + spell
                      + "'"
                      + asAt))
          .extracting(r -> r.get("legal_status"))
          .containsExactly("01");
      // the ward stays, delays and placements of that time too
      assertThat(
              rows(
                  analyst,
                  "SELECT * FROM analytics.out_of_area_placement_history WHERE spell = '"
                      + spell
                      + "'"
                      + asAt))
          .hasSize(1);
      assertThat(
              rows(
                  analyst,
                  "SELECT * FROM analytics.delay_period_history WHERE spell = '"
                      + spell
                      + "'"
                      + asAt))
          .hasSize(1);
    }
  }
}
