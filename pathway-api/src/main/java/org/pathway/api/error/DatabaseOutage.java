package org.pathway.api.error;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises, anywhere in a cause chain, that the database is unreachable (stopped, restarting, out
 * of connections) rather than that the request was wrong: such failures answer 503 with {@code
 * Retry-After}, never 500.
 */
public final class DatabaseOutage {
  /** Seconds a client should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseOutage() {}

  public static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof ConnectException
          || t instanceof java.net.SocketException
          // Hikari's answer on a connection the server closed under it (no SQL state)
          || (t instanceof SQLException && "Connection is closed".equals(t.getMessage()))
          || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the server itself could not be reached (refused connection, connection lost, server
   * shutting down), as opposed to a pool that is merely busy.
   */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
