package org.pathway.domain.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.time.TimePolicy;

/**
 * Test data: one service user's journey, built fact by fact. Shared with the API tests (test-jar).
 */
public final class Journeys {
  public static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
  public static final TimePolicy TIME =
      new TimePolicy(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
  public static final CodeCatalogue CODES = CodeCatalogue.loadBundled();

  public final UUID serviceUser = UUID.randomUUID();
  public final UUID registration = UUID.randomUUID();
  public final UUID referral = UUID.randomUUID();
  public final UUID spell = UUID.randomUUID();

  public static Instant at(String isoLocal) {
    return Instant.parse(isoLocal + "Z");
  }

  public static WardPlacement localWard() {
    return new WardPlacement("OAK", "200", "0", "RXX", "NORTH", false, null, 3);
  }

  public static WardPlacement outOfAreaWard() {
    return new WardPlacement("PRIORY-2", "200", "0", "NQX", "FAR", true, "10", 212);
  }

  public ServiceUserRegistered registered() {
    return new ServiceUserRegistered(
        serviceUser, registration, at("2025-01-01T09:00:00"), "NORTH", "CMHT-N");
  }

  public RegisterServiceUser register() {
    return new RegisterServiceUser(
        serviceUser, registration, at("2025-01-01T09:00:00"), "NORTH", "CMHT-N");
  }

  public ReferralReceived referralReceived() {
    return new ReferralReceived(
        serviceUser,
        referral,
        at("2025-03-01T10:00:00"),
        "A1",
        "A02",
        ReferralPriority.URGENT,
        "18");
  }

  public RecordReferral recordReferral() {
    return new RecordReferral(
        serviceUser,
        null,
        referral,
        at("2025-03-01T10:00:00"),
        "A1",
        "A02",
        ReferralPriority.URGENT,
        "18");
  }

  public Admitted admitted(String when) {
    return admitCommand(spell, when).toFact();
  }

  public AdmitServiceUser admit(String when) {
    return admitCommand(spell, when);
  }

  public AdmitServiceUser admitCommand(UUID spellId, String when) {
    return new AdmitServiceUser(
        serviceUser, null, spellId, at(when), referral, "21", "19", "01", localWard(), null);
  }

  public Discharged discharged(String when) {
    return discharge(when).toFact();
  }

  public DischargeServiceUser discharge(String when) {
    return dischargeFrom(spell, when);
  }

  public DischargeServiceUser dischargeFrom(UUID spellId, String when) {
    return new DischargeServiceUser(
        serviceUser, null, UUID.randomUUID(), at(when), spellId, "1", "19");
  }
}
