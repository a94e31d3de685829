package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.pathway.domain.codes.CodeSystem;

/**
 * The service user's accommodation was assessed (MHSDS MHS003).
 *
 * @param occurredAt AccommodationTypeDate
 * @param settledIndicator SettledAccommodationInd: Y, N, Z (not stated), 9 (not known)
 * @param accommodationType AccommodationType 01–98; optional
 */
@JsonTypeName("pathway.AccommodationStatusRecorded")
@Revision("1")
public record AccommodationStatusRecorded(
    UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    String settledIndicator,
    String accommodationType)
    implements Fact {

  @Override
  public AccommodationStatusRecorded amend(FieldChanges c) {
    return new AccommodationStatusRecorded(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        c.text("settledIndicator", settledIndicator),
        c.text("accommodationType", accommodationType));
  }

  @Override
  public void validate(CodeCheck check) {
    check.required(
        CodeSystem.SETTLED_ACCOMMODATION_INDICATOR, "settledIndicator", settledIndicator);
    check.optional(CodeSystem.ACCOMMODATION_TYPE, "accommodationType", accommodationType);
  }
}
