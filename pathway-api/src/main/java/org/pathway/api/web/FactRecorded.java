package org.pathway.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.UUID;
import org.pathway.api.web.CommandExecutor.Outcome;
import org.pathway.domain.journey.Recorded;
import org.springframework.http.HttpStatus;

/**
 * The answer to every journey command, over REST and in the import's results: {@code endFactId} is
 * the id of the end fact when a complete period was recorded in one request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactRecorded(UUID serviceUserId, UUID factId, UUID endFactId, long version) {

  /** The 201 answer for a fact the journey recorded. */
  public static Outcome<FactRecorded> created(UUID serviceUserId, Recorded recorded) {
    return new Outcome<>(
        HttpStatus.CREATED,
        URI.create("/service-users/" + serviceUserId + "/facts/" + recorded.factId()),
        recorded.version(),
        new FactRecorded(
            serviceUserId, recorded.factId(), recorded.endFactId(), recorded.version()));
  }
}
