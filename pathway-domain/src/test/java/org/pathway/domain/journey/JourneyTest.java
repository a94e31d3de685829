package org.pathway.domain.journey;

import static org.pathway.domain.journey.Journeys.at;

import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JourneyTest {

  private FixtureConfiguration<Journey> fixture;
  private Journeys j;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Journey.class);
    fixture.registerInjectableResource(Journeys.TIME);
    fixture.registerInjectableResource(Journeys.CODES);
    j = new Journeys();
  }

  private static void rejected(ResultValidator<Journey> result, RejectionCode code) {
    result.expectNoEvents().expectException(new RejectionMatcher(code));
  }

  private static final class RejectionMatcher extends TypeSafeMatcher<JourneyRejection> {
    private final RejectionCode code;

    RejectionMatcher(RejectionCode code) {
      this.code = code;
    }

    @Override
    protected boolean matchesSafely(JourneyRejection item) {
      return item.code() == code;
    }

    @Override
    public void describeTo(Description description) {
      description.appendText("a JourneyRejection with code " + code);
    }
  }

  private TestExecutor<Journey> givenAdmitted() {
    return fixture.given(j.registered(), j.referralReceived(), j.admitted("2025-03-02T10:00:00"));
  }

  @Nested
  class Registration {
    @Test
    void a_service_user_is_registered() {
      fixture.givenNoPriorActivity().when(j.register()).expectEvents(j.registered());
    }

    @Test
    void a_registration_in_the_future_is_refused() {
      RegisterServiceUser future =
          new RegisterServiceUser(
              j.serviceUser, j.registration, Journeys.NOW.plusSeconds(3600), "NORTH", "T");
      rejected(fixture.givenNoPriorActivity().when(future), RejectionCode.OCCURRED_IN_FUTURE);
    }

    @Test
    void a_registration_without_home_locality_is_refused() {
      RegisterServiceUser noLocality =
          new RegisterServiceUser(
              j.serviceUser, j.registration, at("2025-01-01T09:00:00"), " ", "T");
      rejected(fixture.givenNoPriorActivity().when(noLocality), RejectionCode.INVALID_FIELD_VALUE);
    }
  }

  @Nested
  class Referrals {
    @Test
    void a_referral_is_received() {
      fixture
          .given(j.registered())
          .when(j.recordReferral())
          .expectEvents(j.referralReceived())
          .expectResultMessagePayload(new Recorded(j.referral, 1));
    }

    @Test
    void a_team_type_retired_before_the_referral_date_is_refused() {
      RecordReferral retired =
          new RecordReferral(
              j.serviceUser,
              null,
              j.referral,
              at("2025-03-01T10:00:00"),
              "A1",
              "A03",
              ReferralPriority.ROUTINE,
              null);
      rejected(fixture.given(j.registered()).when(retired), RejectionCode.INVALID_CODE);
    }

    @Test
    void a_malformed_source_of_referral_is_refused() {
      RecordReferral bad =
          new RecordReferral(
              j.serviceUser,
              null,
              j.referral,
              at("2025-03-01T10:00:00"),
              "GP",
              "A02",
              ReferralPriority.ROUTINE,
              null);
      rejected(fixture.given(j.registered()).when(bad), RejectionCode.INVALID_FIELD_VALUE);
    }

    @Test
    void a_referral_is_accepted_then_closed() {
      UUID accept = UUID.randomUUID();
      UUID close = UUID.randomUUID();
      fixture
          .given(j.registered(), j.referralReceived())
          .when(
              new AcceptReferral(
                  j.serviceUser, null, accept, at("2025-03-01T11:00:00"), j.referral))
          .expectEvents(
              new ReferralAccepted(j.serviceUser, accept, at("2025-03-01T11:00:00"), j.referral));
      fixture
          .given(
              j.registered(),
              j.referralReceived(),
              new ReferralAccepted(j.serviceUser, accept, at("2025-03-01T11:00:00"), j.referral))
          .when(
              new CloseReferral(
                  j.serviceUser, null, close, at("2025-05-01T11:00:00"), j.referral, "done"))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_unknown_referral_cannot_be_accepted() {
      rejected(
          fixture
              .given(j.registered())
              .when(
                  new AcceptReferral(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-01T11:00:00"),
                      UUID.randomUUID())),
          RejectionCode.UNKNOWN_FACT);
    }

    @Test
    void an_accepted_referral_cannot_be_declined() {
      UUID accept = UUID.randomUUID();
      rejected(
          fixture
              .given(
                  j.registered(),
                  j.referralReceived(),
                  new ReferralAccepted(
                      j.serviceUser, accept, at("2025-03-01T11:00:00"), j.referral))
              .when(
                  new DeclineReferral(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-01T12:00:00"),
                      j.referral,
                      "no capacity")),
          RejectionCode.REFERRAL_NOT_OPEN);
    }

    @Test
    void a_referral_is_accepted_once() {
      UUID accept = UUID.randomUUID();
      rejected(
          fixture
              .given(
                  j.registered(),
                  j.referralReceived(),
                  new ReferralAccepted(
                      j.serviceUser, accept, at("2025-03-01T11:00:00"), j.referral))
              .when(
                  new AcceptReferral(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-01T11:30:00"),
                      j.referral)),
          RejectionCode.REFERRAL_ALREADY_ACCEPTED);
    }

    @Test
    void a_declined_referral_cannot_lead_to_an_admission() {
      rejected(
          fixture
              .given(
                  j.registered(),
                  j.referralReceived(),
                  new ReferralDeclined(
                      j.serviceUser, UUID.randomUUID(), at("2025-03-01T12:00:00"), j.referral, "x"))
              .when(j.admit("2025-03-02T10:00:00")),
          RejectionCode.REFERRAL_NOT_OPEN);
    }

    @Test
    void a_referral_cannot_be_accepted_before_it_was_received() {
      rejected(
          fixture
              .given(j.registered(), j.referralReceived())
              .when(
                  new AcceptReferral(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-02-01T11:00:00"),
                      j.referral)),
          RejectionCode.PRECEDES_DEPENDENCY);
    }
  }

  @Nested
  class Admission {
    @Test
    void a_service_user_is_admitted() {
      fixture
          .given(j.registered(), j.referralReceived())
          .when(j.admit("2025-03-02T10:00:00"))
          .expectEvents(j.admitted("2025-03-02T10:00:00"))
          .expectResultMessagePayload(new Recorded(j.spell, 2));
    }

    @Test
    void a_later_admission_while_the_earlier_discharge_is_not_yet_recorded_is_accepted() {
      givenAdmitted()
          .when(j.admitCommand(UUID.randomUUID(), "2025-03-05T10:00:00"))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_admission_inside_what_is_known_of_an_earlier_spell_is_refused() {
      rejected(
          givenAdmitted()
              .andGiven(
                  new WardTransferred(
                      j.serviceUser,
                      UUID.randomUUID(),
                      at("2025-03-09T10:00:00"),
                      j.spell,
                      Journeys.outOfAreaWard()))
              .when(j.admitCommand(UUID.randomUUID(), "2025-03-05T10:00:00")),
          RejectionCode.SPELLS_OVERLAP);
    }

    @Test
    void a_second_admission_at_the_same_instant_is_refused() {
      rejected(
          givenAdmitted().when(j.admitCommand(UUID.randomUUID(), "2025-03-02T10:00:00")),
          RejectionCode.SPELLS_OVERLAP);
    }

    @Test
    void a_discharge_that_would_make_two_spells_overlap_is_refused() {
      UUID later = UUID.randomUUID();
      rejected(
          givenAdmitted()
              .andGiven(j.admitCommand(later, "2025-03-05T10:00:00").toFact())
              .when(j.discharge("2025-03-06T10:00:00")),
          RejectionCode.SPELLS_OVERLAP);
    }

    @Test
    void a_complete_past_spell_is_recorded_in_one_request() {
      UUID past = UUID.randomUUID();
      UUID discharge = UUID.randomUUID();
      AdmitServiceUser c = j.admitCommand(past, "2025-02-01T10:00:00");
      AdmitServiceUser withDischarge =
          new AdmitServiceUser(
              c.serviceUserId(),
              null,
              past,
              c.occurredAt(),
              c.referralId(),
              c.admissionMethod(),
              c.admissionSource(),
              c.legalStatus(),
              c.placement(),
              null,
              new SpellEnd(discharge, at("2025-02-10T10:00:00"), "1", "19"));
      fixture
          .given(j.registered(), j.referralReceived(), j.admitted("2025-03-02T10:00:00"))
          .when(withDischarge)
          .expectEvents(
              c.toFact(),
              new Discharged(j.serviceUser, discharge, at("2025-02-10T10:00:00"), past, "1", "19"))
          .expectResultMessagePayload(new Recorded(past, discharge, 4));
    }

    @Test
    void an_admission_before_its_referral_was_received_is_accepted() {
      givenAdmitted()
          .when(j.admitCommand(UUID.randomUUID(), "2025-02-20T10:00:00"))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_late_admission_inside_an_earlier_spell_is_refused() {
      rejected(
          fixture
              .given(
                  j.registered(),
                  j.referralReceived(),
                  j.admitted("2025-03-02T10:00:00"),
                  j.discharged("2025-03-20T10:00:00"))
              .when(j.admitCommand(UUID.randomUUID(), "2025-03-10T10:00:00")),
          RejectionCode.SPELLS_OVERLAP);
    }

    @Test
    void a_readmission_after_discharge_is_just_another_admission() {
      UUID second = UUID.randomUUID();
      fixture
          .given(
              j.registered(),
              j.referralReceived(),
              j.admitted("2025-03-02T10:00:00"),
              j.discharged("2025-03-20T10:00:00"))
          .when(j.admitCommand(second, "2025-03-20T18:00:00"))
          .expectSuccessfulHandlerExecution()
          .expectResultMessagePayload(new Recorded(second, 4));
    }

    @Test
    void a_v5_bed_type_after_v6_began_is_refused() {
      AdmitServiceUser v5Code =
          new AdmitServiceUser(
              j.serviceUser,
              null,
              j.spell,
              at("2025-03-02T10:00:00"),
              j.referral,
              "21",
              "19",
              "01",
              new WardPlacement("OAK", "10", "0", "RXX", "NORTH", false, null, null),
              null);
      rejected(
          fixture.given(j.registered(), j.referralReceived()).when(v5Code),
          RejectionCode.INVALID_CODE);
    }

    @Test
    void a_v5_bed_type_is_valid_for_an_admission_in_2023() {
      ReferralReceived oldReferral =
          new ReferralReceived(
              j.serviceUser,
              j.referral,
              at("2023-03-01T10:00:00"),
              "A1",
              "A02",
              ReferralPriority.URGENT,
              "18");
      AdmitServiceUser v5Code =
          new AdmitServiceUser(
              j.serviceUser,
              null,
              j.spell,
              at("2023-03-02T10:00:00"),
              j.referral,
              "21",
              "19",
              "01",
              new WardPlacement("OAK", "10", "0", "RXX", "NORTH", false, null, null),
              null);
      fixture.given(j.registered(), oldReferral).when(v5Code).expectSuccessfulHandlerExecution();
    }

    @Test
    void an_out_of_area_placement_needs_a_reason() {
      AdmitServiceUser noReason =
          new AdmitServiceUser(
              j.serviceUser,
              null,
              j.spell,
              at("2025-03-02T10:00:00"),
              j.referral,
              "21",
              "19",
              "01",
              new WardPlacement("FAR", "200", "0", "NQX", "SOUTH", true, null, 120),
              null);
      rejected(
          fixture.given(j.registered(), j.referralReceived()).when(noReason),
          RejectionCode.INVALID_FIELD_VALUE);
    }

    @Test
    void an_admission_for_an_unknown_referral_is_refused() {
      rejected(
          fixture.given(j.registered()).when(j.admit("2025-03-02T10:00:00")),
          RejectionCode.UNKNOWN_FACT);
    }
  }

  @Nested
  class WithinASpell {
    @Test
    void a_ward_transfer_repatriates_an_out_of_area_placement() {
      UUID move = UUID.randomUUID();
      givenAdmitted()
          .when(
              new TransferWard(
                  j.serviceUser,
                  null,
                  move,
                  at("2025-03-04T10:00:00"),
                  j.spell,
                  Journeys.localWard()))
          .expectEvents(
              new WardTransferred(
                  j.serviceUser, move, at("2025-03-04T10:00:00"), j.spell, Journeys.localWard()));
    }

    @Test
    void a_transfer_before_the_admission_is_refused() {
      rejected(
          givenAdmitted()
              .when(
                  new TransferWard(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-01T10:00:00"),
                      j.spell,
                      Journeys.localWard())),
          RejectionCode.PRECEDES_DEPENDENCY);
    }

    @Test
    void a_transfer_after_discharge_is_refused() {
      TestExecutor<Journey> g =
          fixture.given(
              j.registered(),
              j.referralReceived(),
              j.admitted("2025-03-02T10:00:00"),
              j.discharged("2025-03-20T10:00:00"));
      rejected(
          g.when(
              new TransferWard(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-21T10:00:00"),
                  j.spell,
                  Journeys.localWard())),
          RejectionCode.NO_OPEN_SPELL);
    }

    @Test
    void the_legal_status_changes() {
      givenAdmitted()
          .when(
              new ChangeLegalStatus(
                  j.serviceUser, null, UUID.randomUUID(), at("2025-03-03T10:00:00"), j.spell, "03"))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_unknown_legal_status_is_refused() {
      rejected(
          givenAdmitted()
              .when(
                  new ChangeLegalStatus(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-03T10:00:00"),
                      j.spell,
                      "77")),
          RejectionCode.INVALID_CODE);
    }

    @Test
    void leave_starts_and_ends() {
      UUID leave = UUID.randomUUID();
      givenAdmitted()
          .andGiven(
              new LeaveStarted(
                  j.serviceUser, leave, at("2025-03-05T10:00:00"), j.spell, LeaveType.HOME_LEAVE))
          .when(
              new EndLeave(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-06T10:00:00"),
                  j.spell,
                  leave))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_leave_starting_before_the_end_of_the_earlier_one_is_recorded_is_accepted() {
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new LeaveStarted(
                      j.serviceUser,
                      UUID.randomUUID(),
                      at("2025-03-05T10:00:00"),
                      j.spell,
                      LeaveType.HOME_LEAVE));
      g.when(
              new StartLeave(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-05T12:00:00"),
                  j.spell,
                  LeaveType.LEAVE_OF_ABSENCE))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_leave_inside_a_known_leave_is_refused() {
      UUID leave = UUID.randomUUID();
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new LeaveStarted(
                      j.serviceUser,
                      leave,
                      at("2025-03-05T10:00:00"),
                      j.spell,
                      LeaveType.HOME_LEAVE),
                  new LeaveEnded(
                      j.serviceUser, UUID.randomUUID(), at("2025-03-07T10:00:00"), j.spell, leave));
      rejected(
          g.when(
              new StartLeave(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-06T12:00:00"),
                  j.spell,
                  LeaveType.LEAVE_OF_ABSENCE)),
          RejectionCode.LEAVES_OVERLAP);
    }

    @Test
    void a_leave_ending_where_the_next_begins_does_not_overlap_it() {
      UUID leave = UUID.randomUUID();
      givenAdmitted()
          .andGiven(
              new LeaveStarted(
                  j.serviceUser, leave, at("2025-03-05T10:00:00"), j.spell, LeaveType.HOME_LEAVE),
              new LeaveEnded(
                  j.serviceUser, UUID.randomUUID(), at("2025-03-07T10:00:00"), j.spell, leave))
          .when(
              new StartLeave(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-07T10:00:00"),
                  j.spell,
                  LeaveType.LEAVE_OF_ABSENCE))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_complete_past_leave_before_a_recorded_one_is_recorded_in_one_request() {
      UUID later = UUID.randomUUID();
      UUID past = UUID.randomUUID();
      UUID pastEnd = UUID.randomUUID();
      givenAdmitted()
          .andGiven(
              new LeaveStarted(
                  j.serviceUser, later, at("2025-03-10T10:00:00"), j.spell, LeaveType.HOME_LEAVE),
              new LeaveEnded(
                  j.serviceUser, UUID.randomUUID(), at("2025-03-11T10:00:00"), j.spell, later))
          .when(
              new StartLeave(
                  j.serviceUser,
                  null,
                  past,
                  at("2025-03-05T10:00:00"),
                  j.spell,
                  LeaveType.HOME_LEAVE,
                  new PeriodEnd(pastEnd, at("2025-03-06T18:00:00"))))
          .expectEvents(
              new LeaveStarted(
                  j.serviceUser, past, at("2025-03-05T10:00:00"), j.spell, LeaveType.HOME_LEAVE),
              new LeaveEnded(j.serviceUser, pastEnd, at("2025-03-06T18:00:00"), j.spell, past))
          .expectResultMessagePayload(new Recorded(past, pastEnd, 6));
    }

    @Test
    void a_complete_leave_ending_before_it_starts_is_refused_whole() {
      rejected(
          givenAdmitted()
              .when(
                  new StartLeave(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-05T10:00:00"),
                      j.spell,
                      LeaveType.HOME_LEAVE,
                      new PeriodEnd(UUID.randomUUID(), at("2025-03-04T18:00:00")))),
          RejectionCode.PRECEDES_DEPENDENCY);
    }

    @Test
    void a_complete_leave_giving_one_id_twice_is_refused() {
      UUID id = UUID.randomUUID();
      rejected(
          givenAdmitted()
              .when(
                  new StartLeave(
                      j.serviceUser,
                      null,
                      id,
                      at("2025-03-05T10:00:00"),
                      j.spell,
                      LeaveType.HOME_LEAVE,
                      new PeriodEnd(id, at("2025-03-06T18:00:00")))),
          RejectionCode.FACT_ID_IN_USE);
    }

    @Test
    void a_leave_cannot_end_before_it_started() {
      UUID leave = UUID.randomUUID();
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new LeaveStarted(
                      j.serviceUser,
                      leave,
                      at("2025-03-05T10:00:00"),
                      j.spell,
                      LeaveType.HOME_LEAVE));
      rejected(
          g.when(
              new EndLeave(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-04T10:00:00"),
                  j.spell,
                  leave)),
          RejectionCode.PRECEDES_DEPENDENCY);
    }

    @Test
    void a_leave_that_is_not_open_cannot_end() {
      UUID leave = UUID.randomUUID();
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new LeaveStarted(
                      j.serviceUser,
                      leave,
                      at("2025-03-05T10:00:00"),
                      j.spell,
                      LeaveType.HOME_LEAVE),
                  new LeaveEnded(
                      j.serviceUser, UUID.randomUUID(), at("2025-03-06T10:00:00"), j.spell, leave));
      rejected(
          g.when(
              new EndLeave(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-07T10:00:00"),
                  j.spell,
                  leave)),
          RejectionCode.NO_OPEN_LEAVE);
    }

    @Test
    void a_delay_period_starts_and_ends() {
      UUID delay = UUID.randomUUID();
      givenAdmitted()
          .when(
              new RecordClinicallyReadyForDischarge(
                  j.serviceUser, null, delay, at("2025-03-10T10:00:00"), j.spell, "14", "05"))
          .expectEvents(
              new ClinicallyReadyForDischarge(
                  j.serviceUser, delay, at("2025-03-10T10:00:00"), j.spell, "14", "05"));
      givenAdmitted()
          .andGiven(
              new ClinicallyReadyForDischarge(
                  j.serviceUser, delay, at("2025-03-10T10:00:00"), j.spell, "14", "05"))
          .when(
              new EndDelay(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-12T10:00:00"),
                  j.spell,
                  delay))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_delay_inside_a_known_delay_period_is_refused() {
      UUID delay = UUID.randomUUID();
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new ClinicallyReadyForDischarge(
                      j.serviceUser, delay, at("2025-03-10T10:00:00"), j.spell, "14", "05"),
                  new DelayEnded(
                      j.serviceUser, UUID.randomUUID(), at("2025-03-15T10:00:00"), j.spell, delay));
      rejected(
          g.when(
              new RecordClinicallyReadyForDischarge(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-11T10:00:00"),
                  j.spell,
                  "01",
                  "04")),
          RejectionCode.DELAYS_OVERLAP);
    }

    @Test
    void a_delay_starting_before_the_earlier_end_is_recorded_is_accepted_and_so_is_that_end() {
      UUID delay = UUID.randomUUID();
      givenAdmitted()
          .andGiven(
              new ClinicallyReadyForDischarge(
                  j.serviceUser, delay, at("2025-03-10T10:00:00"), j.spell, "14", "05"),
              new ClinicallyReadyForDischarge(
                  j.serviceUser, UUID.randomUUID(), at("2025-03-20T10:00:00"), j.spell, "01", "04"))
          .when(
              new EndDelay(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-12T10:00:00"),
                  j.spell,
                  delay))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_complete_past_delay_period_is_recorded_in_one_request() {
      UUID delay = UUID.randomUUID();
      UUID end = UUID.randomUUID();
      givenAdmitted()
          .when(
              new RecordClinicallyReadyForDischarge(
                  j.serviceUser,
                  null,
                  delay,
                  at("2025-03-10T10:00:00"),
                  j.spell,
                  "14",
                  "05",
                  new PeriodEnd(end, at("2025-03-12T10:00:00"))))
          .expectEvents(
              new ClinicallyReadyForDischarge(
                  j.serviceUser, delay, at("2025-03-10T10:00:00"), j.spell, "14", "05"),
              new DelayEnded(j.serviceUser, end, at("2025-03-12T10:00:00"), j.spell, delay));
    }

    @Test
    void a_delay_end_without_an_open_delay_is_refused() {
      UUID delay = UUID.randomUUID();
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new ClinicallyReadyForDischarge(
                      j.serviceUser, delay, at("2025-03-10T10:00:00"), j.spell, "14", "05"),
                  new DelayEnded(
                      j.serviceUser, UUID.randomUUID(), at("2025-03-11T10:00:00"), j.spell, delay));
      rejected(
          g.when(
              new EndDelay(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-12T10:00:00"),
                  j.spell,
                  delay)),
          RejectionCode.NO_OPEN_DELAY);
    }

    @Test
    void a_delay_outside_a_spell_is_refused() {
      TestExecutor<Journey> g =
          fixture.given(
              j.registered(),
              j.referralReceived(),
              j.admitted("2025-03-02T10:00:00"),
              j.discharged("2025-03-09T10:00:00"));
      rejected(
          g.when(
              new RecordClinicallyReadyForDischarge(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-10T10:00:00"),
                  j.spell,
                  "14",
                  "05")),
          RejectionCode.NO_OPEN_SPELL);
    }

    @Test
    void a_delay_reason_from_v5_is_refused_after_april_2024() {
      rejected(
          givenAdmitted()
              .when(
                  new RecordClinicallyReadyForDischarge(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-10T10:00:00"),
                      j.spell,
                      "A2",
                      "04")),
          RejectionCode.INVALID_CODE);
    }
  }

  @Nested
  class Discharge {
    @Test
    void the_service_user_is_discharged() {
      DischargeServiceUser discharge = j.discharge("2025-03-20T10:00:00");
      givenAdmitted().when(discharge).expectEvents(discharge.toFact());
    }

    @Test
    void a_discharge_before_the_admission_is_refused() {
      rejected(
          givenAdmitted().when(j.discharge("2025-03-01T10:00:00")),
          RejectionCode.PRECEDES_DEPENDENCY);
    }

    @Test
    void a_discharge_from_an_unknown_spell_is_refused() {
      rejected(
          givenAdmitted().when(j.dischargeFrom(UUID.randomUUID(), "2025-03-20T10:00:00")),
          RejectionCode.UNKNOWN_FACT);
    }

    @Test
    void a_discharge_naming_a_referral_as_spell_is_refused() {
      rejected(
          givenAdmitted().when(j.dischargeFrom(j.referral, "2025-03-20T10:00:00")),
          RejectionCode.WRONG_FACT_TYPE);
    }

    @Test
    void a_second_discharge_is_refused() {
      TestExecutor<Journey> g = givenAdmitted().andGiven(j.discharged("2025-03-20T10:00:00"));
      rejected(g.when(j.discharge("2025-03-21T10:00:00")), RejectionCode.NO_OPEN_SPELL);
    }
  }

  @Nested
  class StepDown {
    private final UUID placement = UUID.randomUUID();

    private StartStepDownPlacement start(String when, UUID spell) {
      return new StartStepDownPlacement(
          j.serviceUser, null, placement, at(when), "STEP-1", "HOUSING-A", spell);
    }

    @Test
    void a_placement_follows_the_discharge_and_ends_in_settled_accommodation() {
      TestExecutor<Journey> g = givenAdmitted().andGiven(j.discharged("2025-03-20T10:00:00"));
      g.when(start("2025-03-20T12:00:00", j.spell)).expectSuccessfulHandlerExecution();
      givenAdmitted()
          .andGiven(
              j.discharged("2025-03-20T10:00:00"), start("2025-03-20T12:00:00", j.spell).toFact())
          .when(
              new EndStepDownPlacement(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-05-20T12:00:00"),
                  placement,
                  StepDownOutcome.SETTLED_ACCOMMODATION))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_placement_linked_to_a_spell_whose_discharge_is_not_yet_recorded_is_accepted() {
      givenAdmitted()
          .when(start("2025-03-20T12:00:00", j.spell))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_placement_starting_before_the_recorded_discharge_of_its_spell_is_refused() {
      rejected(
          givenAdmitted()
              .andGiven(j.discharged("2025-03-20T10:00:00"))
              .when(start("2025-03-19T12:00:00", j.spell)),
          RejectionCode.PRECEDES_DEPENDENCY);
    }

    @Test
    void a_complete_past_placement_is_recorded_in_one_request() {
      UUID end = UUID.randomUUID();
      fixture
          .given(j.registered())
          .when(
              new StartStepDownPlacement(
                  j.serviceUser,
                  null,
                  placement,
                  at("2025-03-20T12:00:00"),
                  "STEP-1",
                  "HOUSING-A",
                  null,
                  new PlacementEnd(end, at("2025-04-20T12:00:00"), StepDownOutcome.OTHER)))
          .expectEvents(
              start("2025-03-20T12:00:00", null).toFact(),
              new StepDownPlacementEnded(
                  j.serviceUser, end, at("2025-04-20T12:00:00"), placement, StepDownOutcome.OTHER));
    }

    @Test
    void a_placement_cannot_end_before_it_starts() {
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  j.discharged("2025-03-20T10:00:00"),
                  start("2025-03-20T12:00:00", j.spell).toFact());
      rejected(
          g.when(
              new EndStepDownPlacement(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-19T12:00:00"),
                  placement,
                  StepDownOutcome.OTHER)),
          RejectionCode.PRECEDES_DEPENDENCY);
    }

    @Test
    void a_placement_starting_inside_a_known_placement_is_refused() {
      TestExecutor<Journey> g =
          fixture.given(
              j.registered(),
              start("2025-03-20T12:00:00", null).toFact(),
              new StepDownPlacementEnded(
                  j.serviceUser,
                  UUID.randomUUID(),
                  at("2025-05-20T12:00:00"),
                  placement,
                  StepDownOutcome.OTHER));
      rejected(
          g.when(
              new StartStepDownPlacement(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-04-20T12:00:00"),
                  "S",
                  "P",
                  null)),
          RejectionCode.PLACEMENTS_OVERLAP);
    }

    @Test
    void a_placement_end_without_an_open_placement_is_refused() {
      rejected(
          fixture
              .given(j.registered())
              .when(
                  new EndStepDownPlacement(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-19T12:00:00"),
                      placement,
                      StepDownOutcome.OTHER)),
          RejectionCode.UNKNOWN_FACT);
    }
  }

  @Nested
  class CommunityAndDeath {
    @Test
    void a_contact_and_an_accommodation_status_are_recorded() {
      fixture
          .given(j.registered())
          .when(
              new RecordCommunityContact(
                  j.serviceUser, null, UUID.randomUUID(), at("2025-03-22T10:00:00"), true, "02"))
          .expectSuccessfulHandlerExecution();
      fixture
          .given(j.registered())
          .when(
              new RecordAccommodationStatus(
                  j.serviceUser, null, UUID.randomUUID(), at("2025-03-22T10:00:00"), "Y", "02"))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_unknown_contact_medium_is_refused() {
      rejected(
          fixture
              .given(j.registered())
              .when(
                  new RecordCommunityContact(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-03-22T10:00:00"),
                      true,
                      "99")),
          RejectionCode.INVALID_CODE);
    }

    @Test
    void nothing_is_admitted_after_death() {
      TestExecutor<Journey> g =
          fixture.given(
              j.registered(),
              j.referralReceived(),
              new DeathRecorded(j.serviceUser, UUID.randomUUID(), at("2025-03-01T12:00:00")));
      rejected(g.when(j.admit("2025-03-02T10:00:00")), RejectionCode.AFTER_DEATH);
    }

    @Test
    void death_is_recorded_once() {
      TestExecutor<Journey> g =
          fixture.given(
              j.registered(),
              new DeathRecorded(j.serviceUser, UUID.randomUUID(), at("2025-03-01T12:00:00")));
      rejected(
          g.when(
              new RecordDeath(j.serviceUser, null, UUID.randomUUID(), at("2025-03-02T12:00:00"))),
          RejectionCode.AFTER_DEATH);
    }
  }

  @Nested
  class CommonRules {
    @Test
    void a_fact_in_the_future_beyond_the_skew_is_refused_but_within_it_accepted() {
      TestExecutor<Journey> g = fixture.given(j.registered());
      rejected(
          g.when(
              new RecordCommunityContact(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  Journeys.NOW.plusSeconds(301),
                  true,
                  "01")),
          RejectionCode.OCCURRED_IN_FUTURE);
      fixture
          .given(j.registered())
          .when(
              new RecordCommunityContact(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  Journeys.NOW.plusSeconds(299),
                  true,
                  "01"))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_stale_expected_version_is_refused_and_the_current_one_accepted() {
      TestExecutor<Journey> g = fixture.given(j.registered(), j.referralReceived());
      AdmitServiceUser base = j.admit("2025-03-02T10:00:00");
      rejected(g.when(withVersion(base, 0L)), RejectionCode.STALE_VERSION);
      fixture
          .given(j.registered(), j.referralReceived())
          .when(withVersion(base, 1L))
          .expectSuccessfulHandlerExecution();
    }

    private AdmitServiceUser withVersion(AdmitServiceUser c, Long version) {
      return new AdmitServiceUser(
          c.serviceUserId(),
          version,
          c.factId(),
          c.occurredAt(),
          c.referralId(),
          c.admissionMethod(),
          c.admissionSource(),
          c.legalStatus(),
          c.placement(),
          c.estimatedDischargeDate());
    }

    @Test
    void a_reused_fact_id_is_refused() {
      rejected(
          fixture
              .given(j.registered())
              .when(
                  new RecordCommunityContact(
                      j.serviceUser, null, j.registration, at("2025-03-22T10:00:00"), true, "01")),
          RejectionCode.FACT_ID_IN_USE);
    }
  }

  @Nested
  class Corrections {
    private TestExecutor<Journey> givenDischarged() {
      return givenAdmitted().andGiven(j.discharged("2025-03-20T10:00:00"));
    }

    private CorrectFact correct(UUID target, Map<String, String> changes) {
      return new CorrectFact(
          j.serviceUser,
          null,
          UUID.randomUUID(),
          at("2025-04-01T10:00:00"),
          target,
          changes,
          "typo");
    }

    @Test
    void an_admission_date_is_corrected() {
      CorrectFact c = correct(j.spell, Map.of("occurredAt", "2025-03-01T22:00:00Z"));
      givenDischarged()
          .when(c)
          .expectEvents(
              new FactCorrected(
                  j.serviceUser, c.factId(), c.occurredAt(), j.spell, c.changes(), "typo"));
    }

    @Test
    void moving_an_admission_after_its_discharge_is_refused() {
      rejected(
          givenDischarged().when(correct(j.spell, Map.of("occurredAt", "2025-03-25T10:00:00Z"))),
          RejectionCode.PRECEDES_DEPENDENCY);
    }

    @Test
    void a_correction_to_an_invalid_code_is_refused() {
      rejected(
          givenDischarged().when(correct(j.spell, Map.of("bedType", "999"))),
          RejectionCode.INVALID_CODE);
    }

    @Test
    void a_correction_of_an_unknown_field_is_refused() {
      rejected(
          givenDischarged().when(correct(j.spell, Map.of("spellId", "x"))),
          RejectionCode.UNKNOWN_FIELD);
    }

    @Test
    void a_correction_of_a_fact_of_another_journey_is_refused() {
      rejected(
          givenDischarged()
              .when(correct(UUID.randomUUID(), Map.of("occurredAt", "2025-03-01T22:00:00Z"))),
          RejectionCode.UNKNOWN_FACT);
    }

    @Test
    void a_malformed_value_is_refused() {
      rejected(
          givenDischarged().when(correct(j.spell, Map.of("occurredAt", "yesterday"))),
          RejectionCode.INVALID_FIELD_VALUE);
    }

    @Test
    void a_correction_without_reason_is_refused() {
      rejected(
          givenDischarged()
              .when(
                  new CorrectFact(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-04-01T10:00:00"),
                      j.spell,
                      Map.of("legalStatus", "03"),
                      " ")),
          RejectionCode.INVALID_FIELD_VALUE);
    }

    @Test
    void later_commands_see_the_corrected_values() {
      // the discharge moved back a week: a transfer on 18 March now falls after it
      UUID discharge = UUID.randomUUID();
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new Discharged(
                      j.serviceUser, discharge, at("2025-03-20T10:00:00"), j.spell, "1", "19"),
                  new FactCorrected(
                      j.serviceUser,
                      UUID.randomUUID(),
                      at("2025-04-01T10:00:00"),
                      discharge,
                      Map.of("occurredAt", "2025-03-13T10:00:00Z"),
                      "wrong week"));
      rejected(
          g.when(
              new TransferWard(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-18T10:00:00"),
                  j.spell,
                  Journeys.localWard())),
          RejectionCode.NO_OPEN_SPELL);
    }

    @Test
    void a_discharge_is_entered_in_error_and_the_spell_is_open_again() {
      UUID discharge = UUID.randomUUID();
      givenAdmitted()
          .andGiven(
              new Discharged(
                  j.serviceUser, discharge, at("2025-03-20T10:00:00"), j.spell, "1", "19"),
              new FactEnteredInError(
                  j.serviceUser,
                  UUID.randomUUID(),
                  at("2025-04-01T10:00:00"),
                  discharge,
                  "wrong patient"))
          .when(
              new TransferWard(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-03-25T10:00:00"),
                  j.spell,
                  Journeys.localWard()))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_admission_with_a_discharge_cannot_be_voided() {
      rejected(
          givenDischarged()
              .when(
                  new MarkEnteredInError(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-04-01T10:00:00"),
                      j.spell,
                      "wrong")),
          RejectionCode.HAS_DEPENDENTS);
    }

    @Test
    void a_voided_fact_cannot_be_voided_or_corrected_again() {
      UUID discharge = UUID.randomUUID();
      TestExecutor<Journey> g =
          givenAdmitted()
              .andGiven(
                  new Discharged(
                      j.serviceUser, discharge, at("2025-03-20T10:00:00"), j.spell, "1", "19"),
                  new FactEnteredInError(
                      j.serviceUser,
                      UUID.randomUUID(),
                      at("2025-04-01T10:00:00"),
                      discharge,
                      "wrong"));
      rejected(
          g.when(
              new MarkEnteredInError(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at("2025-04-02T10:00:00"),
                  discharge,
                  "again")),
          RejectionCode.FACT_VOIDED);
      rejected(
          g.when(correct(discharge, Map.of("dischargeMethod", "2"))), RejectionCode.FACT_VOIDED);
    }

    @Test
    void the_registration_cannot_be_voided() {
      rejected(
          fixture
              .given(j.registered())
              .when(
                  new MarkEnteredInError(
                      j.serviceUser,
                      null,
                      UUID.randomUUID(),
                      at("2025-04-01T10:00:00"),
                      j.registration,
                      "x")),
          RejectionCode.REGISTRATION_NOT_VOIDABLE);
    }
  }
}
