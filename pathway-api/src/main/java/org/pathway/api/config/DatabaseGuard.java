package org.pathway.api.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.pathway.api.error.DatabaseOutage;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Fails fast while the database is away. Once getting a connection has failed because the server is
 * unreachable, further requests for a connection fail at once instead of each waiting the pool's
 * connection timeout (a request that needs three connections would otherwise take three timeouts);
 * one caller at a time, at most every {@link #PROBE_INTERVAL_MS} ms, still tries the real pool, and
 * its success ends the outage. So during an outage every request answers 503 within about one
 * connection timeout, health reports DOWN at once, and recovery needs no restart.
 */
final class DatabaseGuard extends DelegatingDataSource {
  static final long PROBE_INTERVAL_MS = 500;

  private final AtomicLong downSince = new AtomicLong(0);
  private final AtomicLong lastProbe = new AtomicLong(0);
  private final AtomicBoolean probing = new AtomicBoolean(false);

  DatabaseGuard(DataSource target) {
    super(target);
  }

  /** Wraps the application's DataSource bean. */
  static BeanPostProcessor postProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource ds && !(bean instanceof DatabaseGuard)
            ? new DatabaseGuard(ds)
            : bean;
      }
    };
  }

  @Override
  public Connection getConnection() throws SQLException {
    return guarded(() -> super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return guarded(() -> super.getConnection(username, password));
  }

  private interface Open {
    Connection open() throws SQLException;
  }

  private Connection guarded(Open open) throws SQLException {
    boolean probe = false;
    if (downSince.get() != 0) {
      long now = System.currentTimeMillis();
      long last = lastProbe.get();
      probe =
          now - last >= PROBE_INTERVAL_MS
              && lastProbe.compareAndSet(last, now)
              && probing.compareAndSet(false, true);
      if (!probe) {
        throw new SQLTransientConnectionException(
            "the database has been unreachable since "
                + java.time.Instant.ofEpochMilli(downSince.get())
                + "; not trying again yet",
            "08001");
      }
    }
    try {
      Connection c = open.open();
      downSince.set(0);
      return c;
    } catch (SQLException | RuntimeException e) {
      if (DatabaseOutage.isUnreachable(e)) {
        downSince.compareAndSet(0, System.currentTimeMillis());
        lastProbe.set(System.currentTimeMillis());
      }
      throw e;
    } finally {
      if (probe) {
        probing.set(false);
      }
    }
  }
}
