package org.pathway.api.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.web.Versions;
import org.pathway.projections.timeline.Timeline;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service user's journey in clinical order, with recorded times, authors and corrections. */
@RestController
@RequestMapping("/service-users/{serviceUserId}")
@Tag(name = "Timeline")
public class TimelineController {
  private final TimelineService timelines;

  TimelineController(TimelineService timelines) {
    this.timelines = timelines;
  }

  @GetMapping("/timeline")
  @Operation(summary = "The journey as a timeline, optionally as known at a past recorded time")
  public ResponseEntity<Timeline> timeline(
      @PathVariable UUID serviceUserId,
      @Parameter(
              description =
                  "recorded time, ISO-8601 with offset; facts recorded later are left out")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime asAt) {
    Timeline timeline = timelines.timeline(serviceUserId, asAt == null ? null : asAt.toInstant());
    return ResponseEntity.ok().eTag(Versions.etag(timeline.version())).body(timeline);
  }

  @GetMapping("/facts/{factId}")
  @Operation(summary = "One fact of the journey, as on the timeline")
  public ResponseEntity<Timeline.Entry> fact(
      @PathVariable UUID serviceUserId, @PathVariable UUID factId) {
    Timeline timeline = timelines.timeline(serviceUserId, null);
    Timeline.Entry entry =
        timeline.facts().stream()
            .filter(e -> e.factId().equals(factId))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiProblem.notFound("UNKNOWN_FACT", "no fact " + factId + " in this journey"));
    return ResponseEntity.ok().eTag(Versions.etag(timeline.version())).body(entry);
  }
}
