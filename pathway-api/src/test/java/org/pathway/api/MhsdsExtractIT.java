package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * The MHSDS-shaped monthly extract over real HTTP and PostgreSQL: a demo population migrated with
 * its source's recorded times spread over two years (some facts learnt months late); for several
 * months, now and as at a recorded time soon after the month, the extracts of the month and the
 * months around it are loaded into an empty schema and Pathway's figures recomputed from them alone
 * with the plain SQL of {@code mhsds-reconciliation.sql} (the national measure logic). Every figure
 * must be exactly Pathway's, for analysts' pseudonymised extracts and administrators' identified
 * ones.
 */
class MhsdsExtractIT extends ApiTestBase {
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Test
  void figures_recomputed_from_the_extracts_alone_are_pathways_now_and_as_at() throws Exception {
    importMigratedDemo(600, 44);
    edgeCases();

    List<Map<String, Object>> seen = new ArrayList<>();
    YearMonth feb = YearMonth.parse("2025-02");
    YearMonth jul = YearMonth.parse("2025-07");
    YearMonth sep = YearMonth.parse("2025-09");
    for (YearMonth[] period : List.of(new YearMonth[] {feb, feb}, new YearMonth[] {jul, sep})) {
      String soonAfter = period[1].plusMonths(1).atDay(3) + "T12:00:00Z";
      Map<String, Object> now = reconcile(period[0], period[1], null, "analyst");
      Map<String, Object> then = reconcile(period[0], period[1], soonAfter, "analyst");
      // the as-at extract is not the current one: facts of the period learnt late were unknown then
      assertThat(then).as("as at %s differs from now", soonAfter).isNotEqualTo(now);
      seen.add(now);
      seen.add(then);
    }
    // the identified extracts hold the same history; a whole year
    assertThat(reconcile(jul, sep, null, "admin")).isEqualTo(seen.get(2));
    seen.add(reconcile(YearMonth.parse("2025-04"), YearMonth.parse("2026-03"), null, "admin"));
    // and the population is no empty one: each measure has something to count, in each period
    for (Map<String, Object> f : seen) {
      assertThat((Long) f.get("length-of-stay.discharges")).as(f.toString()).isGreaterThan(10);
      assertThat((Long) f.get("bed-days.leave")).as(f.toString()).isGreaterThan(0);
      assertThat((Long) f.get("delayed-discharge.delay_days")).as(f.toString()).isGreaterThan(0);
      assertThat((Long) f.get("out-of-area.adult-acute.bed_days"))
          .as(f.toString())
          .isGreaterThan(0);
      assertThat((Long) f.get("follow-up-72h.eligible")).as(f.toString()).isGreaterThan(5);
      assertThat((Long) f.get("follow-up-72h.followed_up")).as(f.toString()).isGreaterThan(0);
      assertThat((Long) f.get("readmission.28.emergency_readmitted"))
          .as(f.toString())
          .isGreaterThan(0);
    }
    Map<String, Object> year = seen.get(seen.size() - 1);
    assertThat((Long) year.get("length-of-stay.los_sum"))
        .isGreaterThan((Long) year.get("length-of-stay.los_excluding_crfd_sum"));
    assertThat((Long) year.get("out-of-area.all.repatriations")).isGreaterThan(0);
    assertThat((Long) year.get("out-of-area.adult-acute.inappropriate_bed_days")).isGreaterThan(0);
    assertThat((Long) year.get("readmission.30.any_readmitted"))
        .isGreaterThan((Long) year.get("readmission.14.any_readmitted"));
  }

  /**
   * Journeys recorded now, in August 2025, at the edges of the definitions the demo population does
   * not reach: delay periods a day apart (joined), same-date (dropped) and separate; leave across a
   * ward move; an out-of-area placement continued through an out-of-area transfer, repatriated, and
   * a second one; a readmission on the day of discharge; contacts on day 0, by email, missed and on
   * day 4; a death two days after discharge; an out-of-area placement outside adult acute.
   */
  private void edgeCases() {
    UUID[] a = registerWithReferral();
    String spells = "/service-users/" + a[0] + "/spells";
    UUID first = created(spells, admission(a[1], "2025-08-01T10:00:00Z"));
    String spell = spells + "/" + first;
    UUID leave =
        created(
            spell + "/leaves",
            Api.json("occurredAt", "2025-08-04T10:00:00Z", "leaveType", "HOME_LEAVE"));
    created(
        spell + "/ward-transfers",
        Api.json(
            "occurredAt",
            "2025-08-05T14:00:00Z",
            "placement",
            Api.placement("ELM", false, null, 3)));
    created(spell + "/leaves/" + leave + "/end", Api.json("occurredAt", "2025-08-07T18:00:00Z"));
    delay(spell, "2025-08-10T12:00:00Z", "2025-08-12T17:00:00Z");
    delay(spell, "2025-08-13T12:00:00Z", "2025-08-15T17:00:00Z"); // a day after: joined
    delay(spell, "2025-08-18T12:00:00Z", "2025-08-18T18:00:00Z"); // same date: dropped
    delay(spell, "2025-08-19T12:00:00Z", null); // separate; open at discharge
    discharge(spell, "2025-08-25T11:00:00Z", "19");
    UUID second = created(spells, admission(a[1], "2025-08-25T20:00:00Z")); // day 0
    discharge(spells + "/" + second, "2025-09-02T10:00:00Z", "19");
    String contacts = "/service-users/" + a[0] + "/community-contacts";
    contact(a[0], "2025-09-02T15:00:00Z", "02"); // day 0
    contact(a[0], "2025-09-03T10:00:00Z", "05"); // email
    created(
        contacts,
        Api.json("occurredAt", "2025-09-04T10:00:00Z", "attended", false, "contactMedium", "01"));
    contact(a[0], "2025-09-06T10:00:00Z", "01"); // day 4

    UUID[] b = registerWithReferral();
    spells = "/service-users/" + b[0] + "/spells";
    spell =
        spells
            + "/"
            + created(
                spells,
                admission(b[1], "2025-07-20T10:00:00Z", Api.placement("FAR-1", true, "10", 80)));
    transfer(spell, "2025-07-25T10:00:00Z", Api.placement("FAR-2", true, "10", 90));
    transfer(spell, "2025-08-03T10:00:00Z", Api.placement("OAK", false, null, 4));
    transfer(spell, "2025-08-10T10:00:00Z", Api.placement("FAR-3", true, "14", 40));
    discharge(spell, "2025-08-20T11:00:00Z", "19");
    created("/service-users/" + b[0] + "/death", Api.json("occurredAt", "2025-08-22T09:00:00Z"));

    UUID[] c = registerWithReferral();
    Map<String, Object> rehab = Api.placement("REHAB-1", true, "11", 30);
    rehab.put("bedType", "212");
    spells = "/service-users/" + c[0] + "/spells";
    discharge(
        spells + "/" + created(spells, admission(c[1], "2025-08-05T10:00:00Z", rehab)),
        "2025-08-09T11:00:00Z",
        "29");
    awaitProjection();
  }

  private UUID created(String path, Object body) {
    Api.Response r = api.post(path, body);
    assertThat(r.status()).as(path + " " + r).isEqualTo(201);
    return r.id("factId");
  }

  private void delay(String spell, String ready, String ended) {
    UUID delay =
        created(
            spell + "/delays",
            Api.json("occurredAt", ready, "delayReason", "18", "attributableTo", "05"));
    if (ended != null) {
      created(spell + "/delays/" + delay + "/end", Api.json("occurredAt", ended));
    }
  }

  private void transfer(String spell, String when, Object placement) {
    created(spell + "/ward-transfers", Api.json("occurredAt", when, "placement", placement));
  }

  private void discharge(String spell, String when, String destination) {
    created(
        spell + "/discharge",
        Api.json("occurredAt", when, "dischargeMethod", "1", "dischargeDestination", destination));
  }

  @Test
  void the_analysts_extract_is_pseudonymised_and_the_administrators_identified_and_logged()
      throws Exception {
    importDemo(30, 6);
    String month = "2025-06";
    Map<String, List<String[]>> pseudonymised = unzip(extract("analyst", month, null));
    Map<String, List<String[]>> identified = unzip(extract("admin", month, null));

    assertThat(identified).containsKey("MHS001MPI.csv");
    assertThat(pseudonymised).doesNotContainKey("MHS001MPI.csv");
    assertThat(pseudonymised.keySet())
        .containsAll(
            Set.of(
                "manifest.json",
                "MHS101Referral.csv",
                "MHS102ServiceTypeReferredTo.csv",
                "MHS501HospProvSpell.csv",
                "MHS502WardStay.csv",
                "MHS401MHActPeriod.csv",
                "MHS509HomeLeave.csv",
                "MHS510LeaveOfAbsence.csv",
                "MHS518ClinReadyforDischarge.csv",
                "MHS201CareContact.csv",
                "MHS003AccommStatus.csv",
                "Pathway_PersonDeath.csv"));
    // the same rows, but no Pathway id leaves in the analysts' one, and no NHS number
    for (Map.Entry<String, List<String[]>> t : pseudonymised.entrySet()) {
      if (t.getKey().endsWith(".csv")) {
        assertThat(t.getValue()).hasSameSizeAs(identified.get(t.getKey()));
        for (String[] row : t.getValue()) {
          for (String cell : row) {
            assertThat(UUID_TEXT.matcher(cell).find()).as(t.getKey() + ": " + cell).isFalse();
            assertThat(cell).doesNotStartWith("999");
          }
        }
      }
    }
    List<String[]> spells = identified.get("MHS501HospProvSpell.csv");
    assertThat(spells.size()).isGreaterThan(1);
    assertThat(spells.get(0)[0]).isEqualTo("UniqHospProvSpellID");
    // the analysts' spell ids are the pseudonyms the drill-downs give
    Set<String> drillDown = new java.util.HashSet<>();
    api.as("analyst")
        .get("/metrics/bed-days/records?from=2025-06-01&to=2025-06-30&limit=1000")
        .body()
        .get("records")
        .forEach(r -> drillDown.add(r.get("spellId").asText()));
    Set<String> extracted = new java.util.HashSet<>();
    pseudonymised.get("MHS501HospProvSpell.csv").stream().skip(1).forEach(r -> extracted.add(r[0]));
    assertThat(extracted).isEqualTo(drillDown);
    // the identified persons are those of the identity table, each read logged under the admin
    List<String[]> people = identified.get("MHS001MPI.csv");
    assertThat(people.get(0)).startsWith("LocalPatientId", "NHSNumber", "PersonBirthDate");
    for (String[] p : people.subList(1, people.size())) {
      String nhs =
          jdbc.queryForObject(
              "SELECT nhs_number FROM service_user_identity WHERE service_user_id = ?::uuid",
              String.class,
              p[0]);
      assertThat(p[1]).isEqualTo(nhs);
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM access_log WHERE service_user_id = ?::uuid"
                      + " AND principal = 'admin' AND endpoint LIKE '/extracts/mhsds/2025-06%'",
                  Long.class, p[0]))
          .isGreaterThanOrEqualTo(1);
    }
    // the command line writes the same extract
    java.nio.file.Path file = java.nio.file.Files.createTempFile("mhsds-", ".zip");
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
    assertThat(
            org.pathway.api.cli.Cli.run(
                new String[] {
                  "extract",
                  "--month",
                  month,
                  "--out",
                  file.toString(),
                  "--url",
                  "http://127.0.0.1:" + port
                },
                new java.io.PrintStream(said, true),
                System.err))
        .isZero();
    assertThat(said.toString()).startsWith("wrote the MHSDS extract of 2025-06");
    Map<String, List<String[]>> fromCli = unzip(java.nio.file.Files.readAllBytes(file));
    assertThat(fromCli.keySet()).isEqualTo(pseudonymised.keySet());
    for (String name : fromCli.keySet()) {
      if (name.endsWith(".csv")) {
        assertThat(fromCli.get(name)).as(name).containsExactlyElementsOf(pseudonymised.get(name));
      }
    }
    java.nio.file.Files.delete(file);
    JsonNode manifest = Api.JSON.readTree(identified.get("manifest.json").get(0)[0]);
    assertThat(manifest.get("uniqMonthId").asInt()).isEqualTo(1503); // (2025 − 1900) × 12 + 6 − 3
    assertThat(manifest.get("identified").asBoolean()).isTrue();
    // taken with the read models caught up: nothing stored was left out
    assertThat(manifest.at("/readModels/eventsBehind").asLong()).isZero();
    assertThat(manifest.at("/readModels/eventStoreHead").asLong())
        .isEqualTo(
            jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class));
    assertThat(manifest.at("/tables/MHS501HospProvSpell.csv").asInt()).isEqualTo(spells.size() - 1);
  }

  @Test
  void refusals_name_what_was_wrong() {
    assertProblem(api.as("analyst").get("/extracts/mhsds/2025-13"), 400, "month");
    assertProblem(api.as("analyst").get("/extracts/mhsds/June"), 400, "month");
    assertProblem(api.as("analyst").get("/extracts/mhsds/2025-06?asAt=yesterday"), 400, "asAt");
    assertThat(api.as("clinician").get("/extracts/mhsds/2025-06").status()).isEqualTo(403);
    assertThat(api.as("auditor").get("/extracts/mhsds/2025-06").status()).isEqualTo(403);
    assertThat(api.as(null).get("/extracts/mhsds/2025-06").status()).isEqualTo(401);
  }

  private static void assertProblem(Api.Response r, int status, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.raw()).contains(field);
  }

  private byte[] extract(String user, String month, String asAt) {
    Api.Download d =
        api.as(user).download("/extracts/mhsds/" + month + (asAt == null ? "" : "?asAt=" + asAt));
    assertThat(d.status()).as(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(d.header("Content-Type")).isEqualTo("application/zip");
    return d.bytes();
  }

  /** Each file of the zip: CSVs as rows of cells (header first), the manifest as one cell. */
  private static Map<String, List<String[]>> unzip(byte[] zip) throws IOException {
    Map<String, List<String[]>> files = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        if (e.getName().endsWith(".csv")) {
          for (String line : text.split("\r\n")) {
            rows.add(line.split(",", -1)); // no cell of these tables holds a comma or quote
          }
        } else {
          rows.add(new String[] {text});
        }
        files.put(e.getName(), rows);
      }
    }
    return files;
  }

  /**
   * Loads the extracts of the month before {@code first} to two after {@code last}, as {@code user}
   * and as at {@code asAt}, into an empty schema; runs the reconciliation SQL; checks every figure
   * against {@code /metrics} for the months and the same as-at time; returns the figures.
   */
  private Map<String, Object> reconcile(YearMonth first, YearMonth last, String asAt, String user)
      throws Exception {
    List<byte[]> zips = new ArrayList<>();
    for (YearMonth m = first.minusMonths(1); !m.isAfter(last.plusMonths(2)); m = m.plusMonths(1)) {
      zips.add(extract(user, m.toString(), asAt));
    }
    String schema = "recon_" + UUID.randomUUID().toString().replace("-", "");
    String s = "DATE '" + first.atDay(1) + "'";
    String e = "DATE '" + last.atEndOfMonth() + "'";
    Map<String, String> sql = statements();
    Map<String, Object> got =
        jdbc.execute(
            (ConnectionCallback<Map<String, Object>>)
                con -> {
                  // the setup is one string of statements, each reading tables the ones before it
                  // made: once a pooled connection has run it prepareThreshold (5) times, pgjdbc
                  // would prepare them all on the server before running the first ("relation
                  // "delay" does not exist"); unnamed statements are parsed one after another
                  org.postgresql.PGConnection pg = con.unwrap(org.postgresql.PGConnection.class);
                  int threshold = pg.getPrepareThreshold();
                  pg.setPrepareThreshold(0);
                  try (Statement st = con.createStatement()) {
                    st.execute("CREATE SCHEMA " + schema);
                    st.execute("SET search_path TO " + schema);
                    load(con, zips);
                    st.execute(sql.get("setup"));
                    Map<String, Object> figures = new LinkedHashMap<>();
                    for (String name :
                        List.of(
                            "length-of-stay",
                            "bed-days",
                            "delayed-discharge",
                            "out-of-area",
                            "follow-up-72h")) {
                      figures.putAll(
                          rows(st, name, sql.get(name).replace(":s", s).replace(":e", e)));
                    }
                    for (int w : List.of(14, 28, 30)) {
                      Map<String, Object> r =
                          rows(
                              st,
                              "readmission",
                              sql.get("readmission")
                                  .replace(":s", s)
                                  .replace(":e", e)
                                  .replace(":w", Integer.toString(w)));
                      r.forEach(
                          (k, v) ->
                              figures.put(k.replace("readmission.", "readmission." + w + "."), v));
                    }
                    return figures;
                  } finally {
                    try (Statement st = con.createStatement()) {
                      st.execute("SET search_path TO public");
                      st.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                    pg.setPrepareThreshold(threshold);
                  }
                });
    // a breakdown with nothing in it is no row of the SQL's answer: zero
    for (String scope : List.of("adult-acute", "all")) {
      for (String c :
          List.of(
              "started",
              "active_at_end",
              "ended",
              "repatriations",
              "bed_days",
              "inappropriate_bed_days")) {
        got.putIfAbsent("out-of-area." + scope + "." + c, 0L);
      }
    }
    String q =
        "?from="
            + first.atDay(1)
            + "&to="
            + last.atEndOfMonth()
            + (asAt == null ? "" : "&asAt=" + asAt);
    String why =
        first
            + ".."
            + last
            + " as at "
            + (asAt == null ? "now" : asAt)
            + " from "
            + user
            + "'s extract";

    // each figure of /metrics for the same period and as-at time, against the SQL's column
    got.put(
        "bed-days.less_leave",
        (Long) got.get("bed-days.occupied") - (Long) got.get("bed-days.leave"));
    same(
        got,
        figures("/metrics/length-of-stay" + q),
        why,
        "length-of-stay.discharges discharges.value",
        "length-of-stay.los_sum meanLos.numerator",
        "length-of-stay.median_los medianLos.value",
        "length-of-stay.p90_los p90Los.value",
        "length-of-stay.los_60_plus los60PlusShare.numerator",
        "length-of-stay.los_90_plus los90PlusShare.numerator",
        "length-of-stay.within_32_days within32DaysShare.numerator",
        "length-of-stay.los_excluding_crfd_sum meanLosExcludingClinicallyReady.numerator");
    same(
        got,
        figures("/metrics/bed-days" + q),
        why,
        "bed-days.occupied occupiedBedDays.value",
        "bed-days.less_leave bedDaysLessLeave.value",
        "bed-days.census censusAtPeriodEnd.value",
        "bed-days.admissions admissions.value",
        "bed-days.discharges discharges.value");
    same(
        got,
        figures("/metrics/delayed-discharge" + q),
        why,
        "delayed-discharge.delay_days delayDays.value",
        "delayed-discharge.delay_days delayDaysShareOfOccupiedBedDays.numerator",
        "bed-days.occupied delayDaysShareOfOccupiedBedDays.denominator",
        "delayed-discharge.open_at_end delayPeriodsOpenAtPeriodEnd.value",
        "delayed-discharge.open_days_so_far daysDelayedSoFarOfOpenPeriods.value");
    for (String scope : List.of("adult-acute", "all")) {
      String p = "out-of-area." + scope + ".";
      same(
          got,
          figures("/metrics/out-of-area" + q + "&scope=" + scope),
          why + " " + scope,
          p + "started started.value",
          p + "active_at_end activeAtPeriodEnd.value",
          p + "ended ended.value",
          p + "repatriations repatriations.value",
          p + "bed_days oapBedDays.value",
          p + "inappropriate_bed_days inappropriateOapBedDays.value");
    }
    for (int w : List.of(14, 28, 30)) {
      String p = "readmission." + w + ".";
      same(
          got,
          figures("/metrics/readmission" + q + "&window=" + w),
          why + " W=" + w,
          p + "index_discharges indexDischarges.value",
          p + "emergency_readmitted emergencyReadmissionRate.numerator",
          p + "any_readmitted anyReadmissionRate.numerator",
          p + "median_days medianDaysToEmergencyReadmission.value");
    }
    same(
        got,
        figures("/metrics/follow-up-72h" + q),
        why,
        "follow-up-72h.eligible eligibleDischarges.value",
        "follow-up-72h.followed_up followedUp.value",
        "follow-up-72h.eligible_unshifted followUpRateUnshiftedPeriod.denominator",
        "follow-up-72h.followed_up_unshifted followUpRateUnshiftedPeriod.numerator");
    return got;
  }

  /** The reconciliation SQL's statements by name (what follows each "-- name:" line). */
  private static Map<String, String> statements() throws IOException {
    String all;
    try (var in = MhsdsExtractIT.class.getResourceAsStream("/mhsds-reconciliation.sql")) {
      all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> named = new HashMap<>();
    String[] parts = all.split("(?m)^-- name: ");
    for (int i = 1; i < parts.length; i++) {
      int eol = parts[i].indexOf('\n');
      named.put(parts[i].substring(0, eol).trim(), parts[i].substring(eol + 1));
    }
    return named;
  }

  /**
   * Every CSV of every zip into a table named after it (lower case), all columns text, each zip's
   * rows appended.
   */
  private static void load(Connection con, List<byte[]> zips) throws SQLException {
    Set<String> created = new java.util.HashSet<>();
    try (Statement st = con.createStatement()) {
      for (byte[] zip : zips) {
        for (Map.Entry<String, List<String[]>> file : unzipText(zip).entrySet()) {
          String table = file.getKey().replace(".csv", "").toLowerCase(java.util.Locale.ROOT);
          String text = file.getValue().get(0)[0];
          String header = text.substring(0, text.indexOf("\r\n"));
          if (created.add(table)) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
            String[] columns = header.split(",");
            for (int i = 0; i < columns.length; i++) {
              ddl.append(i > 0 ? ", " : "").append(columns[i]).append(" TEXT");
            }
            st.execute(ddl.append(")").toString());
          }
          try {
            con.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                    "COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)",
                    new StringReader(text));
          } catch (IOException ex) {
            throw new SQLException(ex);
          }
        }
      }
    }
  }

  private static Map<String, List<String[]>> unzipText(byte[] zip) {
    Map<String, List<String[]>> files = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().endsWith(".csv")) {
          files.put(
              e.getName(),
              List.<String[]>of(
                  new String[] {new String(in.readAllBytes(), StandardCharsets.UTF_8)}));
        }
      }
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
    return files;
  }

  /**
   * The statement's rows as "name.column" (the first column, when text or boolean, names the row
   * instead: "out-of-area.adult-acute.started"); integers as Long, decimals as Double.
   */
  private static Map<String, Object> rows(Statement st, String name, String sql)
      throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        String prefix = name + ".";
        int first = 1;
        if (md.getColumnType(1) == java.sql.Types.BIT
            || md.getColumnType(1) == java.sql.Types.BOOLEAN) {
          Object key = rs.getObject(1);
          prefix += key == null ? "all." : Boolean.TRUE.equals(key) ? "adult-acute." : "other.";
          first = 2;
        }
        for (int c = first; c <= md.getColumnCount(); c++) {
          Object v = rs.getObject(c);
          out.put(
              prefix + md.getColumnLabel(c),
              v == null
                  ? null
                  : v instanceof java.math.BigDecimal d
                      ? (Object) d.doubleValue()
                      : v instanceof Number n ? (Object) n.longValue() : v);
        }
      }
    }
    return out;
  }

  private Map<String, JsonNode> figures(String path) {
    Api.Response r = api.as("analyst").get(path);
    assertThat(r.status()).as(path + " " + r).isEqualTo(200);
    Map<String, JsonNode> byName = new HashMap<>();
    r.body().at("/total/figures").forEach(f -> byName.put(f.get("name").asText(), f));
    return byName;
  }

  /**
   * Each pair "sqlColumn figure.part" (part value, numerator or denominator): the SQL's figure is
   * exactly the API's — integers as integers, medians and percentiles to their two decimals.
   */
  private static void same(
      Map<String, Object> got, Map<String, JsonNode> api, String why, String... pairs) {
    for (String pair : pairs) {
      String column = pair.substring(0, pair.indexOf(' '));
      String figure = pair.substring(pair.indexOf(' ') + 1, pair.lastIndexOf('.'));
      String part = pair.substring(pair.lastIndexOf('.') + 1);
      assertThat(api).as(why + ": " + figure).containsKey(figure);
      JsonNode v = api.get(figure).get(part);
      Object expected =
          v == null || v.isNull()
              ? null
              : got.get(column) instanceof Double ? (Object) v.asDouble() : (Object) v.asLong();
      assertThat(got.get(column)).as(why + ": " + pair).isEqualTo(expected);
    }
  }
}
