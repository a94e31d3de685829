package org.pathway.projections.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pathway.domain.journey.Admitted;
import org.pathway.domain.journey.ClinicallyReadyForDischarge;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.DeathRecorded;
import org.pathway.domain.journey.DelayEnded;
import org.pathway.domain.journey.Discharged;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.LeaveEnded;
import org.pathway.domain.journey.LeaveStarted;
import org.pathway.domain.journey.LeaveType;
import org.pathway.domain.journey.StepDownOutcome;
import org.pathway.domain.journey.StepDownPlacementEnded;
import org.pathway.domain.journey.StepDownPlacementStarted;
import org.pathway.domain.journey.WardPlacement;
import org.pathway.domain.journey.WardTransferred;
import org.pathway.domain.time.ClinicalTime;

/**
 * Builds one service user's facts for metric tests; times are London local times
 * ("2025-03-30T10:00").
 */
final class J {
  final UUID serviceUser = UUID.randomUUID();
  final List<Fact> facts = new ArrayList<>();
  UUID spell;
  UUID delay;
  UUID leave;
  UUID placement;

  static Instant t(String londonLocal) {
    return LocalDateTime.parse(londonLocal).atZone(ClinicalTime.ZONE).toInstant();
  }

  static WardPlacement ward(
      String bedType, boolean outOfArea, String reason, Integer km, String provider) {
    return new WardPlacement(
        "W-" + bedType,
        bedType,
        "0",
        provider,
        outOfArea ? "FAR" : "HOME",
        outOfArea,
        outOfArea ? reason : null,
        km);
  }

  J admit(String when) {
    return admit(when, "21", ward("200", false, null, 3, "RXX"));
  }

  J admit(String when, String method, WardPlacement placement) {
    spell = UUID.randomUUID();
    facts.add(
        new Admitted(
            serviceUser, spell, t(when), UUID.randomUUID(), method, "19", "01", placement, null));
    return this;
  }

  J admitExpecting(String when, LocalDate estimatedDischarge) {
    spell = UUID.randomUUID();
    facts.add(
        new Admitted(
            serviceUser,
            spell,
            t(when),
            UUID.randomUUID(),
            "21",
            "19",
            "01",
            ward("200", false, null, 3, "RXX"),
            estimatedDischarge));
    return this;
  }

  J transfer(String when, WardPlacement placement) {
    facts.add(new WardTransferred(serviceUser, UUID.randomUUID(), t(when), spell, placement));
    return this;
  }

  J discharge(String when) {
    return discharge(when, "1", "19");
  }

  J discharge(String when, String method, String destination) {
    facts.add(new Discharged(serviceUser, UUID.randomUUID(), t(when), spell, method, destination));
    return this;
  }

  J ready(String when, String reason, String agency) {
    delay = UUID.randomUUID();
    facts.add(new ClinicallyReadyForDischarge(serviceUser, delay, t(when), spell, reason, agency));
    return this;
  }

  J delayEnds(String when) {
    facts.add(new DelayEnded(serviceUser, UUID.randomUUID(), t(when), spell, delay));
    return this;
  }

  J leave(String from, String to) {
    leave = UUID.randomUUID();
    facts.add(new LeaveStarted(serviceUser, leave, t(from), spell, LeaveType.HOME_LEAVE));
    if (to != null) {
      facts.add(new LeaveEnded(serviceUser, UUID.randomUUID(), t(to), spell, leave));
    }
    return this;
  }

  J contact(String when, boolean attended, String medium) {
    facts.add(
        new CommunityContactRecorded(serviceUser, UUID.randomUUID(), t(when), attended, medium));
    return this;
  }

  J death(String when) {
    facts.add(new DeathRecorded(serviceUser, UUID.randomUUID(), t(when)));
    return this;
  }

  J stepDown(String when, UUID afterSpell) {
    placement = UUID.randomUUID();
    facts.add(
        new StepDownPlacementStarted(
            serviceUser, placement, t(when), "STEP-1", "HOUSING-A", afterSpell));
    return this;
  }

  J stepDownEnds(String when, StepDownOutcome outcome) {
    facts.add(
        new StepDownPlacementEnded(serviceUser, UUID.randomUUID(), t(when), placement, outcome));
    return this;
  }
}
