package org.pathway.domain.journey;

import java.util.UUID;

/**
 * A command the journey refused. Nothing was appended. Carries a machine-readable {@link
 * RejectionCode}, the field or fact it concerns (when one can be named) and a message free of
 * personal data.
 */
public class JourneyRejection extends RuntimeException {
  private final RejectionCode code;
  private final String field;
  private final UUID factId;

  public JourneyRejection(RejectionCode code, String field, UUID factId, String message) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
    this.factId = factId;
  }

  public static JourneyRejection of(RejectionCode code, String message) {
    return new JourneyRejection(code, null, null, message);
  }

  public static JourneyRejection field(RejectionCode code, String field, String message) {
    return new JourneyRejection(code, field, null, message);
  }

  public static JourneyRejection fact(RejectionCode code, UUID factId, String message) {
    return new JourneyRejection(code, null, factId, message);
  }

  public RejectionCode code() {
    return code;
  }

  /** The request field at fault, or {@code null}. */
  public String field() {
    return field;
  }

  /** The fact the rejection concerns, or {@code null}. */
  public UUID factId() {
    return factId;
  }
}
