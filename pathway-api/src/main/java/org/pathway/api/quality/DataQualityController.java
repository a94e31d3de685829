package org.pathway.api.quality;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pathway.api.audit.Pseudonyms;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.security.Role;
import org.pathway.api.timeline.TimelineService;
import org.pathway.api.web.RequestContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The open data-quality questions of the record: what was accepted because it is incomplete or
 * unusual, each with the request that would resolve it. Per team for clinicians and analysts
 * (pseudonymised for analysts, from the read model), per person for clinicians and auditors (from
 * the journey's events, so what was just recorded is included).
 */
@RestController
@Tag(name = "Data quality")
public class DataQualityController {
  private static final int MAX_LIMIT = 1000;

  private final JdbcTemplate jdbc;
  private final Pseudonyms pseudonyms;
  private final RequestContext context;
  private final TimelineService timelines;

  DataQualityController(
      JdbcTemplate jdbc, Pseudonyms pseudonyms, RequestContext context, TimelineService timelines) {
    this.jdbc = jdbc;
    this.pseudonyms = pseudonyms;
    this.context = context;
    this.timelines = timelines;
  }

  /** The request that would resolve a question (path relative to the API root). */
  public record Resolution(String command, String method, String path) {}

  /**
   * One open question. {@code serviceUserId} is the internal id for clinicians and a keyed
   * pseudonym for analysts (then fact ids are pseudonymised too and {@code resolvedBy} is left
   * out).
   */
  public record QuestionView(
      String serviceUserId,
      String communityTeam,
      String code,
      String factId,
      Instant occurredAt,
      String detail,
      String relatedFactId,
      Resolution resolvedBy) {}

  /** A page of questions. */
  public record QuestionPage(
      String communityTeam, String ids, int limit, int offset, List<QuestionView> questions) {}

  @GetMapping("/data-quality")
  @Operation(summary = "Open data-quality questions, optionally of one community team")
  public QuestionPage all(
      @Parameter(description = "community team code, as registered") @RequestParam(required = false)
          String team,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset,
      HttpServletRequest http) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit", "limit must be 1 to " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw ApiProblem.badRequest("offset", "offset must not be negative");
    }
    boolean identified = context.hasRole(http, Role.CLINICIAN);
    String where = team == null ? "" : " WHERE community_team = ?";
    Object[] args =
        team == null ? new Object[] {limit, offset} : new Object[] {team, limit, offset};
    List<QuestionView> questions =
        query(
            "SELECT * FROM data_quality_question"
                + where
                + " ORDER BY community_team, occurred_at, service_user_id, question_no LIMIT ? OFFSET ?",
            identified,
            args);
    return new QuestionPage(
        team, identified ? "internal" : "pseudonymised", limit, offset, questions);
  }

  @GetMapping("/service-users/{serviceUserId}/data-quality")
  @Operation(
      summary =
          "The open data-quality questions of one journey, from its events (includes what was just"
              + " recorded)")
  public List<QuestionView> ofServiceUser(@PathVariable UUID serviceUserId) {
    String su = serviceUserId.toString();
    return timelines.timeline(serviceUserId, null).questions().stream()
        .map(
            q ->
                new QuestionView(
                    su,
                    null,
                    q.code().name(),
                    q.factId().toString(),
                    q.occurredAt(),
                    q.detail(),
                    q.relatedFactId() == null ? null : q.relatedFactId().toString(),
                    resolution(serviceUserId, q.resolvedBy(), q.resolvedByTarget(), q.spellId())))
        .toList();
  }

  private List<QuestionView> query(String sql, boolean identified, Object... args) {
    List<QuestionView> views = new ArrayList<>();
    jdbc.query(
        sql,
        rs -> {
          UUID su = rs.getObject("service_user_id", UUID.class);
          UUID target = rs.getObject("resolved_by_target", UUID.class);
          UUID related = rs.getObject("related_fact_id", UUID.class);
          String command = rs.getString("resolved_by");
          UUID spell = rs.getObject("spell_id", UUID.class);
          views.add(
              new QuestionView(
                  id(su, identified),
                  rs.getString("community_team"),
                  rs.getString("code"),
                  id(rs.getObject("fact_id", UUID.class), identified),
                  rs.getTimestamp("occurred_at").toInstant(),
                  identified ? rs.getString("detail") : null,
                  id(related, identified),
                  identified ? resolution(su, command, target, spell) : null));
        },
        args);
    return views;
  }

  private String id(UUID id, boolean identified) {
    if (id == null) {
      return null;
    }
    return identified ? id.toString() : pseudonyms.of(id);
  }

  /** The REST request that records the missing fact (docs/api.md). */
  static Resolution resolution(UUID serviceUserId, String command, UUID target, UUID spell) {
    String base = "/service-users/" + serviceUserId;
    String path =
        switch (command) {
          case "DischargeServiceUser" -> base + "/spells/" + target + "/discharge";
          case "EndLeave" -> base + "/spells/" + spell + "/leaves/" + target + "/end";
          case "EndDelay" -> base + "/spells/" + spell + "/delays/" + target + "/end";
          case "EndStepDownPlacement" -> base + "/step-down-placements/" + target + "/end";
          case "CorrectFact" -> base + "/facts/" + target + "/corrections";
          case "RecordDeath" -> base + "/death";
          default -> base;
        };
    return new Resolution(command, "POST", path);
  }
}
