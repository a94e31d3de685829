package org.pathway.projections.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.pathway.projections.metrics.MetricAggregates;

/**
 * Keeps the versions of one journey in memory while a bulk rebuild applies all its events (a
 * version closed later in the journey is still in memory when it closes), then writes them as
 * PostgreSQL {@code COPY} text, one buffer per table. Values are written as the row-by-row sink
 * binds them: the same JSON, times to the microsecond rounded half up as the JDBC driver does.
 */
final class CopyVersionSink implements VersionSink {
  static final String FACT_COLUMNS =
      "fact_id, version_no, service_user_id, fact_type, occurred_at, occurred_on, fact_values,"
          + " recorded_from, recorded_to, ended_by, global_index, first_index, attended,"
          + " contact_medium, settled_indicator, accommodation_type";
  static final String SPELL_COLUMNS =
      "spell_id, version_no, service_user_id, admitted_on, discharged_on, detail, recorded_from,"
          + " recorded_to, has_delays, out_of_area";
  static final String PLACEMENT_COLUMNS =
      "placement_id, version_no, service_user_id, started_on, ended_on, detail, recorded_from,"
          + " recorded_to";
  static final String QUESTION_COLUMNS =
      "service_user_id, question_no, community_team, code, fact_id, occurred_at, detail,"
          + " resolved_by, resolved_by_target, related_fact_id, spell_id";

  static final String CONTRIBUTION_COLUMNS =
      "family, anchor_on, k1, k2, k3, k4, k5, v1, v2, s, n, recorded_at, spell_id";

  private final ObjectMapper json;
  private final List<Object[]> facts = new ArrayList<>();
  private final Map<String, Object[]> openFacts = new HashMap<>();
  private final List<Object[]> spells = new ArrayList<>();
  private final Map<String, Object[]> openSpells = new HashMap<>();
  private final List<Object[]> placements = new ArrayList<>();
  private final Map<String, Object[]> openPlacements = new HashMap<>();
  private UUID questionsOf;
  private String team;
  private List<DataQuality.Question> questions;

  /** The COPY text of every journey written so far, per table. */
  final StringBuilder factText = new StringBuilder();

  final StringBuilder spellText = new StringBuilder();
  final StringBuilder placementText = new StringBuilder();
  final StringBuilder questionText = new StringBuilder();
  final StringBuilder contributionText = new StringBuilder();

  private final CellSums cells = new CellSums();

  CopyVersionSink(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void insertFact(
      Fact fact, int version, Instant recordedFrom, long globalIndex, long firstIndex) {
    Object[] row =
        VersionSink.factRow(
            fact, version, recordedFrom, globalIndex, firstIndex, write(fact), t -> t);
    facts.add(row);
    openFacts.put(fact.factId() + "/" + version, row);
  }

  @Override
  public void closeFact(UUID factId, int version, Instant recordedTo, EndedBy endedBy) {
    Object[] row = openFacts.remove(factId + "/" + version);
    row[FACT_RECORDED_TO] = recordedTo;
    row[FACT_ENDED_BY] = endedBy.name();
  }

  @Override
  public void insertSpell(Spell s, int version, Instant recordedFrom) {
    Object[] row = VersionSink.spellRow(s, version, recordedFrom, write(s), t -> t);
    spells.add(row);
    openSpells.put(s.spellId() + "/" + version, row);
  }

  @Override
  public void closeSpell(UUID spellId, int version, Instant recordedTo) {
    openSpells.remove(spellId + "/" + version)[RECORDED_TO] = recordedTo;
  }

  @Override
  public void insertPlacement(Placement p, int version, Instant recordedFrom) {
    Object[] row = VersionSink.placementRow(p, version, recordedFrom, write(p), t -> t);
    placements.add(row);
    openPlacements.put(p.placementId() + "/" + version, row);
  }

  @Override
  public void closePlacement(UUID placementId, int version, Instant recordedTo) {
    openPlacements.remove(placementId + "/" + version)[RECORDED_TO] = recordedTo;
  }

  /**
   * The deltas go straight to the COPY text (they never change once written), and are summed into
   * the cells they count in ({@link #cellText()}).
   */
  @Override
  public void contributions(
      List<MetricAggregates.Delta> deltas, MetricAggregates aggregates, Instant recordedAt) {
    for (MetricAggregates.Delta d : deltas) {
      line(contributionText, VersionSink.contributionRow(d, recordedAt));
    }
    cells.add(deltas, aggregates, recordedAt);
  }

  /** How many cells have sums not written yet. */
  int bufferedCells() {
    return cells.size();
  }

  /**
   * The cell sums so far as COPY text of {@link CellSums#COLUMNS}, then forgotten: partial sums,
   * which the rebuild adds up with those of the other workers (a cell may be in several).
   */
  String cellText() {
    StringBuilder b = new StringBuilder();
    cells.drain(false).forEach(row -> line(b, row));
    return b.toString();
  }

  @Override
  public void replaceQuestions(
      UUID serviceUserId, String communityTeam, List<DataQuality.Question> questions) {
    this.questionsOf = serviceUserId;
    this.team = communityTeam;
    this.questions = questions;
  }

  /** Appends the journey's rows to the COPY text and forgets the journey. */
  void endJourney() {
    facts.forEach(r -> line(factText, r));
    spells.forEach(r -> line(spellText, r));
    placements.forEach(r -> line(placementText, r));
    if (questions != null) {
      for (int i = 0; i < questions.size(); i++) {
        DataQuality.Question q = questions.get(i);
        line(
            questionText,
            new Object[] {
              questionsOf,
              i + 1,
              team,
              q.code().name(),
              q.factId(),
              q.occurredAt(),
              q.detail(),
              q.resolvedBy(),
              q.resolvedByTarget(),
              q.relatedFactId(),
              q.spellId()
            });
      }
    }
    facts.clear();
    openFacts.clear();
    spells.clear();
    openSpells.clear();
    placements.clear();
    openPlacements.clear();
    questionsOf = null;
    team = null;
    questions = null;
  }

  int bufferedChars() {
    return factText.length()
        + spellText.length()
        + placementText.length()
        + questionText.length()
        + contributionText.length();
  }

  private static void line(StringBuilder b, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        b.append('\t');
      }
      Object v = row[i];
      if (v == null) {
        b.append("\\N");
      } else if (v instanceof Instant t) {
        instant(b, t);
      } else if (v instanceof LocalDate d) {
        date(b, d);
      } else if (v instanceof String s) {
        escape(b, s);
      } else {
        b.append(v);
      }
    }
    b.append('\n');
  }

  /**
   * {@code yyyy-mm-dd hh:mm:ss.ffffff+00}: to the microsecond rounded half up, as the JDBC driver
   * binds a timestamp (written by hand: {@code Instant.toString} was a tenth of a rebuild).
   */
  static void instant(StringBuilder b, Instant t) {
    Instant r = t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    long seconds = r.getEpochSecond();
    date(b, LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400)));
    int second = (int) Math.floorMod(seconds, 86_400);
    b.append(' ');
    two(b, second / 3600);
    b.append(':');
    two(b, second / 60 % 60);
    b.append(':');
    two(b, second % 60);
    b.append('.');
    String micros = Integer.toString(r.getNano() / 1000);
    b.append("000000", 0, 6 - micros.length()).append(micros).append("+00");
  }

  static void date(StringBuilder b, LocalDate d) {
    int year = d.getYear();
    if (year < 1000 || year > 9999) {
      b.append(d); // outside four digits: the ISO form, which PostgreSQL reads too
      return;
    }
    b.append(year).append('-');
    two(b, d.getMonthValue());
    b.append('-');
    two(b, d.getDayOfMonth());
  }

  private static void two(StringBuilder b, int v) {
    b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /**
   * COPY text format: backslash, tab, newline and carriage return escaped. The runs between them
   * are appended whole (a character at a time was a fifth of a rebuild worker's time).
   */
  static void escape(StringBuilder b, String s) {
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      String escaped =
          switch (s.charAt(i)) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
          };
      if (escaped != null) {
        b.append(s, start, i).append(escaped);
        start = i + 1;
      }
    }
    b.append(s, start, s.length());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
