package org.pathway.api.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Recognises, anywhere in a cause chain, that another writer appended to the same journey first.
 */
public final class ConcurrentAppendDetector {
  private final PersistenceExceptionResolver resolver;

  ConcurrentAppendDetector(PersistenceExceptionResolver resolver) {
    this.resolver = resolver;
  }

  public boolean isConcurrentAppend(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConcurrencyException
          || (t instanceof Exception e
              && !(t instanceof EventStoreException)
              && resolver.isDuplicateKeyViolation(e))) {
        return true;
      }
    }
    return false;
  }
}
