package org.pathway.api.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}, reached by {@code sendError} outside Spring MVC's
 * handlers) as a problem detail with a {@code code}, in place of Spring Boot's JSON map. It never
 * repeats the container's message, which may echo the request.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
public class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (failure instanceof Throwable t && DatabaseOutage.isCause(t)) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
          .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemAdvice.unavailable());
    }
    return ProblemAdvice.respond(forStatus(status));
  }

  /** A problem for a bare status code, as the container reports it. */
  public static ProblemDetail forStatus(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    String reason = known == null ? "Error" : known.getReasonPhrase();
    String code =
        switch (status) {
          case 400 -> "MALFORMED_REQUEST";
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "FORBIDDEN";
          case 404 -> "NOT_FOUND";
          case 405 -> "METHOD_NOT_ALLOWED";
          case 406 -> "NOT_ACCEPTABLE";
          case 408 -> "REQUEST_TIMEOUT";
          case 413 -> "PAYLOAD_TOO_LARGE";
          case 414 -> "URI_TOO_LONG";
          case 415 -> "UNSUPPORTED_MEDIA_TYPE";
          case 431 -> "HEADERS_TOO_LARGE";
          case 503 -> "SERVICE_UNAVAILABLE";
          default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    String detail =
        status >= 500
            ? "the server could not complete the request"
            : "the request was refused by the server: " + reason.toLowerCase();
    return ProblemAdvice.problem(HttpStatusCode.valueOf(status), code, detail, null);
  }
}
