package org.pathway.domain.journey;

import org.pathway.domain.codes.CodeSystem;

/**
 * Where a ward stay takes place (MHSDS MHS502 WardStay) and whether it is an out-of-area placement.
 * Used by {@link Admitted} (the first ward stay) and {@link WardTransferred} (each later one).
 *
 * @param ward local ward code
 * @param bedType MHSDS bed type / admitted patient classification (v6 200–213, 300–311; v5 codes
 *     before April 2024)
 * @param wardSecurityLevel WardSecLevel 0–3; optional
 * @param provider ODS code of the provider running the ward (the receiving provider for an OAP)
 * @param locality code of the locality the ward belongs to
 * @param outOfArea whether the sending service judged this placement out of area (metrics.md §4)
 * @param oapReason ReasonOAT (10 = no local bed: inappropriate); required when out of area
 * @param distanceFromHomeKm WardLocDistanceHome in whole km; optional
 */
public record WardPlacement(
    String ward,
    String bedType,
    String wardSecurityLevel,
    String provider,
    String locality,
    boolean outOfArea,
    String oapReason,
    Integer distanceFromHomeKm) {

  WardPlacement amend(FieldChanges c) {
    return new WardPlacement(
        c.text("ward", ward),
        c.text("bedType", bedType),
        c.text("wardSecurityLevel", wardSecurityLevel),
        c.text("provider", provider),
        c.text("locality", locality),
        c.bool("outOfArea", outOfArea),
        c.text("oapReason", oapReason),
        c.integer("distanceFromHomeKm", distanceFromHomeKm));
  }

  void validate(CodeCheck check, String prefix) {
    CodeCheck.require(ward, prefix + "ward");
    check.required(CodeSystem.BED_TYPE, prefix + "bedType", bedType);
    check.optional(CodeSystem.WARD_SECURITY_LEVEL, prefix + "wardSecurityLevel", wardSecurityLevel);
    CodeCheck.require(provider, prefix + "provider");
    CodeCheck.require(locality, prefix + "locality");
    if (outOfArea) {
      check.required(CodeSystem.OAP_REASON, prefix + "oapReason", oapReason);
    } else if (oapReason != null) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE,
          prefix + "oapReason",
          prefix + "oapReason is only for out-of-area placements");
    }
    if (distanceFromHomeKm != null && distanceFromHomeKm < 0) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE,
          prefix + "distanceFromHomeKm",
          prefix + "distanceFromHomeKm must not be negative");
    }
  }
}
