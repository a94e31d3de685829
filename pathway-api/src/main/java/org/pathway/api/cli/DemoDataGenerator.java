package org.pathway.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.pathway.domain.journey.AcceptReferral;
import org.pathway.domain.journey.AdmitServiceUser;
import org.pathway.domain.journey.ChangeLegalStatus;
import org.pathway.domain.journey.CorrectFact;
import org.pathway.domain.journey.DischargeServiceUser;
import org.pathway.domain.journey.EndDelay;
import org.pathway.domain.journey.EndLeave;
import org.pathway.domain.journey.EndStepDownPlacement;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.JourneyCommands;
import org.pathway.domain.journey.MarkEnteredInError;
import org.pathway.domain.journey.RecordAccommodationStatus;
import org.pathway.domain.journey.RecordClinicallyReadyForDischarge;
import org.pathway.domain.journey.RecordCommunityContact;
import org.pathway.domain.journey.RecordDeath;
import org.pathway.domain.journey.RecordReferral;
import org.pathway.domain.journey.RegisterServiceUser;
import org.pathway.domain.journey.StartLeave;
import org.pathway.domain.journey.StartStepDownPlacement;
import org.pathway.domain.journey.TransferWard;

/**
 * Writes a realistic synthetic population as import NDJSON: referrals, admissions with a
 * long-tailed length of stay, out-of-area placements (some repatriated), ward moves, leave, delays
 * with realistic reasons, discharges (some to step-down housing), follow-up contacts, readmissions,
 * deaths, accommodation statuses — and, as in real life, some facts recorded late (out of clinical
 * order) and some corrected or entered in error. Deterministic for a seed. NHS numbers are from the
 * 999 test range; no real person is described.
 */
public final class DemoDataGenerator {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final LocalDate FIRST_DAY = LocalDate.parse("2024-04-01");
  private static final LocalDate LAST_DAY = LocalDate.parse("2026-03-31");
  private static final LocalDate HORIZON = LocalDate.parse("2026-10-31");

  private final Random random;
  private final ObjectMapper json = new ObjectMapper();
  private final Writer out;
  private final String keyPrefix;
  private long lines;
  private long nhs;
  private LocalDate placementOpenUntil = LocalDate.MIN;

  private static final long FIRST_NHS = 999_000_000L;
  private static final long NHS_BLOCK = 5_000;
  private static final long NHS_BLOCKS = 200;

  private DemoDataGenerator(long seed, Writer out) {
    this.random = new Random(seed);
    this.out = out;
    this.keyPrefix = "demo-" + seed + "-";
    // NHS numbers from the 999 test range, a block of 5,000 per seed (seeds taken modulo 200), so
    // files of up to 4,500 people from different seeds below 200 never share an NHS number and can
    // go into one database; a larger file runs on into the next seeds' blocks
    this.nhs = FIRST_NHS + Math.floorMod(seed, NHS_BLOCKS) * NHS_BLOCK;
  }

  /** Writes {@code people} journeys; returns the number of lines written. */
  public static long generate(int people, long seed, Writer writer) throws IOException {
    BufferedWriter out = new BufferedWriter(writer, 1 << 16);
    DemoDataGenerator g = new DemoDataGenerator(seed, out);
    for (int i = 0; i < people; i++) {
      g.person(i);
    }
    out.flush();
    return g.lines;
  }

  private void person(int index) throws IOException {
    UUID su = uuid();
    placementOpenUntil = LocalDate.MIN;
    LocalDate start = FIRST_DAY.plusDays(random.nextInt(60));
    String locality = pick("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL");
    line(
        RegisterServiceUser.class,
        su,
        Map.of(
            "factId",
            uuid(),
            "nhsNumber",
            nextNhsNumber(),
            "localIdentifier",
            "DEMO" + index,
            "dateOfBirth",
            LocalDate.parse("1940-01-01").plusDays(random.nextInt(365 * 60)).toString(),
            "homeLocality",
            locality,
            "communityTeam",
            "CMHT-" + locality,
            "occurredAt",
            at(start, 9)));
    UUID referral = uuid();
    LocalDate referredOn = start.plusDays(1 + random.nextInt(5));
    line(
        RecordReferral.class,
        su,
        Map.of(
            "factId",
            referral,
            "occurredAt",
            at(referredOn, 10),
            "sourceOfReferral",
            pick("A1", "A1", "H1", "H2", "B1", "E1", "K1"),
            "teamTypeReferredTo",
            pick("A02", "A02", "A06", "A08", "A11", "A14"),
            "priority",
            pick("URGENT", "URGENT", "EMERGENCY", "ROUTINE"),
            "primaryReason",
            pick("18", "04", "02", "01", "05", "14", "15")));
    line(
        AcceptReferral.class,
        su,
        Map.of("factId", uuid(), "occurredAt", at(referredOn, 12), "referralId", referral));
    if (random.nextDouble() < 0.25) {
      contacts(su, referredOn.plusDays(3), 3);
      return; // community only
    }
    LocalDate admitOn =
        referredOn.plusDays(
            1 + random.nextInt((int) (LAST_DAY.toEpochDay() - referredOn.toEpochDay())));
    List<Deferred> late = new ArrayList<>();
    for (int spellNo = 0; spellNo < 4 && !admitOn.isAfter(LAST_DAY); spellNo++) {
      LocalDate dischargedOn = spell(su, referral, admitOn, late);
      for (Deferred d : late) {
        line(d.command, su, d.fields);
      }
      late.clear();
      if (dischargedOn == null || random.nextDouble() < 0.005) {
        if (dischargedOn != null) {
          line(
              RecordDeath.class,
              su,
              Map.of(
                  "factId",
                  uuid(),
                  "occurredAt",
                  at(dischargedOn.plusDays(11 + random.nextInt(20)), 23)));
        }
        return;
      }
      double r = random.nextDouble();
      if (r < 0.12) {
        admitOn = dischargedOn.plusDays(1 + random.nextInt(27));
      } else if (r < 0.30) {
        admitOn = dischargedOn.plusDays(28 + random.nextInt(300));
      } else {
        return;
      }
    }
  }

  private record Deferred(Class<? extends JourneyCommand> command, Map<String, Object> fields) {}

  /**
   * One spell; returns the discharge date, or null if it is still open at the horizon or ended by
   * death.
   */
  private LocalDate spell(UUID su, UUID referral, LocalDate admitOn, List<Deferred> late)
      throws IOException {
    UUID spell = uuid();
    String bedType =
        weighted(new String[] {"200", "201", "202", "212", "203", "205"}, 70, 12, 8, 5, 2, 3);
    boolean oap = bedType.startsWith("20") && !bedType.equals("203") && random.nextDouble() < 0.12;
    int los = (int) Math.min(400, Math.round(Math.exp(Math.log(22) + 0.9 * random.nextGaussian())));
    if (random.nextDouble() < 0.04) {
      los = 0;
    }
    LocalDate dischargeOn = admitOn.plusDays(los);
    int admitHour = 8 + random.nextInt(12);
    int dischargeHour = los == 0 ? admitHour + 3 : 11;
    line(
        AdmitServiceUser.class,
        su,
        Map.of(
            "factId",
            spell,
            "occurredAt",
            at(admitOn, admitHour),
            "referralId",
            referral,
            "admissionMethod",
            weighted(new String[] {"21", "25", "22", "2A", "11", "81"}, 35, 30, 15, 10, 5, 5),
            "admissionSource",
            weighted(new String[] {"19", "29", "51", "40"}, 85, 8, 5, 2),
            "legalStatus",
            weighted(new String[] {"01", "02", "03"}, 55, 25, 20),
            "placement",
            placement(bedType, oap),
            "estimatedDischargeDate",
            admitOn.plusDays(Math.max(7, los - 10 + random.nextInt(20))).toString()));
    if (random.nextDouble() < 0.02) {
      LocalDate noticed = admitOn.plusDays(Math.min(los + 1, 30));
      line(
          CorrectFact.class,
          su,
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(noticed.isAfter(HORIZON) ? HORIZON : noticed, 9),
              "targetFactId",
              spell,
              "changes",
              Map.of("occurredAt", at(admitOn, admitHour - 1)),
              "reason",
              "admission time keyed from the wrong clock"));
    }
    if (los >= 4 && oap && random.nextDouble() < 0.55) {
      int day = 2 + random.nextInt(Math.max(1, Math.min(20, los - 2)));
      transfer(su, spell, admitOn.plusDays(day), 13, () -> placement(bedType, false));
    } else if (los >= 6 && random.nextDouble() < 0.10) {
      transfer(
          su,
          spell,
          admitOn.plusDays(los / 2),
          14,
          () -> placement(random.nextBoolean() ? "202" : "200", false));
    }
    if (los >= 3 && random.nextDouble() < 0.15) {
      Map<String, Object> change =
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(admitOn.plusDays(1 + random.nextInt(los - 1)), 11),
              "spellId",
              spell,
              "legalStatus",
              pick("02", "03", "01"));
      if (random.nextDouble() < 0.3) {
        late.add(
            new Deferred(
                ChangeLegalStatus.class, change)); // recorded after the discharge: a late entry
      } else {
        line(ChangeLegalStatus.class, su, change);
      }
    }
    if (los >= 10 && random.nextDouble() < 0.30) {
      LocalDate leaveOn = admitOn.plusDays(3 + random.nextInt(los / 2));
      UUID leave = uuid();
      line(
          StartLeave.class,
          su,
          Map.of(
              "factId",
              leave,
              "occurredAt",
              at(leaveOn, 15),
              "spellId",
              spell,
              "leaveType",
              pick("HOME_LEAVE", "HOME_LEAVE", "LEAVE_OF_ABSENCE")));
      line(
          EndLeave.class,
          su,
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(leaveOn.plusDays(1 + random.nextInt(2)), 16),
              "spellId",
              spell,
              "leaveId",
              leave));
    }
    boolean open = dischargeOn.isAfter(HORIZON);
    if (los >= 5 && random.nextDouble() < 0.25) {
      LocalDate readyOn =
          admitOn.plusDays(Math.max(1, (int) (los * (0.55 + 0.3 * random.nextDouble()))));
      UUID delay = uuid();
      if (!readyOn.isAfter(HORIZON)) {
        line(
            RecordClinicallyReadyForDischarge.class,
            su,
            Map.of(
                "factId",
                delay,
                "occurredAt",
                at(readyOn, 12),
                "spellId",
                spell,
                "delayReason",
                weighted(
                    new String[] {"14", "15", "16", "17", "05", "01", "03", "08", "11", "98"},
                    14,
                    10,
                    8,
                    6,
                    14,
                    10,
                    10,
                    10,
                    10,
                    8),
                "attributableTo",
                weighted(new String[] {"04", "05", "06"}, 40, 35, 25)));
        if (random.nextDouble() < 0.2 && readyOn.plusDays(2).isBefore(dischargeOn)) {
          line(
              EndDelay.class,
              su,
              Map.of(
                  "factId",
                  uuid(),
                  "occurredAt",
                  at(readyOn.plusDays(1 + random.nextInt(2)), 17),
                  "spellId",
                  spell,
                  "delayId",
                  delay));
        }
      }
    }
    if (open) {
      return null;
    }
    boolean died = random.nextDouble() < 0.004;
    String destination =
        died ? "79" : weighted(new String[] {"19", "29", "53", "51", "87"}, 80, 12, 4, 2, 2);
    String method = died ? "4" : weighted(new String[] {"1", "6", "7", "3"}, 92, 5, 1, 2);
    UUID discharge = uuid();
    Map<String, Object> dischargeFields =
        Map.of(
            "factId",
            discharge,
            "occurredAt",
            at(dischargeOn, dischargeHour),
            "spellId",
            spell,
            "dischargeMethod",
            method,
            "dischargeDestination",
            destination);
    line(DischargeServiceUser.class, su, dischargeFields);
    if (random.nextDouble() < 0.005) {
      // discharge recorded against the wrong spell date: voided and recorded again
      line(
          MarkEnteredInError.class,
          su,
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(dischargeOn, 18),
              "targetFactId",
              discharge,
              "reason",
              "discharge recorded in error"));
      line(
          DischargeServiceUser.class,
          su,
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(dischargeOn, dischargeHour),
              "spellId",
              spell,
              "dischargeMethod",
              method,
              "dischargeDestination",
              destination));
    }
    if (died) {
      line(
          RecordDeath.class,
          su,
          Map.of("factId", uuid(), "occurredAt", at(dischargeOn, dischargeHour)));
      return null;
    }
    if (destination.equals("29")
        && random.nextDouble() < 0.85
        && placementOpenUntil.isBefore(dischargeOn)) {
      UUID placement = uuid();
      LocalDate startOn =
          dischargeOn.plusDays(
              random.nextDouble() < 0.8 && dischargeHour < 15 ? 0 : 1 + random.nextInt(3));
      line(
          StartStepDownPlacement.class,
          su,
          Map.of(
              "factId",
              placement,
              "occurredAt",
              at(startOn, 15),
              "scheme",
              pick("STEP-1", "STEP-2", "CRISIS-HOUSE"),
              "provider",
              pick("HOUSING-A", "HOUSING-B"),
              "dischargeSpellId",
              spell));
      LocalDate endOn = startOn.plusDays(30 + random.nextInt(150));
      placementOpenUntil = endOn.isAfter(HORIZON) ? LocalDate.MAX : endOn;
      if (!endOn.isAfter(HORIZON)) {
        line(
            EndStepDownPlacement.class,
            su,
            Map.of(
                "factId",
                uuid(),
                "occurredAt",
                at(endOn, 10),
                "placementId",
                placement,
                "outcome",
                weighted(
                    new String[] {"SETTLED_ACCOMMODATION", "READMITTED", "OTHER"}, 60, 15, 25)));
        line(
            RecordAccommodationStatus.class,
            su,
            Map.of(
                "factId",
                uuid(),
                "occurredAt",
                at(endOn, 11),
                "settledIndicator",
                "Y",
                "accommodationType",
                pick("01", "02", "03", "04")));
      }
    } else if (random.nextDouble() < 0.6) {
      line(
          RecordAccommodationStatus.class,
          su,
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(dischargeOn, 12),
              "settledIndicator",
              weighted(new String[] {"Y", "N", "Z"}, 75, 20, 5),
              "accommodationType",
              pick("01", "02", "03", "04", "11")));
    }
    double f = random.nextDouble();
    LocalDate followUp =
        dischargeOn.plusDays(f < 0.75 ? 1 + random.nextInt(3) : 4 + random.nextInt(7));
    if (!followUp.isAfter(HORIZON)) {
      boolean missed = random.nextDouble() < 0.08;
      line(
          RecordCommunityContact.class,
          su,
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(followUp, 10),
              "attended",
              !missed,
              "contactMedium",
              weighted(new String[] {"01", "02", "11"}, 60, 30, 10)));
    }
    return dischargeOn;
  }

  /** A ward move; the ward is drawn after the id and time, keeping a seed's output unchanged. */
  private void transfer(
      UUID su,
      UUID spell,
      LocalDate on,
      int hour,
      java.util.function.Supplier<Map<String, Object>> ward)
      throws IOException {
    UUID id = uuid();
    String when = at(on, hour);
    line(
        TransferWard.class,
        su,
        Map.of("factId", id, "occurredAt", when, "spellId", spell, "placement", ward.get()));
  }

  private Map<String, Object> placement(String bedType, boolean outOfArea) {
    return outOfArea
        ? Map.of(
            "ward",
            "OOA-" + random.nextInt(20),
            "bedType",
            bedType,
            "wardSecurityLevel",
            "0",
            "provider",
            pick("NQX", "NTY", "NVC", "RW1"),
            "locality",
            "OUT",
            "outOfArea",
            true,
            "oapReason",
            weighted(new String[] {"10", "11", "12", "13", "14"}, 80, 8, 4, 4, 4),
            "distanceFromHomeKm",
            25 + random.nextInt(300))
        : Map.of(
            "ward",
            pick("OAK", "ASH", "ELM", "BIRCH", "WILLOW"),
            "bedType",
            bedType,
            "wardSecurityLevel",
            "0",
            "provider",
            "RXX",
            "locality",
            "HOME",
            "outOfArea",
            false,
            "distanceFromHomeKm",
            1 + random.nextInt(25));
  }

  private void contacts(UUID su, LocalDate from, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      LocalDate on = from.plusDays(7L * i + random.nextInt(5));
      if (on.isAfter(HORIZON)) {
        return;
      }
      line(
          RecordCommunityContact.class,
          su,
          Map.of(
              "factId",
              uuid(),
              "occurredAt",
              at(on, 10),
              "attended",
              random.nextDouble() < 0.85,
              "contactMedium",
              pick("01", "02", "11")));
    }
  }

  private void line(Class<? extends JourneyCommand> command, UUID su, Map<String, Object> fields)
      throws IOException {
    Object when = fields.get("occurredAt");
    if (when != null
        && LocalDate.ofInstant(Instant.parse(when.toString()), LONDON).isAfter(HORIZON)) {
      return; // not happened yet at the end of the generated history
    }
    ObjectNode node = json.createObjectNode();
    node.put("command", JourneyCommands.name(command));
    node.put("idempotencyKey", keyPrefix + (lines + 1));
    node.put("serviceUserId", su.toString());
    fields.forEach((k, v) -> node.set(k, json.valueToTree(v instanceof UUID u ? u.toString() : v)));
    out.write(json.writeValueAsString(node));
    out.write('\n');
    lines++;
  }

  private String at(LocalDate date, int hour) {
    Instant instant =
        LocalDateTime.of(
                date, java.time.LocalTime.of(Math.max(0, Math.min(23, hour)), random.nextInt(60)))
            .atZone(LONDON)
            .toInstant();
    return instant.toString();
  }

  private UUID uuid() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  private String nextNhsNumber() {
    while (true) {
      String nine = Long.toString(nhs);
      // the 999 range has a million nine-digit stems: past its end, round to its start
      nhs = nhs == FIRST_NHS + NHS_BLOCKS * NHS_BLOCK - 1 ? FIRST_NHS : nhs + 1;
      int check = org.pathway.domain.serviceuser.NhsNumber.checkDigit(nine);
      if (check >= 0) {
        return nine + check;
      }
    }
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private String weighted(String[] options, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < options.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return options[i];
      }
    }
    return options[options.length - 1];
  }
}
