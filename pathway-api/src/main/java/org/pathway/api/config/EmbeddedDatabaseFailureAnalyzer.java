package org.pathway.api.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an embedded database start-up failure into a short message and what to do, not a stack
 * trace.
 */
public class EmbeddedDatabaseFailureAnalyzer
    extends AbstractFailureAnalyzer<EmbeddedDatabaseStartupException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseStartupException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), null);
  }
}
