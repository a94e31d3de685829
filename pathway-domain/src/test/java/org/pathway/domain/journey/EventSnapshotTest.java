package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events are a permanent contract: the JSON of every event type is pinned by a snapshot file. A
 * change that alters it fails here, and needs a new {@code @Revision} with an upcaster rather than
 * a new snapshot. To add a snapshot for a new event type run with {@code -Dsnapshots.write=true}.
 */
class EventSnapshotTest {
  private static final Path DIR = Path.of("src/test/resources/event-snapshots");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private static final UUID SU = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final UUID F = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
  private static final UUID R = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
  private static final Instant T = Instant.parse("2025-03-30T00:30:00Z");
  private static final WardPlacement W =
      new WardPlacement("PRIORY-2", "200", "0", "NQX", "FAR", true, "10", 212);

  static Map<Class<?>, JourneyEvent> samples() {
    Map<Class<?>, JourneyEvent> m = new LinkedHashMap<>();
    Stream.of(
            new ServiceUserRegistered(SU, F, T, "NORTH", "CMHT-N"),
            new ReferralReceived(SU, F, T, "A1", "A02", ReferralPriority.URGENT, "18"),
            new ReferralAccepted(SU, F, T, R),
            new ReferralDeclined(SU, F, T, R, "no capacity"),
            new ReferralClosed(SU, F, T, R, "treatment complete"),
            new Admitted(SU, F, T, R, "21", "19", "03", W, LocalDate.parse("2025-04-20")),
            new WardTransferred(SU, F, T, R, W),
            new LegalStatusChanged(SU, F, T, R, "03"),
            new LeaveStarted(SU, F, T, R, LeaveType.HOME_LEAVE),
            new LeaveEnded(SU, F, T, R, R),
            new ClinicallyReadyForDischarge(SU, F, T, R, "14", "06"),
            new DelayEnded(SU, F, T, R, R),
            new Discharged(SU, F, T, R, "1", "29"),
            new StepDownPlacementStarted(SU, F, T, "STEP-1", "HOUSING-A", R),
            new StepDownPlacementEnded(SU, F, T, R, StepDownOutcome.SETTLED_ACCOMMODATION),
            new CommunityContactRecorded(SU, F, T, true, "01"),
            new AccommodationStatusRecorded(SU, F, T, "Y", "02"),
            new DeathRecorded(SU, F, T),
            new FactCorrected(SU, F, T, R, Map.of("occurredAt", "2025-03-29T23:00:00Z"), "typo"),
            new FactEnteredInError(SU, F, T, R, "wrong person"))
        .forEach(e -> m.put(e.getClass(), e));
    return m;
  }

  static Stream<String> names() {
    return JourneyEventTypes.all().keySet().stream();
  }

  @Test
  void every_event_type_has_a_sample_a_revision_and_a_stable_name() {
    assertThat(samples().keySet())
        .containsExactlyInAnyOrderElementsOf(JourneyEventTypes.all().values());
    JourneyEventTypes.all()
        .forEach(
            (name, type) -> {
              assertThat(name).startsWith("pathway.");
              assertThat(type.getAnnotation(Revision.class)).as(name).isNotNull();
            });
  }

  @ParameterizedTest
  @MethodSource("names")
  void the_json_of_each_event_type_matches_its_snapshot(String name) throws Exception {
    JourneyEvent sample = samples().get(JourneyEventTypes.typeOf(name).orElseThrow());
    String json = JSON.writeValueAsString(sample) + "\n";
    Path file = DIR.resolve(name + ".json");
    if (Boolean.getBoolean("snapshots.write") && !Files.exists(file)) {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("snapshot for " + name + " (run with -Dsnapshots.write=true to create)")
        .exists();
    assertThat(json).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(JSON.readValue(Files.readString(file), sample.getClass())).isEqualTo(sample);
  }
}
