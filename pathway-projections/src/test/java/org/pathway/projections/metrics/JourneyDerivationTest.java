package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pathway.domain.journey.AccommodationStatusRecorded;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.DeathRecorded;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.ReferralAccepted;
import org.pathway.domain.journey.ReferralClosed;
import org.pathway.domain.journey.ReferralDeclined;
import org.pathway.domain.journey.ReferralReceived;
import org.pathway.domain.journey.ServiceUserRegistered;
import org.pathway.domain.journey.StepDownOutcome;
import org.pathway.projections.journey.JourneyDerivation;

/**
 * The projection derives spells and placements again only after a fact {@link
 * JourneyDerivation#reads} (JourneyVersioning): so every other fact must be one derive ignores.
 */
class JourneyDerivationTest {
  @Test
  void every_kind_of_fact_is_either_derived_from_or_named_here_as_ignored() {
    Set<Class<?>> ignored =
        Set.of(
            ServiceUserRegistered.class,
            ReferralReceived.class,
            ReferralAccepted.class,
            ReferralDeclined.class,
            ReferralClosed.class,
            CommunityContactRecorded.class,
            AccommodationStatusRecorded.class,
            DeathRecorded.class);
    Set<Class<?>> all =
        Arrays.stream(Fact.class.getPermittedSubclasses()).collect(Collectors.toSet());
    // a new kind of fact must be put in one of the two sets on purpose
    assertThat(all)
        .containsExactlyInAnyOrderElementsOf(union(JourneyDerivation.DERIVED_FROM, ignored));
    assertThat(ignored).doesNotContainAnyElementsOf(Set.copyOf(JourneyDerivation.DERIVED_FROM));
    for (Class<?> kind : all) {
      assertThat(kind.isRecord()).as(kind + " is matched by its exact class").isTrue();
    }
  }

  @Test
  void leaving_out_the_facts_derive_does_not_read_derives_the_same() {
    J j =
        new J()
            .contact("2025-02-20T10:00", true, "01")
            .admit("2025-03-01T10:00")
            .contact("2025-03-01T10:00", false, "02")
            .leave("2025-03-03T10:00", "2025-03-04T10:00")
            .ready("2025-03-05T10:00", "14", "NHS")
            .contact("2025-03-06T09:00", true, "01")
            .delayEnds("2025-03-07T10:00")
            .transfer("2025-03-08T10:00", J.ward("212", true, "10", 40, "RYY"))
            .discharge("2025-03-10T10:00");
    j.stepDown("2025-03-10T12:00", j.spell)
        .contact("2025-03-11T10:00", true, "01")
        .stepDownEnds("2025-04-10T10:00", StepDownOutcome.values()[0])
        .admit("2025-05-01T10:00")
        .death("2025-05-02T10:00");
    List<Fact> derivedFrom = j.facts.stream().filter(JourneyDerivation::reads).toList();
    assertThat(derivedFrom).hasSizeLessThan(j.facts.size());
    assertThat(JourneyDerivation.derive(derivedFrom)).isEqualTo(JourneyDerivation.derive(j.facts));
    assertThat(JourneyDerivation.derive(j.facts).spells()).hasSize(2);
    assertThat(JourneyDerivation.derive(j.facts).placements()).hasSize(1);
  }

  private static Set<Class<?>> union(Set<? extends Class<?>> a, Set<Class<?>> b) {
    Set<Class<?>> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
