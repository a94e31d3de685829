package org.pathway.api.config;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Recognises, anywhere in a cause chain, that another writer appended to the same journey first:
 * Axon's own {@link ConcurrencyException}, or PostgreSQL's unique violation (SQL state 23505) of
 * the {@code (aggregate_identifier, sequence_number)} key, which Axon reports as a plain {@link
 * EventStoreException} when its resolver does not know PostgreSQL's error codes (seen with batched
 * inserts: the violation then arrives as a {@code BatchUpdateException}); or that another request
 * with the same idempotency key stored its answer first (the {@code command_idempotency} key).
 * Either way the command is judged again, and then finds the journey or the answer as stored.
 */
public final class ConcurrentAppendDetector {
  static final String SEQUENCE_KEY = "domain_event_entry_aggregate_sequence";
  static final String IDEMPOTENCY_KEY = "command_idempotency_pkey";
  private static final String UNIQUE_VIOLATION = "23505";

  private final PersistenceExceptionResolver resolver;

  ConcurrentAppendDetector(PersistenceExceptionResolver resolver) {
    this.resolver = resolver;
  }

  public boolean isConcurrentAppend(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ConcurrencyException) {
        return true;
      }
      if (t instanceof SQLException sql
          && (isViolationOf(sql, SEQUENCE_KEY) || isViolationOf(sql, IDEMPOTENCY_KEY))) {
        return true; // another writer appended first, or stored an answer under the same key
      }
      if (t instanceof Exception e
          && !(t instanceof EventStoreException)
          && resolver.isDuplicateKeyViolation(e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isViolationOf(SQLException sql, String constraint) {
    for (SQLException s = sql; s != null; s = s.getNextException()) {
      if (UNIQUE_VIOLATION.equals(s.getSQLState())
          && s.getMessage() != null
          && s.getMessage().contains(constraint)) {
        return true;
      }
    }
    return false;
  }
}
