package org.pathway.api.config;

/**
 * The embedded PostgreSQL could not start, for a reason the user can fix (explained by the failure
 * analyzer).
 */
public class EmbeddedDatabaseStartupException extends RuntimeException {
  private final String action;

  public EmbeddedDatabaseStartupException(String description, String action, Throwable cause) {
    super(description, cause);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
