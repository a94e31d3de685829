package org.pathway.api.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.pathway.api.ApiTestBase;
import org.pathway.api.config.JourneyCache;
import org.pathway.api.serviceuser.IdentityRepository;
import org.pathway.api.serviceuser.RegistrationService;
import org.pathway.api.serviceuser.ServiceUserController.RegistrationRequest;
import org.pathway.api.web.CommandExecutor;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.journey.AcceptReferral;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.RecordCommunityContact;
import org.pathway.domain.time.TimePolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * An import worker keeps its journeys between batches. When another writer (here the REST API)
 * appends to one of them meanwhile, the next batch on it must not commit — whether the stale
 * journey would have accepted the line (the append collides) or refused it (only the check at the
 * end of the batch sees it) — and the same lines then go in on the journey as stored.
 */
class ImportBatchIT extends ApiTestBase {
  @Autowired CommandExecutor executor;
  @Autowired IdentityRepository identities;
  @Autowired EventStore events;
  @Autowired JourneyCache journeyCache;
  @Autowired TimePolicy time;
  @Autowired CodeCatalogue codes;
  @Autowired PlatformTransactionManager transactions;
  @Autowired RegistrationService registrations;

  @Test
  void a_journey_another_writer_changed_since_the_last_batch_fails_the_batch_and_nothing_is_lost() {
    ImportBatch batch = newBatch();
    UUID su = register();
    assertThat(accepted(batch.run(List.of(line(contact(su, "2025-03-01T10:00:00Z")))))).isTrue();
    assertThat(eventCount(su)).isEqualTo(2);

    // a referral recorded over REST: the kept journey does not know it and would refuse this
    UUID referral =
        api.post(
                "/service-users/" + su + "/referrals",
                org.pathway.api.Api.json(
                    "occurredAt", "2025-03-02T10:00:00Z",
                    "sourceOfReferral", "A1",
                    "teamTypeReferredTo", "A02",
                    "priority", "URGENT",
                    "primaryReason", "18"))
            .id("factId");
    ImportBatch.Line accept =
        line(
            new AcceptReferral(
                su, null, UUID.randomUUID(), Instant.parse("2025-03-03T10:00:00Z"), referral));
    assertThatThrownBy(() -> batch.run(List.of(accept)))
        .isInstanceOf(ImportBatch.NotCommitted.class);
    assertThat(eventCount(su)).isEqualTo(3);
    assertThat(accepted(batch.run(List.of(accept)))).as("judged on the stored journey").isTrue();
    assertThat(eventCount(su)).isEqualTo(4);

    // a contact over REST: the kept journey would accept this at a sequence number now taken
    contact(su, "2025-03-04T10:00:00Z", "01");
    ImportBatch.Line next = line(contact(su, "2025-03-05T10:00:00Z"));
    assertThatThrownBy(() -> batch.run(List.of(next))).isInstanceOf(RuntimeException.class);
    assertThat(eventCount(su)).isEqualTo(5);
    assertThat(accepted(batch.run(List.of(next)))).isTrue();
    assertThat(eventCount(su)).isEqualTo(6);
  }

  /**
   * A journey registered in the batch under an id without an identity row is not read from the
   * store (nothing should be there); where its events are there after all (a replayed export
   * carries no identities), the batch must not commit what it judged on an empty journey.
   */
  @Test
  void a_registration_judged_without_reading_the_store_is_checked_against_it() {
    ImportBatch batch = newBatch();
    UUID su = register();
    jdbc.update("DELETE FROM service_user_identity WHERE service_user_id = ?", su);
    String takenNhsNumber = identities.find(register()).orElseThrow().nhsNumber();
    long before = eventCount(su);
    ImportBatch.Line registration =
        ImportBatch.Line.registration(
            "batch-it-" + UUID.randomUUID(),
            List.of("import", "registration"),
            Map.of("author", "clinician"),
            registrations.prepare(
                new RegistrationRequest(
                    su,
                    null,
                    takenNhsNumber,
                    null,
                    "Test",
                    "Person",
                    null,
                    null,
                    "NORTH",
                    "CMHT-N",
                    OffsetDateTime.parse("2025-01-10T09:00:00Z"))));
    ImportBatch.Line contact = line(contact(su, "2025-03-01T10:00:00Z"));
    assertThatThrownBy(() -> batch.run(List.of(registration, contact)))
        .as("the contact was refused on a journey the store has")
        .isInstanceOf(ImportBatch.NotCommitted.class);
    assertThat(eventCount(su)).isEqualTo(before);
  }

  /** A worker's batch, on the application's own components. */
  private ImportBatch newBatch() {
    return new ImportBatch(
        executor, identities, events, journeyCache, time, codes, jdbc, transactions);
  }

  private static boolean accepted(List<CommandExecutor.Result<?>> results) {
    return results.size() == 1
        && results.get(0) instanceof CommandExecutor.Executed<?> e
        && !e.replayed();
  }

  private static RecordCommunityContact contact(UUID su, String when) {
    return new RecordCommunityContact(su, null, UUID.randomUUID(), Instant.parse(when), true, "01");
  }

  private static ImportBatch.Line line(JourneyCommand command) {
    String key = "batch-it-" + UUID.randomUUID();
    return ImportBatch.Line.command(
        key,
        List.of("import", key),
        Map.of("author", "clinician", "idempotencyKey", key),
        command,
        null);
  }
}
