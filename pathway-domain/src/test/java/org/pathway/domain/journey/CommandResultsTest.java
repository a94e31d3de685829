package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pathway.domain.journey.Journeys.at;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command answers the id it recorded and the journey version after it (the ETag); a
 * correction or an entered-in-error obeys the same id, time, reason and version rules as a fact.
 */
class CommandResultsTest {
  private FixtureConfiguration<Journey> fixture;
  private final Journeys j = new Journeys();
  private final UUID su = j.serviceUser;
  private final UUID leave = UUID.randomUUID();
  private final UUID delay = UUID.randomUUID();
  private final UUID placement = UUID.randomUUID();
  private final UUID contact = UUID.randomUUID();

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Journey.class);
    fixture.registerInjectableResource(Journeys.TIME);
    fixture.registerInjectableResource(Journeys.CODES);
  }

  /** Registered, referred, admitted (10:00 2 March), on leave and delayed, a contact: 6 events. */
  private Object[] history() {
    return new Object[] {
      j.registered(),
      j.referralReceived(),
      j.admitted("2025-03-02T10:00:00"),
      new LeaveStarted(su, leave, at("2025-03-03T10:00:00"), j.spell, LeaveType.HOME_LEAVE),
      new ClinicallyReadyForDischarge(su, delay, at("2025-03-04T10:00:00"), j.spell, "14", "05"),
      new CommunityContactRecorded(su, contact, at("2025-02-20T10:00:00"), true, "01")
    };
  }

  @Test
  void each_command_answers_its_fact_id_and_the_new_version() {
    UUID id = UUID.randomUUID();
    Map<JourneyCommand, Object[]> cases = new HashMap<>();
    Object[] h = history();
    cases.put(
        new RecordReferral(
            su, null, id, at("2025-03-01T09:00:00"), "A1", "A02", ReferralPriority.ROUTINE, null),
        h);
    cases.put(new AcceptReferral(su, null, id, at("2025-03-01T11:00:00"), j.referral), h);
    cases.put(
        new DeclineReferral(su, null, id, at("2025-03-01T11:00:00"), j.referral, "x"),
        new Object[] {j.registered(), j.referralReceived()});
    cases.put(new CloseReferral(su, null, id, at("2025-03-05T11:00:00"), j.referral, "x"), h);
    cases.put(
        new TransferWard(su, null, id, at("2025-03-05T10:00:00"), j.spell, Journeys.localWard()),
        h);
    cases.put(new ChangeLegalStatus(su, null, id, at("2025-03-05T10:00:00"), j.spell, "03"), h);
    cases.put(new EndLeave(su, null, id, at("2025-03-03T18:00:00"), j.spell, leave), h);
    cases.put(new EndDelay(su, null, id, at("2025-03-05T10:00:00"), j.spell, delay), h);
    cases.put(
        new DischargeServiceUser(su, null, id, at("2025-03-06T10:00:00"), j.spell, "1", "19"), h);
    cases.put(
        new StartStepDownPlacement(su, null, id, at("2025-02-01T10:00:00"), "S", "H", null), h);
    cases.put(new RecordCommunityContact(su, null, id, at("2025-02-21T10:00:00"), false, "05"), h);
    cases.put(new RecordAccommodationStatus(su, null, id, at("2025-02-21T10:00:00"), "Y", "02"), h);
    cases.put(new RecordDeath(su, null, id, at("2025-06-01T10:00:00")), h);
    cases.put(
        new EndStepDownPlacement(
            su, null, id, at("2025-02-05T10:00:00"), placement, StepDownOutcome.OTHER),
        new Object[] {
          j.registered(),
          new StepDownPlacementStarted(su, placement, at("2025-02-01T10:00:00"), "S", "H", null)
        });
    cases.put(
        new StartLeave(su, null, id, at("2025-03-05T10:00:00"), j.spell, LeaveType.HOME_LEAVE), h);
    cases.put(
        new RecordClinicallyReadyForDischarge(
            su, null, id, at("2025-03-05T10:00:00"), j.spell, "01", "04"),
        h);
    cases.put(
        new AdmitServiceUser(
            su,
            null,
            id,
            at("2025-02-10T10:00:00"),
            j.referral,
            "21",
            "19",
            "01",
            Journeys.localWard(),
            LocalDate.parse("2025-02-20")),
        h);
    cases.put(
        new CorrectFact(
            su, null, id, at("2025-03-05T10:00:00"), contact, Map.of("attended", "false"), "typo"),
        h);
    cases.put(new MarkEnteredInError(su, null, id, at("2025-03-05T10:00:00"), contact, "x"), h);
    cases.forEach(
        (command, given) ->
            fixture
                .given(given)
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new Recorded(id, given.length)));
    UUID end = UUID.randomUUID();
    fixture
        .given(h)
        .when(
            new StartStepDownPlacement(
                su,
                null,
                placement,
                at("2025-02-01T10:00:00"),
                "S",
                "H",
                null,
                new PlacementEnd(end, at("2025-02-10T10:00:00"), StepDownOutcome.OTHER)))
        .expectResultMessagePayload(new Recorded(placement, end, h.length + 1));
  }

  @Test
  void corrections_and_voids_follow_the_id_time_reason_and_version_rules() {
    Object[] h = history();
    UUID used = j.referral;
    List<JourneyCommand> refused =
        List.of(
            new CorrectFact(
                su,
                null,
                used,
                at("2025-03-05T10:00:00"),
                contact,
                Map.of("attended", "false"),
                "typo"),
            new CorrectFact(
                su,
                null,
                UUID.randomUUID(),
                at("2026-03-05T10:00:00"),
                contact,
                Map.of("attended", "false"),
                "typo"),
            new CorrectFact(
                su,
                null,
                UUID.randomUUID(),
                at("2025-03-05T10:00:00"),
                contact,
                Map.of("attended", "false"),
                " "),
            new CorrectFact(
                su,
                2L,
                UUID.randomUUID(),
                at("2025-03-05T10:00:00"),
                contact,
                Map.of("attended", "false"),
                "typo"),
            new CorrectFact(
                su, null, UUID.randomUUID(), at("2025-03-05T10:00:00"), contact, Map.of(), "typo"),
            new MarkEnteredInError(su, null, used, at("2025-03-05T10:00:00"), contact, "x"),
            new MarkEnteredInError(
                su, null, UUID.randomUUID(), at("2026-03-05T10:00:00"), contact, "x"),
            new MarkEnteredInError(
                su, null, UUID.randomUUID(), at("2025-03-05T10:00:00"), contact, null),
            new MarkEnteredInError(
                su, 1L, UUID.randomUUID(), at("2025-03-05T10:00:00"), contact, "x"),
            new MarkEnteredInError(su, null, null, at("2025-03-05T10:00:00"), contact, "x"));
    List<RejectionCode> codes =
        List.of(
            RejectionCode.FACT_ID_IN_USE,
            RejectionCode.OCCURRED_IN_FUTURE,
            RejectionCode.INVALID_FIELD_VALUE,
            RejectionCode.STALE_VERSION,
            RejectionCode.INVALID_FIELD_VALUE,
            RejectionCode.FACT_ID_IN_USE,
            RejectionCode.OCCURRED_IN_FUTURE,
            RejectionCode.INVALID_FIELD_VALUE,
            RejectionCode.STALE_VERSION,
            RejectionCode.INVALID_FIELD_VALUE);
    for (int i = 0; i < refused.size(); i++) {
      RejectionCode code = codes.get(i);
      fixture
          .given(h)
          .when(refused.get(i))
          .expectNoEvents()
          .expectException(JourneyRejection.class)
          .expectException(
              org.hamcrest.Matchers.hasProperty("message", org.hamcrest.Matchers.notNullValue()));
      JourneyRejection r = reject(h, refused.get(i));
      assertThat(r.code()).as(refused.get(i).toString()).isEqualTo(code);
    }
    // a correction into the future is refused too
    assertThat(
            reject(
                    h,
                    new CorrectFact(
                        su,
                        null,
                        UUID.randomUUID(),
                        at("2025-03-05T10:00:00"),
                        contact,
                        Map.of("occurredAt", "2026-01-01T00:00:00Z"),
                        "typo"))
                .code())
        .isEqualTo(RejectionCode.OCCURRED_IN_FUTURE);
  }

  private JourneyRejection reject(Object[] given, JourneyCommand command) {
    JourneyRejection[] caught = new JourneyRejection[1];
    fixture
        .given(given)
        .when(command)
        .expectException(
            new org.hamcrest.BaseMatcher<Object>() {
              @Override
              public boolean matches(Object item) {
                if (item instanceof JourneyRejection r) {
                  caught[0] = r;
                  return true;
                }
                return false;
              }

              @Override
              public void describeTo(org.hamcrest.Description d) {
                d.appendText("a rejection");
              }
            });
    return caught[0];
  }

  @Test
  void field_changes_parse_each_kind_of_value_and_refuse_what_does_not_parse() {
    Map<String, String> m = new HashMap<>();
    m.put("b", "true");
    m.put("d", "2025-02-03");
    m.put("i", "12");
    m.put("e", "OTHER");
    m.put("nullDate", null);
    m.put("nullInt", null);
    FieldChanges c = new FieldChanges(m);
    assertThat(c.bool("b", false)).isTrue();
    assertThat(c.bool("absent", true)).isTrue();
    assertThat(c.bool("absent", false)).isFalse();
    assertThat(c.date("d", null)).isEqualTo(LocalDate.parse("2025-02-03"));
    assertThat(c.date("absent", LocalDate.parse("2020-01-01"))).isEqualTo("2020-01-01");
    assertThat(c.date("nullDate", LocalDate.parse("2020-01-01"))).isNull();
    assertThat(c.integer("i", 3)).isEqualTo(12);
    assertThat(c.integer("absent", 3)).isEqualTo(3);
    assertThat(c.integer("nullInt", 3)).isNull();
    assertThat(c.enumValue("e", StepDownOutcome.READMITTED, StepDownOutcome.class))
        .isEqualTo(StepDownOutcome.OTHER);
    assertThat(c.enumValue("absent", StepDownOutcome.READMITTED, StepDownOutcome.class))
        .isEqualTo(StepDownOutcome.READMITTED);
    c.requireAllUsed("x");
    assertThat(new FieldChanges(Map.of("b", "false")).bool("b", true)).isFalse();
    for (Map.Entry<String, java.util.function.Consumer<FieldChanges>> bad :
        Map.<String, java.util.function.Consumer<FieldChanges>>of(
                "yes", f -> f.bool("v", false),
                "2025-02-30", f -> f.date("v", null),
                "twelve", f -> f.integer("v", null),
                "NOPE", f -> f.enumValue("v", StepDownOutcome.OTHER, StepDownOutcome.class),
                " ", f -> f.instant("v", null))
            .entrySet()) {
      assertThatThrownBy(() -> bad.getValue().accept(new FieldChanges(Map.of("v", bad.getKey()))))
          .isInstanceOf(JourneyRejection.class)
          .hasFieldOrPropertyWithValue("field", "changes.v");
    }
    assertThatThrownBy(() -> new FieldChanges(Map.of("zz", "1")).requireAllUsed("Admitted"))
        .hasFieldOrPropertyWithValue("field", "changes.zz")
        .hasMessageContaining("Admitted");
  }

  @Test
  void a_ward_placement_requires_its_fields_and_a_distance_of_zero_or_more() {
    CodeCheck check = new CodeCheck(Journeys.CODES, LocalDate.parse("2025-03-01"));
    new WardPlacement("W", "200", "0", "P", "L", false, null, 0).validate(check, "p.");
    for (Map.Entry<String, WardPlacement> bad :
        Map.of(
                "p.ward", new WardPlacement(" ", "200", "0", "P", "L", false, null, 1),
                "p.bedType", new WardPlacement("W", null, "0", "P", "L", false, null, 1),
                "p.wardSecurityLevel", new WardPlacement("W", "200", "9", "P", "L", false, null, 1),
                "p.provider", new WardPlacement("W", "200", "0", "", "L", false, null, 1),
                "p.locality", new WardPlacement("W", "200", "0", "P", null, false, null, 1),
                "p.oapReason", new WardPlacement("W", "200", "0", "P", "L", false, "10", 1),
                "p.distanceFromHomeKm",
                    new WardPlacement("W", "200", "0", "P", "L", false, null, -1))
            .entrySet()) {
      assertThatThrownBy(() -> bad.getValue().validate(check, "p."))
          .as(bad.getKey())
          .isInstanceOf(JourneyRejection.class)
          .hasFieldOrPropertyWithValue("field", bad.getKey());
    }
    assertThatThrownBy(
            () -> new WardPlacement("W", "200", "0", "P", "L", true, null, 1).validate(check, "p."))
        .hasFieldOrPropertyWithValue("field", "p.oapReason");
  }

  @Test
  void event_type_names_are_short_and_stable() {
    assertThat(JourneyEventTypes.shortName(Admitted.class)).isEqualTo("Admitted");
    assertThat(JourneyEventTypes.shortName(String.class)).isEqualTo("String");
    assertThat(JourneyEventTypes.nameOf(Admitted.class)).contains("pathway.Admitted");
    assertThat(JourneyEventTypes.nameOf(String.class)).isEmpty();
    assertThat(JourneyEventTypes.typeOf("pathway.Discharged")).contains(Discharged.class);
    JourneyRejection r = JourneyRejection.field(RejectionCode.INVALID_CODE, "f", "m");
    assertThat(r.field()).isEqualTo("f");
    assertThat(r.conflictingFactId()).isNull();
    assertThat(r.getMessage()).isEqualTo("m");
  }
}
