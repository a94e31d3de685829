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
 * HAPI's validator for the tests: the R4 core profiles and terminology, and Pathway's own
 * CodeSystems (the code lists it serves), so that a code of a Pathway list is checked against it.
 */
final class FhirValidation {
  static final FhirContext FHIR = FhirContext.forR4Cached();

  private FhirValidation() {}

  /** The errors (and fatal messages) HAPI's validator reports for each resource, located. */
  static List<String> errors(List<CodeSystem> ours, List<String> resources) {
    PrePopulatedValidationSupport pathway = new PrePopulatedValidationSupport(FHIR);
    ours.forEach(pathway::addCodeSystem);
    FhirValidator validator =
        FHIR.newValidator()
            .registerValidatorModule(
                new FhirInstanceValidator(
                    new ValidationSupportChain(
                        new DefaultProfileValidationSupport(FHIR),
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
