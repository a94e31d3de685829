package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.pathway.domain.codes.CodeSystem;

/**
 * The service user was admitted: a hospital provider spell (MHSDS MHS501) and its first ward stay
 * began. The {@code factId} is the spell id. Readmission is never recorded as such: it is derived
 * from the stream.
 *
 * @param occurredAt admission time (StartDateHospProvSpell/StartTimeHospProvSpell)
 * @param referralId the referral the spell belongs to
 * @param admissionMethod MethAdmMHHospProvSpell, e.g. 21 (emergency via ECD)
 * @param admissionSource SourceAdmMHHospProvSpell, e.g. 19 (usual residence)
 * @param legalStatus Mental Health Act legal status at admission, e.g. 01 informal, 03 section 3
 * @param placement the ward, setting and out-of-area facts of the first ward stay
 * @param estimatedDischargeDate EstimatedDischDateHospProvSpell (local date); optional, used for
 *     bed days saved
 */
@JsonTypeName("pathway.Admitted")
@Revision("1")
public record Admitted(
    UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    UUID referralId,
    String admissionMethod,
    String admissionSource,
    String legalStatus,
    WardPlacement placement,
    LocalDate estimatedDischargeDate)
    implements Fact {

  @Override
  public Admitted amend(FieldChanges c) {
    return new Admitted(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        referralId,
        c.text("admissionMethod", admissionMethod),
        c.text("admissionSource", admissionSource),
        c.text("legalStatus", legalStatus),
        placement.amend(c),
        c.date("estimatedDischargeDate", estimatedDischargeDate));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(referralId, "referralId");
    check.required(CodeSystem.ADMISSION_METHOD, "admissionMethod", admissionMethod);
    check.required(CodeSystem.ADMISSION_SOURCE, "admissionSource", admissionSource);
    check.required(CodeSystem.LEGAL_STATUS, "legalStatus", legalStatus);
    CodeCheck.require(placement, "placement");
    placement.validate(check, "placement.");
  }
}
