package org.pathway.projections.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.domain.time.ClinicalTime;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Loads what a metric query needs from the bitemporal read models, as known at the query's recorded
 * time: each table is filtered to the versions valid then ({@code recorded_from <= T <
 * recorded_to}), so "as at" is a query.
 */
@Repository
public class MetricsRepository {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  /**
   * Parsed versions, least recently used dropped first, bounded so that the heap stays bounded
   * whatever the size of the history ({@code pathway.metrics.cached-versions}).
   */
  private final Cache<VersionKey, Object> spellCache;

  private final Cache<VersionKey, Object> placementCache;

  private final QueryBudget budget;

  public MetricsRepository(
      JdbcTemplate jdbc,
      ObjectMapper json,
      @Value("${pathway.metrics.cached-versions:100000}") int cachedVersions,
      @Value("${pathway.metrics.max-records:0}") int maxRecords,
      @Value("${pathway.metrics.budget-wait:5s}") java.time.Duration budgetWait) {
    this.jdbc = jdbc;
    this.json = json;
    this.budget =
        new QueryBudget(
            maxRecords > 0 ? maxRecords : QueryBudget.forHeap(Runtime.getRuntime().maxMemory()),
            budgetWait.toMillis());
    this.spellCache = Caffeine.newBuilder().maximumSize(cachedVersions).build();
    this.placementCache =
        Caffeine.newBuilder().maximumSize(Math.max(1, cachedVersions / 5)).build();
  }

  /** What this node's metric queries may hold at once. */
  public QueryBudget budget() {
    return budget;
  }

  /**
   * What {@code needs} says, as known at {@code asAt}, each kind of record counted into {@code
   * share} before it is read in full (a query over more than the budget is refused before its
   * spells are parsed).
   */
  public MetricData load(Period period, Instant asAt, DataNeeds needs, QueryBudget.Share share) {
    return load(period, asAt, needs, share, null);
  }

  /**
   * The same, of the service users of {@code spellIds} only (their whole data in the window, as
   * {@link #load(Period, Instant, DataNeeds, QueryBudget.Share)} reads it): what a page of a
   * drill-down is computed from.
   */
  public MetricData loadPeopleOf(
      java.util.Collection<UUID> spellIds,
      Period period,
      Instant asAt,
      DataNeeds needs,
      QueryBudget.Share share) {
    UUID[] people =
        jdbc.queryForList(
                "SELECT DISTINCT service_user_id FROM spell_version WHERE spell_id = ANY(?::uuid[])",
                UUID.class,
                (Object) spellIds.toArray(UUID[]::new))
            .toArray(UUID[]::new);
    return load(period, asAt, needs, share, people);
  }

  /**
   * The same, of {@code people} only: what a page of a drill-down by service user is computed from.
   */
  public MetricData loadPeople(
      java.util.Collection<UUID> people,
      Period period,
      Instant asAt,
      DataNeeds needs,
      QueryBudget.Share share) {
    return load(period, asAt, needs, share, people.toArray(UUID[]::new));
  }

  /** What the records of a family are made from ({@code Composite#recordsFrom}). */
  public enum Source {
    /** spell versions overlapping the period */
    SPELLS,
    /** spell versions overlapping the period with delay periods */
    SPELLS_WITH_DELAYS,
    /** spell versions overlapping the period with a ward stay out of area */
    SPELLS_OUT_OF_AREA,
    /** step-down placement versions overlapping the period */
    PLACEMENTS,
    /** accommodation statuses on or before the period's last day */
    ACCOMMODATION
  }

  /**
   * Up to {@code limit} service users after {@code after} (from the first when {@code null}), in
   * PostgreSQL's order of uuids, who have versions of {@code source} in {@code period} as known at
   * {@code asAt} (see {@link Source}): everyone who can have a record of the period in a family
   * whose records are made of {@code source}. Read in that order from the index of the versions by
   * service user (a partial one for the spells with delays, or out of area) and stopped at the
   * limit, so its cost follows the share of people with such versions in the period, not the size
   * of the history.
   */
  public List<UUID> peopleAfter(Source source, Period period, Instant asAt, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    String from;
    switch (source) {
      case SPELLS, SPELLS_WITH_DELAYS, SPELLS_OUT_OF_AREA -> {
        // the period, not the window load reads: every record of these families is of a spell
        // overlapping it (time in the community looks on past it only for the next admission)
        from =
            "spell_version WHERE COALESCE(discharged_on, 'infinity'::date) >= ?"
                + " AND admitted_on <= ?"
                + (source == Source.SPELLS_WITH_DELAYS
                    ? " AND has_delays"
                    : source == Source.SPELLS_OUT_OF_AREA ? " AND out_of_area" : "");
        args.add(period.from());
        args.add(period.to());
      }
      case PLACEMENTS -> {
        from =
            "placement_version WHERE COALESCE(ended_on, 'infinity'::date) >= ?"
                + " AND started_on <= ?";
        args.add(period.from());
        args.add(period.to());
      }
      case ACCOMMODATION -> {
        from = "fact_version WHERE fact_type = 'AccommodationStatusRecorded' AND occurred_on <= ?";
        args.add(period.to());
      }
      default -> throw new IllegalStateException(source.name());
    }
    if (after != null) {
      from += " AND service_user_id > ?";
      args.add(after);
    }
    if (asAt != null) {
      args.add(Timestamp.from(asAt));
      args.add(Timestamp.from(asAt));
    }
    args.add(limit);
    return jdbc.queryForList(
        "SELECT DISTINCT service_user_id FROM "
            + from
            + valid(asAt)
            + " ORDER BY service_user_id LIMIT ?",
        UUID.class,
        args.toArray());
  }

  private MetricData load(
      Period period, Instant asAt, DataNeeds needs, QueryBudget.Share share, UUID[] people) {
    Instant at = asAt == null ? Instant.now() : asAt;
    String of = people == null ? "" : " AND service_user_id = ANY(?::uuid[])";
    dropCachesAfterRebuild();
    LocalDate from = period.from().minusDays(needs.spellLookBackDays());
    LocalDate to = period.to().plusDays(needs.spellLookAheadDays());
    List<Spell> spells =
        !needs.spells()
            ? List.of()
            : versions(
                "spell_version",
                "spell_id",
                "COALESCE(discharged_on, 'infinity'::date) >= ? AND admitted_on <= ?" + of,
                Spell.class,
                spellCache,
                args(asAt, people, from, to),
                asAt,
                share);
    List<Placement> placements =
        !needs.placements()
            ? List.<Placement>of()
            : versions(
                "placement_version",
                "placement_id",
                "COALESCE(ended_on, 'infinity'::date) >= ? AND started_on <= ?" + of,
                Placement.class,
                placementCache,
                args(asAt, people, period.from(), period.to()),
                asAt,
                share);
    List<MetricData.Contact> contacts =
        !needs.contacts()
            ? List.<MetricData.Contact>of()
            : jdbc.query(
                "SELECT fact_id, service_user_id, occurred_on, attended, contact_medium"
                    + " FROM fact_version"
                    + " WHERE fact_type = 'CommunityContactRecorded' AND occurred_on BETWEEN ? AND ?"
                    + of
                    + valid(asAt),
                (rs, i) ->
                    new MetricData.Contact(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class),
                        rs.getBoolean(4),
                        rs.getString(5)),
                args(asAt, people, from, to));
    share.take(contacts.size() / 10);
    contacts = sorted(contacts, MetricData.Contact::contactId);
    List<MetricData.Death> deaths =
        !needs.deaths()
            ? List.<MetricData.Death>of()
            : jdbc.query(
                "SELECT service_user_id, occurred_on FROM fact_version WHERE fact_type = 'DeathRecorded'"
                    + of
                    + valid(asAt)
                    + " ORDER BY first_index", // recording order: the first recorded death counts
                (rs, i) ->
                    new MetricData.Death(
                        rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class)),
                args(asAt, people));
    List<MetricData.AccommodationStatus> accommodation =
        !needs.accommodation()
            ? List.<MetricData.AccommodationStatus>of()
            : jdbc
                .query(
                    "SELECT service_user_id, occurred_on, first_index, settled_indicator,"
                        + " accommodation_type, fact_id FROM fact_version"
                        + " WHERE fact_type = 'AccommodationStatusRecorded' AND occurred_on <= ?"
                        + of
                        + valid(asAt),
                    (rs, i) ->
                        new Keyed<>(
                            rs.getObject(6, UUID.class),
                            new MetricData.AccommodationStatus(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, LocalDate.class),
                                rs.getLong(3),
                                rs.getString(4),
                                rs.getString(5))),
                    args(asAt, people, period.to()))
                .stream()
                .sorted(Comparator.comparing(Keyed::id, UUID_ORDER))
                .map(Keyed::value)
                .toList();
    // each status is a record of the question (settled accommodation reads nothing else)
    share.take(accommodation.size());
    return new MetricData(
        spells, placements, contacts, deaths, accommodation, ClinicalTime.localDate(at));
  }

  /**
   * Versions are immutable, so each is parsed once and kept: a query reads only the (id, version)
   * pairs valid at its recorded time and fetches the detail of the versions it has not seen yet.
   */
  private <T> List<T> versions(
      String table,
      String idColumn,
      String where,
      Class<T> type,
      Cache<VersionKey, Object> cache,
      Object[] args,
      Instant asAt,
      QueryBudget.Share share) {
    List<VersionKey> keys =
        jdbc.query(
            "SELECT " + idColumn + ", version_no FROM " + table + " WHERE " + where + valid(asAt),
            (rs, i) -> new VersionKey(rs.getObject(1, UUID.class), rs.getInt(2)),
            args);
    share.take(keys.size());
    keys.sort(Comparator.comparing(VersionKey::id, UUID_ORDER));
    // one cache look-up per key, in the keys' order; only the missing ones go through a map
    Object[] values = new Object[keys.size()];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      values[i] = cache.getIfPresent(keys.get(i));
      if (values[i] == null) {
        missing.add(i);
      }
    }
    for (int from = 0; from < missing.size(); from += 1000) {
      List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + 1000));
      Map<VersionKey, Integer> positions = new HashMap<>(batch.size() * 2);
      batch.forEach(i -> positions.put(keys.get(i), i));
      UUID[] ids = batch.stream().map(i -> keys.get(i).id()).toArray(UUID[]::new);
      Integer[] versionNos = batch.stream().map(i -> keys.get(i).version()).toArray(Integer[]::new);
      jdbc.query(
          "SELECT t."
              + idColumn
              + ", t.version_no, t.detail::text FROM "
              + table
              + " t"
              + " JOIN unnest(?::uuid[], ?::int[]) AS k(id, v) ON t."
              + idColumn
              + " = k.id AND t.version_no = k.v",
          rs -> {
            VersionKey key = new VersionKey(rs.getObject(1, UUID.class), rs.getInt(2));
            Object value = read(rs.getString(3), type);
            values[positions.get(key)] = value;
            cache.put(key, value);
          },
          ids,
          versionNos);
    }
    List<T> result = new ArrayList<>(values.length);
    for (Object value : values) {
      if (value != null) {
        result.add(type.cast(value));
      }
    }
    return result;
  }

  private record VersionKey(UUID id, int version) {}

  private record Keyed<T>(UUID id, T value) {}

  /**
   * PostgreSQL's order of uuids (their 16 bytes compared unsigned), so that records come in the
   * order an {@code ORDER BY id} gave them, sorted here instead: PostgreSQL sorted them on disk.
   * ({@link UUID#compareTo} compares signed halves, a different order.)
   */
  public static final Comparator<UUID> UUID_ORDER =
      (a, b) -> {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0
            ? c
            : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
      };

  private static <T> List<T> sorted(List<T> values, java.util.function.Function<T, UUID> id) {
    List<T> copy = new ArrayList<>(values);
    copy.sort(Comparator.comparing(id, UUID_ORDER));
    return copy;
  }

  private volatile Long generation;

  /**
   * A rebuild switches in new tables (a new generation): a version number may then stand for
   * different content, so what was parsed from the old tables is dropped.
   */
  private void dropCachesAfterRebuild() {
    Long now =
        jdbc.queryForObject(
            "SELECT generation FROM read_model_generation WHERE read_model = 'journey-history'",
            Long.class);
    if (!now.equals(generation)) {
      spellCache.invalidateAll();
      placementCache.invalidateAll();
      generation = now;
    }
  }

  private static String valid(Instant asAt) {
    return asAt == null
        ? " AND recorded_to IS NULL"
        : " AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)";
  }

  /** The leading arguments, the people after them when there are some, then the recorded time. */
  private static Object[] args(Instant asAt, UUID[] people, Object... leading) {
    List<Object> all = new ArrayList<>(List.of(leading));
    if (people != null) {
      all.add(people);
    }
    if (asAt != null) {
      all.add(Timestamp.from(asAt));
      all.add(Timestamp.from(asAt));
    }
    return all.toArray();
  }

  private <T> T read(String value, Class<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
