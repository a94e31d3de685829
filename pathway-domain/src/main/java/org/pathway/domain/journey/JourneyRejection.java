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
  private final UUID conflictingFactId;

  public JourneyRejection(RejectionCode code, String field, UUID factId, String message) {
    this(code, field, factId, null, message);
  }

  public JourneyRejection(
      RejectionCode code, String field, UUID factId, UUID conflictingFactId, String message) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
    this.factId = factId;
    this.conflictingFactId = conflictingFactId;
  }

  /** A conflict between two known facts: {@code factId} and {@code conflictingFactId}. */
  public static JourneyRejection conflict(
      RejectionCode code, UUID factId, UUID conflictingFactId, String message) {
    return new JourneyRejection(code, null, factId, conflictingFactId, message);
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

  /** The other fact of a conflict between two known facts, or {@code null}. */
  public UUID conflictingFactId() {
    return conflictingFactId;
  }
}
