package org.pathway.api.fhir;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.pathway.api.serviceuser.IdentityRepository;
import org.pathway.api.timeline.TimelineService;
import org.pathway.domain.journey.AccommodationStatusRecorded;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.ReferralReceived;
import org.pathway.projections.journey.JourneyDerivation;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.springframework.stereotype.Component;

/**
 * Makes one person's {@link JourneyBundle} from the journey's events as known at a recorded time
 * ({@link TimelineService#known}). Entered-in-error facts are left out.
 */
@Component
class JourneyBundles {
  private final TimelineService timelines;
  private final IdentityRepository identities;
  private final org.pathway.api.codes.UkCoreMaps maps;

  JourneyBundles(
      TimelineService timelines,
      IdentityRepository identities,
      org.pathway.api.codes.UkCoreMaps maps) {
    this.timelines = timelines;
    this.identities = identities;
    this.maps = maps;
  }

  /** The Bundle and the journey version it shows. */
  record Made(Bundle bundle, long version) {}

  Made of(UUID serviceUserId, Instant asAt) {
    TimelineService.Known known = timelines.known(serviceUserId, asAt);
    List<Fact> current = known.facts();
    JourneyBundle bundle = new JourneyBundle(asAt, maps);
    bundle.patient(serviceUserId, identities.find(serviceUserId).orElse(null));
    current.stream()
        .filter(ReferralReceived.class::isInstance)
        .map(ReferralReceived.class::cast)
        .forEach(bundle::referral);
    JourneyDerivation.Derived derived = known.derived();
    for (Spell s : derived.spells().values()) {
      bundle.spell(s);
    }
    for (Placement p : derived.placements().values()) {
      bundle.stepDown(p);
    }
    for (Fact f : current) {
      if (f instanceof CommunityContactRecorded c) {
        bundle.contact(c);
      } else if (f instanceof AccommodationStatusRecorded a) {
        bundle.accommodation(a);
      }
    }
    return new Made(bundle.bundle(), known.timeline().version());
  }
}
