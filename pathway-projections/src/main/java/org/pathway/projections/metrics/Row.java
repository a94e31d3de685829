package org.pathway.projections.metrics;

import java.util.LinkedHashMap;

/**
 * One contributing record of a figure (a spell, a ward-stay slice, a delay period, a placement...),
 * with the values that made it count: what an analyst sees in the drill-down and the CSV. Internal
 * ids only.
 */
public final class Row extends LinkedHashMap<String, Object> {
  public Row with(String key, Object value) {
    put(key, value);
    return this;
  }

  public long num(String key) {
    Object v = get(key);
    return v == null ? 0 : ((Number) v).longValue();
  }

  public boolean flag(String key) {
    return Boolean.TRUE.equals(get(key));
  }

  public boolean is(String key, Object value) {
    return value.equals(get(key));
  }
}
