package org.pathway.projections.jobs;

import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * How a job that runs on a schedule against the database says the database is away: one warning
 * when a run first fails, one line when a run succeeds again, nothing on the runs between — so an
 * outage of an hour does not log a stack trace every 200 ms, and the job simply runs again at its
 * next turn (nothing it does is lost: each run starts from what is stored).
 */
public final class OutageLog {
  private final Logger log;
  private final String failed;
  private final String recovered;
  private volatile boolean away;

  /**
   * @param failed what is not done while the database is away ("Sealing paused"), followed in the
   *     warning by the database's error
   * @param recovered the line logged when a run succeeds again ("Sealing resumed")
   */
  public OutageLog(Logger log, String failed, String recovered) {
    this.log = log;
    this.failed = failed;
    this.recovered = recovered;
  }

  /** Runs one turn of the job; {@code whenFailed} is its result when the database failed. */
  public <T> T run(Supplier<T> job, T whenFailed) {
    try {
      T result = job.get();
      if (away) {
        log.info(recovered);
        away = false;
      }
      return result;
    } catch (org.springframework.dao.DataAccessException
        | org.springframework.transaction.TransactionException e) {
      if (!away) {
        log.warn("{}: the database failed ({}); retrying", failed, e.getMessage());
        away = true;
      }
      return whenFailed;
    }
  }

  /** Whether the last run failed for the database. */
  public boolean away() {
    return away;
  }
}
