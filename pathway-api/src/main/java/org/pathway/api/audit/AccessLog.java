package org.pathway.api.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pathway.api.security.Role;
import org.pathway.api.web.RequestContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Records every read of identified data — a service user's identity, timeline, facts or history —
 * in the append-only {@code access_log}: who, in which role, whose record, which endpoint, when and
 * with what result.
 */
@Component
public class AccessLog implements HandlerInterceptor {
  private static final Pattern SERVICE_USER =
      Pattern.compile("^(?:/ui)?/service-users/([0-9a-fA-F-]{36})(/.*)?$");

  private final JdbcTemplate jdbc;
  private final RequestContext context;

  AccessLog(JdbcTemplate jdbc, RequestContext context) {
    this.jdbc = jdbc;
    this.context = context;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!"GET".equals(request.getMethod()) || request.getUserPrincipal() == null) {
      return;
    }
    String serviceUserId;
    Matcher m = SERVICE_USER.matcher(request.getRequestURI());
    if (m.matches()) {
      serviceUserId = m.group(1);
    } else if (request.getRequestURI().equals("/audit/export")
        && request.getParameter("serviceUserId") != null
        && request.getParameter("serviceUserId").matches("[0-9a-fA-F-]{36}")) {
      serviceUserId = request.getParameter("serviceUserId"); // one person's whole record
    } else {
      return;
    }
    Role role = context.role(request);
    String endpoint =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    jdbc.update(
        "INSERT INTO access_log (principal, role, service_user_id, method, endpoint, status)"
            + " VALUES (?, ?, ?::uuid, ?, ?, ?)",
        context.author(request),
        role == null ? null : role.name(),
        serviceUserId,
        request.getMethod(),
        endpoint.length() > 500 ? endpoint.substring(0, 500) : endpoint,
        response.getStatus());
  }

  /**
   * Reads of many people's identified records in one request (a bulk export, an identified
   * extract): one entry per person, under {@code principal} in {@code role}, answered 200.
   */
  public void readsOf(
      String principal, String role, java.util.Collection<UUID> people, String endpoint) {
    String at = endpoint.length() > 500 ? endpoint.substring(0, 500) : endpoint;
    jdbc.batchUpdate(
        "INSERT INTO access_log (principal, role, service_user_id, method, endpoint, status)"
            + " VALUES (?, ?, ?, 'GET', ?, 200)",
        people.stream().map(p -> new Object[] {principal, role, p, at}).toList());
  }

  /** Entries, newest first, optionally for one service user and/or a time range. */
  public List<Map<String, Object>> query(UUID serviceUserId, Instant from, Instant to, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, accessed_at, principal, role, service_user_id, method, endpoint, status FROM access_log"
                + " WHERE true");
    List<Object> args = new ArrayList<>();
    if (serviceUserId != null) {
      sql.append(" AND service_user_id = ?");
      args.add(serviceUserId);
    }
    if (from != null) {
      sql.append(" AND accessed_at >= ?");
      args.add(java.sql.Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" AND accessed_at < ?");
      args.add(java.sql.Timestamp.from(to));
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(limit);
    return jdbc.queryForList(sql.toString(), args.toArray());
  }
}
