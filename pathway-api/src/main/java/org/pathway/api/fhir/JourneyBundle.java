package org.pathway.api.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.pathway.api.codes.CodeListController;
import org.pathway.api.codes.UkCoreMaps;
import org.pathway.api.serviceuser.IdentityRepository;
import org.pathway.domain.journey.AccommodationStatusRecorded;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.ReferralReceived;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;

/**
 * One person's journey as a FHIR R4 Bundle (docs/interop.md, "FHIR"): Patient; a ServiceRequest per
 * referral; an Encounter per hospital spell (class IMP, period, the ward stays as {@code
 * location[]} of Location resources, admission source and discharge destination in {@code
 * hospitalization}, admission method, discharge method and legal status at admission as UK Core's
 * extensions); an Observation per clinically-ready-for-discharge period and per accommodation
 * status; an Encounter per community contact; an EpisodeOfCare per step-down placement. Codes are
 * MHSDS codes in UK Core's code systems where UK Core has one, else in Pathway's own ({@code
 * /code-lists/{list}/CodeSystem}). References are {@code urn:uuid:} full URLs within the Bundle.
 */
final class JourneyBundle {
  static final String UKCORE = "https://fhir.hl7.org.uk/";
  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  static final String EXTENSIONS = "https://pathway.dev/fhir/StructureDefinition/";

  private final Bundle bundle = new Bundle();
  private final Map<String, String> locations = new HashMap<>();
  private final Map<UUID, String> referrals = new HashMap<>();
  private String patient;
  private final UkCoreMaps maps;

  JourneyBundle(Instant asAt, UkCoreMaps maps) {
    this.maps = maps;
    bundle.setType(Bundle.BundleType.COLLECTION);
    bundle.setId(UUID.randomUUID().toString());
    bundle.setTimestamp(Date.from(asAt == null ? Instant.now() : asAt));
  }

  Bundle bundle() {
    return bundle;
  }

  /**
   * Each resource claims its UK Core profile (the tests validate against them: the UK Core
   * conformance resources in {@code src/test/resources/ukcore}).
   */
  private String add(Resource resource, UUID id) {
    resource.getMeta().addProfile(UKCORE + "StructureDefinition/UKCore-" + resource.fhirType());
    resource.setId(id.toString());
    String url = "urn:uuid:" + id;
    bundle.addEntry().setFullUrl(url).setResource(resource);
    return url;
  }

  private static Coding ours(String list, String code) {
    return new Coding(CodeListController.CANONICAL + "CodeSystem/mhsds-" + list, code, null);
  }

  private static Coding ukCore(String codeSystem, String code) {
    return new Coding(UKCORE + "CodeSystem/" + codeSystem, code, null);
  }

  /** A code of Pathway's own observation CodeSystem. */
  private static CodeableConcept observation(String code, String display) {
    return concept(
        new Coding(CodeListController.CANONICAL + "CodeSystem/observation", code, display));
  }

  private static CodeableConcept concept(Coding coding) {
    return new CodeableConcept(coding);
  }

  private static Date at(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static DateType date(LocalDate date) {
    return new DateType(date.toString());
  }

  private static Period days(LocalDate start, LocalDate end) {
    Period p = new Period();
    p.setStartElement(new DateTimeType(start.toString()));
    if (end != null) {
      p.setEndElement(new DateTimeType(end.toString()));
    }
    return p;
  }

  void patient(UUID serviceUserId, IdentityRepository.Identity identity) {
    Patient p = new Patient();
    if (identity != null) {
      if (identity.nhsNumber() != null) {
        p.addIdentifier().setSystem(NHS_NUMBER).setValue(identity.nhsNumber());
      }
      if (identity.familyName() != null || identity.givenName() != null) {
        var name = p.addName().setFamily(identity.familyName());
        if (identity.givenName() != null) {
          name.addGiven(identity.givenName());
        }
      }
      if (identity.dateOfBirth() != null) {
        p.setBirthDateElement(date(identity.dateOfBirth()));
      }
      if (identity.postcode() != null) {
        p.addAddress().setPostalCode(identity.postcode());
      }
    }
    patient = add(p, serviceUserId);
  }

  void referral(ReferralReceived r) {
    ServiceRequest s = new ServiceRequest();
    s.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    s.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    s.setSubject(new Reference(patient));
    s.setAuthoredOn(at(r.occurredAt()));
    s.setCode(concept(new Coding("http://snomed.info/sct", "306206005", "Referral to service")));
    s.setPerformerType(concept(ours("team-type", r.teamTypeReferredTo())));
    if (r.primaryReason() != null) {
      s.addReasonCode(concept(ours("primary-referral-reason", r.primaryReason())));
    }
    if (r.priority() != null) {
      s.setPriority(
          switch (r.priority()) {
            case EMERGENCY -> ServiceRequest.ServiceRequestPriority.STAT;
            case VERY_URGENT -> ServiceRequest.ServiceRequestPriority.ASAP;
            case URGENT -> ServiceRequest.ServiceRequestPriority.URGENT;
            case ROUTINE -> ServiceRequest.ServiceRequestPriority.ROUTINE;
          });
    }
    if (r.sourceOfReferral() != null) {
      s.addExtension(
          new Extension(
              UKCORE + "StructureDefinition/Extension-UKCore-SourceOfServiceRequest",
              concept(ours("source-of-referral", r.sourceOfReferral()))));
    }
    referrals.put(r.factId(), add(s, r.factId()));
  }

  void spell(Spell s) {
    Encounter e = new Encounter();
    e.setStatus(
        s.dischargedOn() == null
            ? Encounter.EncounterStatus.INPROGRESS
            : Encounter.EncounterStatus.FINISHED);
    e.setClass_(
        new Coding(
            "http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
    e.setSubject(new Reference(patient));
    if (s.referralId() != null && referrals.containsKey(s.referralId())) {
      e.addBasedOn(new Reference(referrals.get(s.referralId())));
    }
    Period period = new Period().setStart(at(s.admittedAt()));
    if (s.dischargedAt() != null) {
      period.setEnd(at(s.dischargedAt()));
    }
    e.setPeriod(period);
    Encounter.EncounterHospitalizationComponent h = e.getHospitalization();
    if (s.admissionSource() != null) {
      h.setAdmitSource(concept(ukCore("UKCore-SourceOfAdmissionEngland", s.admissionSource())));
    }
    if (s.admissionMethod() != null) {
      h.addExtension(
          new Extension(
              UKCORE + "StructureDefinition/Extension-UKCore-AdmissionMethod",
              concept(ukCore("UKCore-AdmissionMethodEngland", s.admissionMethod()))));
    }
    if (s.dischargeDestination() != null) {
      // UK Core's list lags MHSDS v6: its code where the map gives one, Pathway's always
      CodeableConcept destination = new CodeableConcept();
      maps.target("mhsds-discharge-destination", s.dischargeDestination())
          .filter(UkCoreMaps.Target::mapped)
          .ifPresent(t -> destination.addCoding(ukCore(t.system(), t.code())));
      destination.addCoding(ours("discharge-destination", s.dischargeDestination()));
      h.setDischargeDisposition(destination);
    }
    if (s.dischargeMethod() != null) {
      e.addExtension(
          new Extension(
              UKCORE + "StructureDefinition/Extension-UKCore-DischargeMethod",
              concept(ukCore("UKCore-DischargeMethodEngland", s.dischargeMethod()))));
    }
    if (s.legalStatusAtAdmission() != null) {
      Extension legal = new Extension(UKCORE + "StructureDefinition/Extension-UKCore-LegalStatus");
      legal.addExtension(
          new Extension(
              "legalStatusClassification",
              concept(
                  ukCore("UKCore-LegalStatusClassificationEngland", s.legalStatusAtAdmission()))));
      legal.addExtension(
          new Extension(
              "legalStatusContext", concept(ukCore("UKCore-LegalStatusContext", "admission"))));
      e.addExtension(legal);
    }
    for (Spell.WardStay w : s.wardStays()) {
      Encounter.EncounterLocationComponent l = e.addLocation();
      l.setLocation(new Reference(location(w)).setDisplay(w.ward()));
      l.setStatus(
          w.endOn() == null
              ? Encounter.EncounterLocationStatus.ACTIVE
              : Encounter.EncounterLocationStatus.COMPLETED);
      l.setPhysicalType(concept(ukCore("UKCore-EncounterLocationTypeEngland", "E02")));
      l.setPeriod(days(w.startOn(), w.endOn()));
      if (w.bedType() != null) {
        l.addExtension(
            new Extension(EXTENSIONS + "bed-type", concept(ours("bed-type", w.bedType()))));
      }
      if (w.outOfArea()) {
        Extension oap = new Extension(EXTENSIONS + "out-of-area-placement");
        if (w.oapReason() != null) {
          oap.addExtension(new Extension("reason", concept(ours("oap-reason", w.oapReason()))));
        }
        if (w.distanceFromHomeKm() != null) {
          oap.addExtension(
              new Extension("distanceFromHomeKm", new IntegerType(w.distanceFromHomeKm())));
        }
        l.addExtension(oap);
      }
    }
    String encounter = add(e, s.spellId());
    for (Spell.DelayPeriod d : s.delays()) {
      Observation o = new Observation();
      o.setStatus(Observation.ObservationStatus.FINAL);
      o.setCode(
          observation("clinically-ready-for-discharge", "Clinically ready for discharge (MHS518)"));
      o.setSubject(new Reference(patient));
      o.setEncounter(new Reference(encounter));
      o.setEffective(days(d.startOn(), d.endOn()));
      if (d.reason() != null) {
        o.setValue(concept(ours("delay-reason", d.reason())));
      }
      if (d.attributableTo() != null) {
        o.addComponent()
            .setCode(observation("delay-attributable-to", "Delay attributable to"))
            .setValue(concept(ours("delay-attributable-to", d.attributableTo())));
      }
      add(o, d.delayId());
    }
  }

  private String location(Spell.WardStay w) {
    String key = w.provider() + "/" + w.ward();
    return locations.computeIfAbsent(
        key,
        k -> {
          Location l = new Location();
          l.setStatus(Location.LocationStatus.ACTIVE);
          l.setName(w.ward());
          l.addIdentifier()
              .setSystem(EXTENSIONS.replace("StructureDefinition/", "Id/ward"))
              .setValue(k);
          l.setPhysicalType(concept(ukCore("UKCore-EncounterLocationTypeEngland", "E02")));
          if (w.provider() != null) {
            l.setManagingOrganization(
                new Reference()
                    .setIdentifier(
                        new org.hl7.fhir.r4.model.Identifier()
                            .setSystem("https://fhir.nhs.uk/Id/ods-organization-code")
                            .setValue(w.provider())));
          }
          return add(l, UUID.nameUUIDFromBytes(("ward:" + k).getBytes(StandardCharsets.UTF_8)));
        });
  }

  void contact(CommunityContactRecorded c) {
    Encounter e = new Encounter();
    e.setStatus(
        c.attended() ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.CANCELLED);
    e.setClass_(
        new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
    e.setSubject(new Reference(patient));
    e.setPeriod(new Period().setStart(at(c.occurredAt())));
    e.addType(concept(ours("contact-medium", c.contactMedium())));
    add(e, c.factId());
  }

  void accommodation(AccommodationStatusRecorded a) {
    Observation o = new Observation();
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.addCategory(
        concept(
            new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category",
                "social-history",
                "Social History")));
    o.setCode(observation("accommodation-status", "Accommodation status (MHS003)"));
    o.setSubject(new Reference(patient));
    o.setEffective(new DateTimeType(Date.from(a.occurredAt())));
    o.setValue(concept(ours("settled-accommodation-indicator", a.settledIndicator())));
    if (a.accommodationType() != null) {
      o.addComponent()
          .setCode(observation("accommodation-type", "Accommodation type"))
          .setValue(concept(ours("accommodation-type", a.accommodationType())));
    }
    add(o, a.factId());
  }

  void stepDown(Placement p) {
    EpisodeOfCare e = new EpisodeOfCare();
    e.setStatus(
        p.endedOn() == null
            ? EpisodeOfCare.EpisodeOfCareStatus.ACTIVE
            : EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
    e.addType(
        concept(
            new Coding(
                CodeListController.CANONICAL + "CodeSystem/episode-type",
                "step-down-housing",
                "Step-down housing placement")));
    e.setPatient(new Reference(patient));
    e.setPeriod(days(p.startedOn(), p.endedOn()));
    if (p.provider() != null) {
      e.setManagingOrganization(new Reference().setDisplay(p.provider()));
    }
    add(e, p.placementId());
  }
}
