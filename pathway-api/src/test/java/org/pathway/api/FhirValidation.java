package org.pathway.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;

/**
 * HAPI's validator for the tests: the R4 core profiles and terminology, UK Core's profiles,
 * extensions, value sets and code systems ({@code src/test/resources/ukcore}, their snapshots
 * generated here), and Pathway's own CodeSystems (the code lists it serves), so that a resource
 * claiming a UK Core profile is checked against it and a code of a Pathway list against that list.
 */
final class FhirValidation {
  static final FhirContext FHIR = FhirContext.forR4Cached();

  private FhirValidation() {}

  /** UK Core's conformance resources, read once. */
  private static final List<org.hl7.fhir.instance.model.api.IBaseResource> UK_CORE = ukCore();

  private static List<org.hl7.fhir.instance.model.api.IBaseResource> ukCore() {
    List<org.hl7.fhir.instance.model.api.IBaseResource> all = new ArrayList<>();
    try (var in = FhirValidation.class.getResourceAsStream("/ukcore/files.txt")) {
      for (String name :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (name.isBlank()) {
          continue;
        }
        try (var file = FhirValidation.class.getResourceAsStream("/ukcore/" + name.trim())) {
          all.add(
              FHIR.newXmlParser()
                  .parseResource(
                      new String(file.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return all;
  }

  /** The errors (and fatal messages) HAPI's validator reports for each resource, located. */
  static List<String> errors(List<CodeSystem> ours, List<String> resources) {
    PrePopulatedValidationSupport pathway = new PrePopulatedValidationSupport(FHIR);
    ours.forEach(pathway::addCodeSystem);
    PrePopulatedValidationSupport ukCore = new PrePopulatedValidationSupport(FHIR);
    UK_CORE.forEach(ukCore::addResource);
    FhirValidator validator =
        FHIR.newValidator()
            .registerValidatorModule(
                new FhirInstanceValidator(
                    new ValidationSupportChain(
                        new DefaultProfileValidationSupport(FHIR),
                        ukCore,
                        new org.hl7.fhir.common.hapi.validation.support
                            .SnapshotGeneratingValidationSupport(FHIR),
                        new InMemoryTerminologyServerValidationSupport(FHIR),
                        new CommonCodeSystemsTerminologyService(FHIR),
                        pathway)));
    List<String> errors = new ArrayList<>();
    for (String resource : resources) {
      for (SingleValidationMessage m : validator.validateWithResult(resource).getMessages()) {
        if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
          errors.add(m.getLocationString() + ": " + m.getMessage());
        }
      }
    }
    return errors;
  }
}
