package org.pathway.projections.journey;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;

/**
 * Where an event's knowledge comes from, from its metadata. An event recorded in Pathway was known
 * from the moment it was stored (the message timestamp). An event migrated from another system
 * (docs/import-format.md, migration imports) carries the time and author the source system recorded
 * the fact with, and the source's name: every as-at answer uses that recorded time, so the figures
 * a trust published before the move can still be reproduced after it.
 */
public final class Provenance {
  /** The source system's recorded time of a migrated fact (ISO-8601 instant). */
  public static final String RECORDED_AT = "recordedAt";

  /** The name of the system a fact was migrated from. */
  public static final String MIGRATED_FROM = "migratedFrom";

  /** Who ran the migration import in Pathway. */
  public static final String MIGRATED_BY = "migratedBy";

  /** Who recorded the fact (in Pathway, or in the source system for a migrated one). */
  public static final String AUTHOR = "author";

  private Provenance() {}

  /** When the event's knowledge was recorded: the source's time if migrated, else when stored. */
  public static Instant recordedAt(EventMessage<?> message) {
    return recordedAt(message.getMetaData(), message.getTimestamp(), message.getIdentifier());
  }

  /** The same from an event's parts, for readers of the event store that build no message. */
  public static Instant recordedAt(Map<String, ?> metaData, Instant stored, String eventId) {
    Object migrated = metaData.get(RECORDED_AT);
    if (migrated == null) {
      return stored;
    }
    try {
      return Instant.parse(migrated.toString());
    } catch (DateTimeParseException e) {
      // only the migration import writes this key, and it checks the value first
      throw new IllegalStateException(
          "event " + eventId + " has a malformed recordedAt " + migrated, e);
    }
  }

  /** The source system of a migrated event, or {@code null}. */
  public static String migratedFrom(EventMessage<?> message) {
    Object source = message.getMetaData().get(MIGRATED_FROM);
    return source == null ? null : source.toString();
  }

  public static String author(EventMessage<?> message) {
    Object author = message.getMetaData().get(AUTHOR);
    return author == null ? null : author.toString();
  }
}
