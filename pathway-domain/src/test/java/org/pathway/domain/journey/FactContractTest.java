package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathway.domain.time.ClinicalTime;

/**
 * The contract of every fact type, checked field by field: a correction of a correctable field
 * changes that field and nothing else; a link between facts cannot be corrected; each required
 * field, left out, is refused naming that field.
 */
class FactContractTest {
  /** Fields a fact may leave out. */
  private static final Set<String> OPTIONAL =
      Set.of(
          "primaryReason",
          "estimatedDischargeDate",
          "placement.wardSecurityLevel",
          "placement.distanceFromHomeKm",
          "accommodationType",
          "reason",
          "dischargeSpellId",
          "communityTeam");

  /** Links between facts: never correctable (void the fact and record it again). */
  private static final Set<String> LINKS =
      Set.of(
          "serviceUserId",
          "factId",
          "referralId",
          "spellId",
          "leaveId",
          "delayId",
          "placementId",
          "dischargeSpellId");

  static Stream<Fact> facts() {
    return EventSnapshotTest.samples().values().stream()
        .filter(Fact.class::isInstance)
        .map(Fact.class::cast);
  }

  @ParameterizedTest
  @MethodSource("facts")
  void a_correction_changes_exactly_the_field_it_names(Fact fact) throws Exception {
    assertThat(fact.amend(new FieldChanges(Map.of()))).isEqualTo(fact);
    for (String field : fieldNames((Record) fact)) {
      Object current = value((Record) fact, field);
      String replacement = replacement(field, current);
      String key = field.startsWith("placement.") ? field.substring("placement.".length()) : field;
      FieldChanges changes = new FieldChanges(Map.of(key, replacement));
      if (LINKS.contains(field)) {
        Fact amended = fact.amend(changes);
        assertThat(amended).as(field + " is a link").isEqualTo(fact);
        assertThatThrownBy(() -> changes.requireAllUsed("x"))
            .isInstanceOf(JourneyRejection.class)
            .extracting(e -> ((JourneyRejection) e).code())
            .isEqualTo(RejectionCode.UNKNOWN_FIELD);
        continue;
      }
      Fact amended = fact.amend(changes);
      changes.requireAllUsed(fact.getClass().getSimpleName());
      assertThat(String.valueOf(value((Record) amended, field)))
          .as(fact.getClass().getSimpleName() + "." + field)
          .isEqualTo(expected(field, current, replacement));
      for (String other : fieldNames((Record) fact)) {
        if (!other.equals(field)) {
          assertThat(value((Record) amended, other))
              .as(other + " unchanged")
              .isEqualTo(value((Record) fact, other));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("facts")
  void every_required_field_left_out_is_refused_naming_it(Fact fact) throws Exception {
    CodeCheck check = new CodeCheck(Journeys.CODES, ClinicalTime.localDate(fact.occurredAt()));
    fact.validate(check); // the sample is valid
    for (String field : fieldNames((Record) fact)) {
      if (Set.of("serviceUserId", "factId", "occurredAt").contains(field)
          || value((Record) fact, field) instanceof Boolean) {
        continue;
      }
      Fact without = (Fact) with((Record) fact, field, null);
      JourneyRejection r =
          catchThrowableOfType(JourneyRejection.class, () -> without.validate(check));
      if (OPTIONAL.contains(field) || (field.equals("placement.oapReason") && !outOfArea(fact))) {
        assertThat(r).as(field + " is optional").isNull();
      } else {
        assertThat(r).as(fact.getClass().getSimpleName() + " without " + field).isNotNull();
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.code()).isEqualTo(RejectionCode.INVALID_FIELD_VALUE);
      }
    }
  }

  // --- reflection over the records (a placement's fields as "placement.ward", ...)
  // -------------------------------------------------------------------------------------------

  private static List<String> fieldNames(Record r) {
    List<String> names = new ArrayList<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getType() == WardPlacement.class) {
        for (RecordComponent p : WardPlacement.class.getRecordComponents()) {
          names.add("placement." + p.getName());
        }
      } else {
        names.add(c.getName());
      }
    }
    return names;
  }

  private static boolean outOfArea(Fact fact) throws Exception {
    Object p = component((Record) fact, "placement");
    return p instanceof WardPlacement w && w.outOfArea();
  }

  private static Object value(Record r, String field) throws Exception {
    if (field.startsWith("placement.")) {
      return value((Record) component(r, "placement"), field.substring("placement.".length()));
    }
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getName().equals(field)) {
        return c.getAccessor().invoke(r);
      }
      if (c.getType() == WardPlacement.class) {
        WardPlacement p = (WardPlacement) c.getAccessor().invoke(r);
        for (RecordComponent pc : WardPlacement.class.getRecordComponents()) {
          if (pc.getName().equals(field)) {
            return pc.getAccessor().invoke(p);
          }
        }
      }
    }
    throw new IllegalArgumentException(field);
  }

  private static Object component(Record r, String name) throws Exception {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c.getAccessor().invoke(r);
      }
    }
    return null;
  }

  /** A copy with one field (or placement field, as "placement.x") set to a value. */
  private static Object with(Record r, String field, Object value) throws Exception {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      args[i] = cs[i].getAccessor().invoke(r);
      if (cs[i].getName().equals(field)) {
        args[i] = value;
      } else if (cs[i].getType() == WardPlacement.class && field.startsWith("placement.")) {
        args[i] = with((WardPlacement) args[i], field.substring("placement.".length()), value);
      }
    }
    Constructor<?> canonical = r.getClass().getDeclaredConstructor(types);
    canonical.setAccessible(true);
    return canonical.newInstance(args);
  }

  private static String replacement(String field, Object current) {
    if (current instanceof Instant) {
      return "2025-03-29T08:15:00Z";
    }
    if (current instanceof LocalDate) {
      return "2025-05-05";
    }
    if (current instanceof Boolean b) {
      return String.valueOf(!b);
    }
    if (current instanceof Integer) {
      return "42";
    }
    if (current instanceof Enum<?> e) {
      Object[] constants = e.getDeclaringClass().getEnumConstants();
      return ((Enum<?>) constants[(e.ordinal() + 1) % constants.length]).name();
    }
    if (current instanceof UUID) {
      return UUID.randomUUID().toString();
    }
    return "ZZ";
  }

  private static String expected(String field, Object current, String replacement) {
    return current instanceof Instant ? Instant.parse(replacement).toString() : replacement;
  }
}
