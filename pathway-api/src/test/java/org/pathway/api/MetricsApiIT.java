package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathway.api.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Metric queries over real HTTP against the projections in PostgreSQL. This class owns August to
 * October 2023 in the shared test database (no other test and no demo data goes before April 2024),
 * so its totals are exact whatever order the test classes run in.
 */
class MetricsApiIT extends ApiTestBase {

  private Api analyst() {
    return api.as("analyst");
  }

  private UUID[] spell(String admitted, String discharged) {
    UUID[] ids = registerWithReferral2023();
    // 2023: before MHSDS v6, so the v5 adult acute bed type 10 — and far from every other test's
    // dates
    Map<String, Object> placement = Api.placement("OAK", false, null, 4);
    placement.put("bedType", "10");
    Api.Response a =
        api.post("/service-users/" + ids[0] + "/spells", admission(ids[1], admitted, placement));
    assertThat(a.status()).as(a.toString()).isEqualTo(201);
    UUID spell = a.id("factId");
    if (discharged != null) {
      Api.Response d =
          api.post(
              "/service-users/" + ids[0] + "/spells/" + spell + "/discharge",
              json("occurredAt", discharged, "dischargeMethod", "1", "dischargeDestination", "19"));
      assertThat(d.status()).as(d.toString()).isEqualTo(201);
      return new UUID[] {ids[0], spell, d.id("factId")};
    }
    return new UUID[] {ids[0], spell, null};
  }

  private UUID[] registerWithReferral2023() {
    UUID su = register();
    Api.Response ref =
        api.post(
            "/service-users/" + su + "/referrals",
            json(
                "occurredAt",
                "2023-08-01T10:00:00Z",
                "sourceOfReferral",
                "A1",
                "teamTypeReferredTo",
                "A02",
                "priority",
                "URGENT"));
    return new UUID[] {su, ref.id("factId")};
  }

  private Map<String, JsonNode> figures(JsonNode group) {
    Map<String, JsonNode> figures = new HashMap<>();
    group.get("figures").forEach(f -> figures.put(f.get("name").asText(), f));
    return figures;
  }

  private Map<String, JsonNode> total(String query) {
    Api.Response r = analyst().get("/metrics/" + query);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return figures(r.body().get("total"));
  }

  @Test
  void length_of_stay_with_breakdown_csv_drill_down_and_series() {
    spell("2023-09-02T10:00:00Z", "2023-09-12T10:00:00Z"); // LOS 10
    spell("2023-09-05T09:00:00Z", "2023-09-05T17:00:00Z"); // LOS 0
    awaitProjection();

    Api.Response r =
        analyst().get("/metrics/length-of-stay?from=2023-09-01&to=2023-09-30&by=settingGroup");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("definition")).startsWith("pathway.los/2");
    assertThat(r.body().get("asAt").isNull()).isTrue();
    Map<String, JsonNode> total = figures(r.body().get("total"));
    assertThat(total.get("discharges").get("value").asDouble()).isEqualTo(2.0);
    assertThat(total.get("meanLos").get("value").asDouble()).isEqualTo(5.0);
    assertThat(total.get("meanLos").get("numerator").asLong()).isEqualTo(10);
    assertThat(total.get("meanLos").get("denominator").asLong()).isEqualTo(2);
    assertThat(r.body().at("/groups/0/key").asText()).isEqualTo("adult-acute");

    Api.Response csv =
        analyst()
            .get("/metrics/length-of-stay?from=2023-09-01&to=2023-09-30", "Accept", "text/csv");
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body().asText())
        .startsWith("metric,definition,from,to,asAt,group,figure,value")
        .contains("length-of-stay")
        .contains(",all,meanLos,5.0,10,2");

    Api.Response records =
        analyst().get("/metrics/length-of-stay/records?from=2023-09-01&to=2023-09-30");
    assertThat(records.body().get("records")).hasSize(2);
    assertThat(records.body().at("/records/0/los").isNumber()).isTrue();
    assertThat(records.body().get("total").asInt()).isEqualTo(2);
    assertThat(records.body().get("limit").asInt()).isEqualTo(100);
    assertThat(records.body().get("next").isNull()).isTrue();
    // keyset pages: one record each, together the two of the whole answer
    String paged = "/metrics/length-of-stay/records?from=2023-09-01&to=2023-09-30&limit=1";
    JsonNode first = analyst().get(paged).body();
    assertThat(first.get("records")).hasSize(1);
    assertThat(first.get("total").asInt()).isEqualTo(2);
    JsonNode second = analyst().get(paged + "&after=" + first.get("next").asText()).body();
    assertThat(second.get("records")).hasSize(1);
    assertThat(second.get("next").isNull()).isTrue();
    assertThat(List.of(first.at("/records/0"), second.at("/records/0")))
        .containsExactlyInAnyOrderElementsOf(records.body().get("records"));
    Api.Response csvPage = analyst().get(paged + "&format=csv");
    assertThat(csvPage.body().asText().split("\r\n")).hasSize(2);
    assertThat(csvPage.header("Pathway-Next-Page")).isEqualTo(first.get("next").asText());
    expect(analyst().get(paged.replace("limit=1", "limit=0")), "limit");
    expect(analyst().get(paged.replace("limit=1", "limit=1001")), "limit");
    expect(analyst().get(paged.replace("limit=1", "limit=ten")), "limit");
    expect(analyst().get(paged + "&after=not-a-cursor"), "after");
    Api.Response recordsCsv =
        analyst().get("/metrics/length-of-stay/records?from=2023-09-01&to=2023-09-30&format=csv");
    assertThat(recordsCsv.body().asText().split("\r\n")).hasSize(3);
    assertThat(recordsCsv.body().asText())
        .startsWith("spellId,serviceUserId,admittedOn,dischargedOn,los");

    Api.Response series = analyst().get("/metrics/bed-days/series?from=2023-08&to=2023-10");
    assertThat(series.status()).isEqualTo(200);
    assertThat(series.body().get("months")).hasSize(3);
    assertThat(series.body().at("/months/1/period/from").asText()).isEqualTo("2023-09-01");
    Map<String, JsonNode> september = figures(series.body().at("/months/1/total"));
    assertThat(september.get("occupiedBedDays").get("value").asDouble()).isEqualTo(10.0);
  }

  @Test
  void figures_as_at_a_past_time_ignore_later_entries_corrections_and_voids() throws Exception {
    // a late-recorded admission and discharge in October
    UUID[] s = spell("2023-10-03T10:00:00Z", "2023-10-08T10:00:00Z");
    String base = "/service-users/" + s[0];
    String recorded = api.get(base + "/facts/" + s[2]).text("recordedAt");
    String before =
        java.time.Instant.parse(api.get(base + "/facts/" + s[1]).text("recordedAt"))
            .minusMillis(1)
            .toString();
    Thread.sleep(10);
    // the admission date corrected: 1 October
    Api.Response corrected =
        api.post(
            base + "/facts/" + s[1] + "/corrections",
            json(
                "occurredAt",
                "2023-11-01T10:00:00Z",
                "changes",
                Map.of("occurredAt", "2023-10-01T10:00:00Z"),
                "reason",
                "wrong date"));
    assertThat(corrected.status()).isEqualTo(201);
    String afterCorrection =
        api.get(base + "/facts/" + s[1]).body().at("/corrections/0/recordedAt").asText();
    Thread.sleep(10);
    // then the discharge entered in error
    assertThat(
            api.post(
                    base + "/facts/" + s[2] + "/entered-in-error",
                    json("occurredAt", "2023-11-02T10:00:00Z", "reason", "wrong patient"))
                .status())
        .isEqualTo(201);
    awaitProjection();

    String q = "length-of-stay?from=2023-10-01&to=2023-10-31";
    assertThat(total(q + "&asAt=" + before).get("discharges").get("value").asDouble()).isZero();
    assertThat(total(q + "&asAt=" + recorded).get("meanLos").get("value").asDouble())
        .isEqualTo(5.0);
    assertThat(total(q + "&asAt=" + afterCorrection).get("meanLos").get("value").asDouble())
        .isEqualTo(7.0);
    assertThat(total(q).get("discharges").get("value").asDouble()).isZero();
    assertThat(
            total("bed-days?from=2023-10-01&to=2023-10-31")
                .get("censusAtPeriodEnd")
                .get("value")
                .asDouble())
        .isEqualTo(1.0);
    Api.Response asAt = analyst().get("/metrics/" + q + "&asAt=" + recorded);
    assertThat(asAt.text("asAt")).isEqualTo(recorded);
  }

  @Test
  void every_family_answers() {
    Api.Response list = analyst().get("/metrics");
    assertThat(list.body()).hasSize(9);
    for (JsonNode family : list.body()) {
      String name = family.get("metric").asText();
      Api.Response r = analyst().get("/metrics/" + name + "?from=2023-09-01&to=2023-09-30");
      assertThat(r.status()).as(name + " " + r).isEqualTo(200);
      assertThat(r.body().at("/total/figures")).as(name).isNotEmpty();
      Api.Response csv =
          analyst().get("/metrics/" + name + "?from=2023-09-01&to=2023-09-30&format=csv");
      assertThat(csv.header("Content-Type")).as(name).startsWith("text/csv");
      assertThat(csv.raw()).as(name).startsWith("metric,definition,from,to,asAt,group,figure");
      Api.Response records =
          analyst().get("/metrics/" + name + "/records?from=2023-09-01&to=2023-09-30");
      assertThat(records.status()).as(name).isEqualTo(200);
      assertThat(records.body().get("records").isArray()).as(name).isTrue();
    }
  }

  @Test
  void bad_parameters_are_400_naming_the_parameter() {
    expect(analyst().get("/metrics/happiness?from=2023-09-01&to=2023-09-30"), "metric");
    expect(analyst().get("/metrics/length-of-stay?from=2023-10-01&to=2023-09-30"), "from");
    expect(analyst().get("/metrics/length-of-stay?from=2023-09-01&to=30/09/2024"), "to");
    expect(analyst().get("/metrics/length-of-stay?to=2023-09-30"), "from");
    expect(analyst().get("/metrics/length-of-stay?from=2023-09-01&to=2023-09-30&by=colour"), "by");
    expect(analyst().get("/metrics/readmission?from=2023-09-01&to=2023-09-30&window=0"), "window");
    expect(analyst().get("/metrics/readmission?from=2023-09-01&to=2023-09-30&window=x"), "window");
    expect(
        analyst().get("/metrics/length-of-stay?from=2023-09-01&to=2023-09-30&asAt=yesterday"),
        "asAt");
    expect(analyst().get("/metrics/bed-days/series?from=2023-13&to=2023-10"), "from");
    expect(
        analyst().get("/metrics/length-of-stay/records?from=2023-09-01&to=2023-09-30&group=x"),
        "group");
  }

  @Test
  void records_sorted_in_java_come_in_postgresqls_uuid_order() {
    // the metric queries sort ids themselves instead of ORDER BY: the order must be the same
    java.util.Random random = new java.util.Random(11);
    List<UUID> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()));
    }
    ids.add(new UUID(Long.MIN_VALUE, 0));
    ids.add(new UUID(-1, -1));
    ids.add(new UUID(0, Long.MIN_VALUE));
    List<UUID> byPostgres =
        jdbc.queryForList(
            "SELECT id FROM unnest(?::uuid[]) AS t(id) ORDER BY id",
            UUID.class,
            (Object) ids.toArray(UUID[]::new));
    List<UUID> byJava = new java.util.ArrayList<>(ids);
    byJava.sort(org.pathway.projections.metrics.MetricsRepository.UUID_ORDER);
    assertThat(byJava).isEqualTo(byPostgres);
    List<UUID> bySignedHalves = new java.util.ArrayList<>(ids);
    java.util.Collections.sort(bySignedHalves);
    assertThat(bySignedHalves).isNotEqualTo(byPostgres); // so the test can tell them apart
  }

  private static void expect(Api.Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.text("field")).as(r.toString()).isEqualTo(field);
    assertThat(r.text("code")).isEqualTo("INVALID_FIELD_VALUE");
  }
}
