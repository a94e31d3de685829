package org.pathway.api.codes;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.pathway.domain.codes.CodeSystem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points each coded field of the OpenAPI description at the code list it is checked against: the
 * field's description names the list and where to read it ({@code GET /code-lists/{list}?date=}),
 * and {@code x-code-list} / {@code x-code-system} carry its name and FHIR CodeSystem url, so a form
 * or an EPR integration can offer exactly the codes Pathway accepts. The fields are those the
 * facts' validation checks against a list (pathway-domain, {@code validate(CodeCheck)}).
 */
@Configuration(proxyBeanMethods = false)
public class CodedFields {

  /** Request field name → the list its value is checked against. */
  public static final Map<String, CodeSystem> FIELDS =
      Map.ofEntries(
          Map.entry("admissionMethod", CodeSystem.ADMISSION_METHOD),
          Map.entry("admissionSource", CodeSystem.ADMISSION_SOURCE),
          Map.entry("legalStatus", CodeSystem.LEGAL_STATUS),
          Map.entry("bedType", CodeSystem.BED_TYPE),
          Map.entry("wardSecurityLevel", CodeSystem.WARD_SECURITY_LEVEL),
          Map.entry("oapReason", CodeSystem.OAP_REASON),
          Map.entry("dischargeMethod", CodeSystem.DISCHARGE_METHOD),
          Map.entry("dischargeDestination", CodeSystem.DISCHARGE_DESTINATION),
          Map.entry("delayReason", CodeSystem.DELAY_REASON),
          Map.entry("attributableTo", CodeSystem.DELAY_ATTRIBUTABLE_TO),
          Map.entry("contactMedium", CodeSystem.CONTACT_MEDIUM),
          Map.entry("settledIndicator", CodeSystem.SETTLED_ACCOMMODATION_INDICATOR),
          Map.entry("accommodationType", CodeSystem.ACCOMMODATION_TYPE),
          Map.entry("teamTypeReferredTo", CodeSystem.TEAM_TYPE),
          Map.entry("primaryReason", CodeSystem.PRIMARY_REFERRAL_REASON),
          Map.entry("sourceOfReferral", CodeSystem.SOURCE_OF_REFERRAL_GROUP));

  @Bean
  OpenApiCustomizer codedFieldsPointAtTheirLists() {
    return api -> {
      if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
        return;
      }
      for (Schema<?> schema : api.getComponents().getSchemas().values()) {
        if (schema.getProperties() == null) {
          continue;
        }
        schema
            .getProperties()
            .forEach(
                (name, property) -> {
                  CodeSystem list = FIELDS.get(name);
                  if (list != null) {
                    point(property, list);
                  }
                });
      }
    };
  }

  private static void point(Schema<?> property, CodeSystem list) {
    String where = "/code-lists/" + list.systemId();
    String said =
        list == CodeSystem.SOURCE_OF_REFERRAL_GROUP
            ? "A letter and a digit (e.g. A1) whose group, the letter, is in the list "
                + list.systemId()
            : "A code of the list " + list.systemId();
    property.setDescription(
        (property.getDescription() == null ? "" : property.getDescription() + " ")
            + said
            + ", valid on the fact's local date: GET "
            + where
            + "?date=YYYY-MM-DD gives those codes (FHIR: "
            + where
            + "/ValueSet?date=).");
    property.addExtension("x-code-list", list.systemId());
    property.addExtension(
        "x-code-system", CodeListController.CANONICAL + "CodeSystem/" + list.systemId());
  }
}
