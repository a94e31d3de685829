package org.pathway.api.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.pathway.api.audit.Pseudonyms;
import org.pathway.api.metrics.Csv;
import org.pathway.domain.journey.LeaveType;
import org.pathway.domain.journey.ReferralPriority;
import org.pathway.domain.time.ClinicalTime;
import org.pathway.projections.journey.Spell;
import org.pathway.projections.metrics.MetricsRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The MHSDS-shaped monthly extract (docs/interop.md): for a reporting month, as known at a recorded
 * time, the journeys as the MHSDS v6 tables a trust submits — their column names and codes — one
 * CSV per table in a zip, with a manifest.
 *
 * <p>What a month holds, as MHSDS submissions do: the referrals and hospital spells active in it
 * (open on any of its days), each spell with its whole ward-stay, clinically-ready-for-discharge,
 * leave and legal-status history (so a measure that looks back within a spell — the first day of a
 * delay, the start of an out-of-area placement — can be computed from the month alone), the care
 * contacts and accommodation statuses dated in it, and each person in any of these with their date
 * of death if one is recorded. Read from the bitemporal read models the metrics read, in one
 * repeatable-read transaction, so every table is of the same moment.
 *
 * <p>Identified for administrators ({@code MHS001MPI} with NHS number, date of birth, postcode);
 * pseudonymised for analysts: every id is the API's pseudonym and the identity table is left out.
 */
@Service
public class MhsdsExtract {
  /** The definition of the extract's shape; bumped when a table or column changes. */
  public static final String VERSION = "pathway.mhsds-extract/1 (MHSDS v6 table and column names)";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Pseudonyms pseudonyms;
  private final TransactionTemplate snapshot;

  MhsdsExtract(
      JdbcTemplate jdbc,
      ObjectMapper json,
      Pseudonyms pseudonyms,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.pseudonyms = pseudonyms;
    this.snapshot = new TransactionTemplate(transactions);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  /** What was asked, and by whom (the manifest records it). */
  public record Request(
      YearMonth month, Instant asAt, boolean identified, String requestedBy, String role) {}

  /** The zip, and the people in it (an identified extract is written to the access log). */
  /**
   * The zip, the people in it (an identified extract is written to the access log), its rows per
   * table, and how many stored events the read models it was made from had not yet handled.
   */
  public record Made(byte[] zip, List<UUID> people, Map<String, Integer> rows, long eventsBehind) {}

  /** MHSDS's month number: {@code (year − 1900) × 12 + month − 3} (April 2024 = 1489). */
  public static int uniqMonthId(YearMonth month) {
    return (month.getYear() - 1900) * 12 + month.getMonthValue() - 3;
  }

  public Made make(Request request) {
    return snapshot.execute(tx -> build(request));
  }

  private Made build(Request request) {
    LocalDate from = request.month().atDay(1);
    LocalDate to = request.month().atEndOfMonth();
    String month = Integer.toString(uniqMonthId(request.month()));
    Ids ids = new Ids(request.identified(), pseudonyms);
    Map<String, Table> tables = new LinkedHashMap<>();

    List<Spell> spells = spells(from, to, request.asAt());
    Map<UUID, Referral> referrals = referrals(from, to, request.asAt(), spells);
    TreeSet<UUID> people = new TreeSet<>(MetricsRepository.UUID_ORDER);
    spells.forEach(s -> people.add(s.serviceUserId()));
    referrals.values().forEach(r -> people.add(r.serviceUserId));

    // MHS101: the referral; ReasonOAT is the reason of the first out-of-area ward stay of the
    // referral's spells in this extract (Pathway records the reason on the placement itself)
    Map<UUID, String> reasonOat = new HashMap<>();
    for (Spell s : spells) {
      for (Spell.WardStay w : s.wardStays()) {
        if (w.outOfArea() && s.referralId() != null) {
          reasonOat.putIfAbsent(s.referralId(), w.oapReason());
        }
      }
    }
    Table mhs101 =
        table(
            tables,
            "MHS101Referral",
            "UniqServReqID",
            "LocalPatientId",
            "ReferralRequestReceivedDate",
            "ReferralRequestReceivedTime",
            "SourceOfReferralMH",
            "ClinRespPriorityType",
            "PrimReasonReferralMH",
            "ReasonOAT",
            "ServDischDate",
            "ServDischTime",
            "UniqMonthID");
    Table mhs102 =
        table(
            tables,
            "MHS102ServiceTypeReferredTo",
            "UniqServReqID",
            "LocalPatientId",
            "ServTeamTypeRefToMH",
            "ReferClosureDate",
            "ReferClosureTime",
            "ReferClosReason",
            "ReferRejectionDate",
            "ReferRejectionTime",
            "ReferRejectReason",
            "UniqMonthID");
    for (Referral r : referrals.values()) {
      Instant discharged = r.closedAt != null ? r.closedAt : r.declinedAt;
      mhs101.row(
          ids.of(r.id),
          ids.of(r.serviceUserId),
          date(r.receivedAt),
          time(r.receivedAt),
          r.source,
          r.priority == null ? null : r.priority.mhsdsCode(),
          r.primaryReason,
          reasonOat.get(r.id),
          date(discharged),
          time(discharged),
          month);
      mhs102.row(
          ids.of(r.id),
          ids.of(r.serviceUserId),
          r.teamType,
          date(r.closedAt),
          time(r.closedAt),
          r.closedReason,
          date(r.declinedAt),
          time(r.declinedAt),
          r.declinedReason,
          month);
    }

    Table mhs501 =
        table(
            tables,
            "MHS501HospProvSpell",
            "UniqHospProvSpellID",
            "UniqServReqID",
            "LocalPatientId",
            "StartDateHospProvSpell",
            "StartTimeHospProvSpell",
            "SourceAdmMHHospProvSpell",
            "MethAdmMHHospProvSpell",
            "EstimatedDischDateHospProvSpell",
            "DischDateHospProvSpell",
            "DischTimeHospProvSpell",
            "MethOfDischMHHospProvSpell",
            "DestOfDischHospProvSpell",
            "UniqMonthID");
    Table mhs502 =
        table(
            tables,
            "MHS502WardStay",
            "UniqWardStayID",
            "UniqHospProvSpellID",
            "LocalPatientId",
            "StartDateWardStay",
            "EndDateWardStay",
            "WardCode",
            "OrgIDProv",
            "MHAdmittedPatientClass",
            "WardLocDistanceHome",
            "Pathway_WardStayOrder",
            "Pathway_Locality",
            "Pathway_OutOfArea",
            "Pathway_ReasonOAT",
            "UniqMonthID");
    Table mhs401 =
        table(
            tables,
            "MHS401MHActPeriod",
            "UniqMHActEpisodeID",
            "UniqHospProvSpellID",
            "LocalPatientId",
            "LegalStatusCode",
            "StartDateMHActLegalStatusClass",
            "EndDateMHActLegalStatusClass",
            "UniqMonthID");
    Table mhs509 =
        table(
            tables,
            "MHS509HomeLeave",
            "UniqHomeLeaveID",
            "UniqHospProvSpellID",
            "LocalPatientId",
            "StartDateHomeLeave",
            "EndDateHomeLeave",
            "UniqMonthID");
    Table mhs510 =
        table(
            tables,
            "MHS510LeaveOfAbsence",
            "UniqLOAID",
            "UniqHospProvSpellID",
            "LocalPatientId",
            "StartDateMHLeaveAbs",
            "EndDateMHLeaveAbs",
            "UniqMonthID");
    Table mhs518 =
        table(
            tables,
            "MHS518ClinReadyforDischarge",
            "UniqClinReadyforDischID",
            "UniqHospProvSpellID",
            "LocalPatientId",
            "StartDateClinReadyforDisch",
            "EndDateClinReadyforDisch",
            "ClinReadyforDischDelayReason",
            "AttribToIndic",
            "UniqMonthID");
    for (Spell s : spells) {
      String spell = ids.of(s.spellId());
      String person = ids.of(s.serviceUserId());
      mhs501.row(
          spell,
          ids.of(s.referralId()),
          person,
          s.admittedOn(),
          time(s.admittedAt()),
          s.admissionSource(),
          s.admissionMethod(),
          s.estimatedDischargeDate(),
          s.dischargedOn(),
          time(s.dischargedAt()),
          s.dischargeMethod(),
          s.dischargeDestination(),
          month);
      int n = 0;
      for (Spell.WardStay w : s.wardStays()) {
        mhs502.row(
            ids.of(w.wardStayId()),
            spell,
            person,
            w.startOn(),
            w.endOn(),
            w.ward(),
            w.provider(),
            w.bedType(),
            w.distanceFromHomeKm(),
            ++n,
            w.locality(),
            w.outOfArea() ? "Y" : "N",
            w.oapReason(),
            month);
      }
      List<Spell.LegalStatusPeriod> statuses = s.legalStatuses();
      for (int i = 0; i < statuses.size(); i++) {
        LocalDate end = i + 1 < statuses.size() ? statuses.get(i + 1).fromOn() : s.dischargedOn();
        mhs401.row(
            spell + "-" + (i + 1),
            spell,
            person,
            statuses.get(i).legalStatus(),
            statuses.get(i).fromOn(),
            end,
            month);
      }
      for (Spell.LeavePeriod l : s.leaves()) {
        (l.type() == LeaveType.HOME_LEAVE ? mhs509 : mhs510)
            .row(ids.of(l.leaveId()), spell, person, l.startOn(), l.endOn(), month);
      }
      for (Spell.DelayPeriod d : s.delays()) {
        mhs518.row(
            ids.of(d.delayId()),
            spell,
            person,
            d.startOn(),
            d.endOn(),
            d.reason(),
            d.attributableTo(),
            month);
      }
    }

    // MHS201: care contacts dated in the month; Pathway records attended or not, given as
    // AttendStatus 5 (attended on time) or 3 (did not attend)
    Table mhs201 =
        table(
            tables,
            "MHS201CareContact",
            "UniqCareContID",
            "LocalPatientId",
            "CareContDate",
            "CareContTime",
            "AttendStatus",
            "ConsMechanismMH",
            "UniqMonthID");
    jdbc.query(
        "SELECT fact_id, service_user_id, occurred_at, attended, contact_medium FROM fact_version"
            + " WHERE fact_type = 'CommunityContactRecorded' AND occurred_on BETWEEN ? AND ?"
            + valid(request.asAt())
            + " ORDER BY occurred_at, fact_id",
        rs -> {
          UUID person = rs.getObject(2, UUID.class);
          people.add(person);
          Instant at = rs.getTimestamp(3).toInstant();
          mhs201.row(
              ids.of(rs.getObject(1, UUID.class)),
              ids.of(person),
              date(at),
              time(at),
              rs.getBoolean(4) ? "5" : "3",
              rs.getString(5),
              month);
        },
        args(request.asAt(), from, to));

    Table mhs003 =
        table(
            tables,
            "MHS003AccommStatus",
            "UniqAccommStatusID",
            "LocalPatientId",
            "AccommodationType",
            "AccommodationTypeDate",
            "SettledAccommodationInd",
            "UniqMonthID");
    jdbc.query(
        "SELECT fact_id, service_user_id, occurred_on, accommodation_type, settled_indicator"
            + " FROM fact_version WHERE fact_type = 'AccommodationStatusRecorded'"
            + " AND occurred_on BETWEEN ? AND ?"
            + valid(request.asAt())
            + " ORDER BY occurred_on, first_index",
        rs -> {
          UUID person = rs.getObject(2, UUID.class);
          people.add(person);
          mhs003.row(
              ids.of(rs.getObject(1, UUID.class)),
              ids.of(person),
              rs.getString(4),
              rs.getObject(3, LocalDate.class),
              rs.getString(5),
              month);
        },
        args(request.asAt(), from, to));

    // the first recorded death of each person in the extract (what 72-hour follow-up reads)
    Map<UUID, LocalDate> deaths = new HashMap<>();
    jdbc.query(
        "SELECT DISTINCT ON (service_user_id) service_user_id, occurred_on FROM fact_version"
            + " WHERE fact_type = 'DeathRecorded' AND service_user_id = ANY(?::uuid[])"
            + valid(request.asAt())
            + " ORDER BY service_user_id, first_index",
        rs -> {
          deaths.put(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class));
        },
        args(request.asAt(), (Object) people.toArray(UUID[]::new)));

    if (request.identified()) {
      Table mhs001 =
          table(
              tables,
              "MHS001MPI",
              "LocalPatientId",
              "NHSNumber",
              "PersonBirthDate",
              "Postcode",
              "PersDeathDate",
              "Pathway_LocalIdentifier",
              "UniqMonthID");
      Map<UUID, Object[]> identity = new HashMap<>();
      jdbc.query(
          "SELECT service_user_id, nhs_number, date_of_birth, postcode, local_identifier"
              + " FROM service_user_identity WHERE service_user_id = ANY(?::uuid[])",
          rs -> {
            identity.put(
                rs.getObject(1, UUID.class),
                new Object[] {
                  rs.getString(2),
                  rs.getObject(3, LocalDate.class),
                  rs.getString(4),
                  rs.getString(5)
                });
          },
          (Object) people.toArray(UUID[]::new));
      for (UUID person : people) {
        Object[] i = identity.getOrDefault(person, new Object[4]);
        mhs001.row(ids.of(person), i[0], i[1], i[2], deaths.get(person), i[3], month);
      }
    }
    Table died =
        table(tables, "Pathway_PersonDeath", "LocalPatientId", "PersDeathDate", "UniqMonthID");
    for (UUID person : people) {
      if (deaths.containsKey(person)) {
        died.row(ids.of(person), deaths.get(person), month);
      }
    }

    Map<String, Integer> rows = new LinkedHashMap<>();
    tables.forEach((name, t) -> rows.put(name, t.rows));
    long[] position = readModelPosition();
    return new Made(
        zip(tables, manifest(request, from, to, rows, position)),
        List.copyOf(people),
        rows,
        Math.max(0, position[0] - position[1]));
  }

  /**
   * The event store's last index and the last the journey-history read models had handled (the
   * lowest over their segments), in this snapshot: an extract taken while they catch up (just after
   * an import, say) lacks what they have not handled yet, and its manifest says so.
   */
  private long[] readModelPosition() {
    long head =
        jdbc.queryForObject(
            "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
    Long handled =
        jdbc.queryForObject(
            "SELECT min(coalesce((t->>'index')::bigint, (t#>>'{currentToken,index}')::bigint, -1))"
                + " FROM (SELECT CASE WHEN token IS NULL THEN NULL"
                + " ELSE convert_from(token, 'UTF8')::jsonb END t FROM token_entry"
                + " WHERE processor_name = ?) tokens",
            Long.class,
            org.pathway.projections.history.JourneyHistoryProjection.PROCESSING_GROUP);
    return new long[] {head, handled == null ? -1 : handled};
  }

  private byte[] manifest(
      Request request, LocalDate from, LocalDate to, Map<String, Integer> rows, long[] position) {
    ObjectNode m = json.createObjectNode();
    m.put("extract", VERSION);
    m.put("reportingMonth", request.month().toString());
    m.put("uniqMonthId", uniqMonthId(request.month()));
    m.put("reportingPeriodStartDate", from.toString());
    m.put("reportingPeriodEndDate", to.toString());
    m.put("asAt", request.asAt() == null ? null : request.asAt().toString()); // null: as now known
    m.put("generatedAt", OffsetDateTime.now(ClinicalTime.ZONE).toString());
    m.put("generatedBy", request.requestedBy());
    m.put("role", request.role());
    m.put("identified", request.identified());
    m.put(
        "ids",
        request.identified()
            ? "Pathway's ids (service users, referrals, spells, ward stays, periods, contacts)"
            : "pseudonyms, the same the API's drill-downs and the analytics views give");
    ObjectNode models = m.putObject("readModels");
    models.put("eventStoreHead", position[0]);
    models.put("handledUpTo", position[1]);
    models.put("eventsBehind", Math.max(0, position[0] - position[1]));
    ObjectNode counts = m.putObject("tables");
    rows.forEach((name, n) -> counts.put(name + ".csv", n));
    m.put(
        "note",
        "Dates are Europe/London local dates, times local times. Columns named Pathway_… are not"
            + " MHSDS: they carry what Pathway records beyond it (docs/interop.md).");
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zip(Map<String, Table> tables, byte[] manifest) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write(manifest);
      zip.closeEntry();
      for (Table t : tables.values()) {
        zip.putNextEntry(new ZipEntry(t.name + ".csv"));
        zip.write(t.csv.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The spells open on any day of the month, as known at {@code asAt}, in admission order. */
  private List<Spell> spells(LocalDate from, LocalDate to, Instant asAt) {
    List<Spell> spells =
        jdbc.query(
            "SELECT detail::text FROM spell_version"
                + " WHERE admitted_on <= ? AND COALESCE(discharged_on, 'infinity'::date) >= ?"
                + valid(asAt),
            (rs, i) -> read(rs.getString(1), Spell.class),
            args(asAt, to, from));
    List<Spell> sorted = new ArrayList<>(spells);
    sorted.sort(
        java.util.Comparator.comparing(Spell::admittedAt)
            .thenComparing(Spell::spellId, MetricsRepository.UUID_ORDER));
    return sorted;
  }

  /** A referral as its facts say, as known at a recorded time. */
  private static final class Referral {
    UUID id;
    UUID serviceUserId;
    Instant receivedAt;
    String source;
    String teamType;
    ReferralPriority priority;
    String primaryReason;
    Instant closedAt;
    String closedReason;
    Instant declinedAt;
    String declinedReason;
  }

  /**
   * The referrals active in the month (received by its end, not closed or declined before its
   * start) and those of its spells, in order of receipt.
   */
  private Map<UUID, Referral> referrals(
      LocalDate from, LocalDate to, Instant asAt, List<Spell> spells) {
    UUID[] ofSpells =
        spells.stream()
            .map(Spell::referralId)
            .filter(java.util.Objects::nonNull)
            .distinct()
            .toArray(UUID[]::new);
    Map<UUID, Referral> all = new HashMap<>();
    // the ends first: whether a referral ended before the month decides whether it is in it
    Map<UUID, Object[]> ends = new HashMap<>();
    jdbc.query(
        "SELECT fact_type, (fact_values->>'referralId')::uuid, occurred_at, fact_values->>'reason'"
            + " FROM fact_version WHERE fact_type IN ('ReferralClosed', 'ReferralDeclined')"
            + valid(asAt)
            + " ORDER BY occurred_at",
        rs -> {
          UUID referral = rs.getObject(2, UUID.class);
          Object[] end = ends.computeIfAbsent(referral, k -> new Object[4]);
          int at = "ReferralClosed".equals(rs.getString(1)) ? 0 : 2;
          if (end[at] == null) {
            end[at] = rs.getTimestamp(3).toInstant();
            end[at + 1] = rs.getString(4);
          }
        },
        args(asAt));
    jdbc.query(
        "SELECT fact_id, service_user_id, occurred_at, fact_values::text FROM fact_version"
            + " WHERE fact_type = 'ReferralReceived' AND (occurred_on <= ? OR fact_id = ANY(?::uuid[]))"
            + valid(asAt),
        rs -> {
          Referral r = new Referral();
          r.id = rs.getObject(1, UUID.class);
          r.serviceUserId = rs.getObject(2, UUID.class);
          r.receivedAt = rs.getTimestamp(3).toInstant();
          JsonNode values = read(rs.getString(4), JsonNode.class);
          r.source = text(values, "sourceOfReferral");
          r.teamType = text(values, "teamTypeReferredTo");
          String priority = text(values, "priority");
          r.priority = priority == null ? null : ReferralPriority.valueOf(priority);
          r.primaryReason = text(values, "primaryReason");
          Object[] end = ends.getOrDefault(r.id, new Object[4]);
          r.closedAt = (Instant) end[0];
          r.closedReason = (String) end[1];
          r.declinedAt = (Instant) end[2];
          r.declinedReason = (String) end[3];
          all.put(r.id, r);
        },
        args(asAt, to, ofSpells));
    java.util.Set<UUID> linked = new java.util.HashSet<>(Arrays.asList(ofSpells));
    TreeMap<String, Referral> inOrder = new TreeMap<>();
    for (Referral r : all.values()) {
      Instant ended = r.closedAt != null ? r.closedAt : r.declinedAt;
      boolean active = ended == null || !ClinicalTime.localDate(ended).isBefore(from);
      if (linked.contains(r.id) || active) {
        inOrder.put(r.receivedAt + "/" + r.id, r);
      }
    }
    Map<UUID, Referral> result = new LinkedHashMap<>();
    inOrder.values().forEach(r -> result.put(r.id, r));
    return result;
  }

  private static String text(JsonNode values, String field) {
    JsonNode v = values.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private <T> T read(String value, Class<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String valid(Instant asAt) {
    return asAt == null
        ? " AND recorded_to IS NULL"
        : " AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)";
  }

  private static Object[] args(Instant asAt, Object... leading) {
    List<Object> all = new ArrayList<>(Arrays.asList(leading));
    if (asAt != null) {
      all.add(Timestamp.from(asAt));
      all.add(Timestamp.from(asAt));
    }
    return all.toArray();
  }

  private static LocalDate date(Instant at) {
    return at == null ? null : ClinicalTime.localDate(at);
  }

  private static String time(Instant at) {
    return at == null ? null : at.atZone(ClinicalTime.ZONE).toLocalTime().format(TIME);
  }

  private static Table table(Map<String, Table> tables, String name, String... columns) {
    Table t = new Table(name);
    t.csv.append(Csv.line(Arrays.asList(columns)));
    tables.put(name, t);
    return t;
  }

  /** One CSV file of the zip. */
  private static final class Table {
    final String name;
    final StringBuilder csv = new StringBuilder();
    int rows;

    Table(String name) {
      this.name = name;
    }

    void row(Object... values) {
      csv.append(Csv.line(Arrays.asList(values)));
      rows++;
    }
  }

  /** Ids as they leave: Pathway's own for administrators, the API's pseudonyms for analysts. */
  private record Ids(boolean identified, Pseudonyms pseudonyms) {
    String of(UUID id) {
      return id == null ? null : identified ? id.toString() : pseudonyms.of(id);
    }
  }
}
