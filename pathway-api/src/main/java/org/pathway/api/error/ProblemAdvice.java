package org.pathway.api.error;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.pathway.domain.journey.JourneyRejection;
import org.pathway.domain.journey.RejectionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place that turns failures into RFC 9457 problem details. Every problem has a {@code
 * code}; client errors name the {@code field} at fault. Unexpected failures are logged with an id
 * and answered with a 500 that reveals nothing else.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  /**
   * Whether the application is closing (from the context's close on: SIGTERM, or an admin stop).
   */
  private volatile boolean closing;

  @org.springframework.context.event.EventListener(
      org.springframework.context.event.ContextClosedEvent.class)
  void closing() {
    closing = true;
  }

  /**
   * The problem a client error stands for, for callers outside the MVC flow (bulk import), or
   * {@code null} when the failure is not the client's.
   */
  public static ProblemDetail describe(Throwable failure) {
    if (failure instanceof JourneyRejection r) {
      ProblemDetail p = problem(statusOf(r.code()), r.code().name(), r.getMessage(), r.field());
      if (r.factId() != null) {
        p.setProperty("factId", r.factId());
      }
      if (r.conflictingFactId() != null) {
        p.setProperty("conflictingFactId", r.conflictingFactId());
      }
      return p;
    }
    if (failure instanceof ApiProblem e) {
      return problem(e.status(), e.code(), e.getMessage(), e.field());
    }
    if (failure instanceof AggregateNotFoundException e) {
      return problem(
          HttpStatus.NOT_FOUND,
          "UNKNOWN_SERVICE_USER",
          "no service user with id " + e.getAggregateIdentifier(),
          null);
    }
    return null;
  }

  @ExceptionHandler({JourneyRejection.class, ApiProblem.class, AggregateNotFoundException.class})
  ResponseEntity<ProblemDetail> clientError(RuntimeException e) {
    return respond(describe(e));
  }

  /** The database is unreachable: 503 with Retry-After, so clients and load balancers back off. */
  public static ProblemDetail unavailable() {
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "DATABASE_UNAVAILABLE",
        "the database is not reachable; nothing was recorded; retry in "
            + DatabaseOutage.RETRY_AFTER_SECONDS
            + " s",
        null);
  }

  /**
   * A metric question over more records than this node computes from at once: refused before its
   * records are read, so the node stays up (docs/operations.md, {@code
   * pathway.metrics.max-records}).
   */
  @ExceptionHandler(org.pathway.projections.metrics.QueryBudget.TooLarge.class)
  ResponseEntity<ProblemDetail> queryTooLarge(
      org.pathway.projections.metrics.QueryBudget.TooLarge e) {
    ProblemDetail p =
        problem(HttpStatus.PAYLOAD_TOO_LARGE, "QUERY_TOO_LARGE", e.getMessage(), "from");
    p.setProperty("records", e.records());
    p.setProperty("maxRecords", e.capacity());
    return respond(p);
  }

  /** The metric queries running now hold the node's budget: 503 with Retry-After. */
  @ExceptionHandler(org.pathway.projections.metrics.QueryBudget.Busy.class)
  ResponseEntity<ProblemDetail> metricsBusy(org.pathway.projections.metrics.QueryBudget.Busy e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(HttpHeaders.RETRY_AFTER, "2")
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "METRICS_BUSY", e.getMessage(), null));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> multipart(MultipartException e) {
    return respond(
        problem(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "multipart bodies are not accepted; send application/json",
            "Content-Type"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (DatabaseOutage.isCause(e)) {
      log.warn("Database unavailable: {}", e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
          .body(unavailable());
    }
    String incident = java.util.UUID.randomUUID().toString();
    log.error("Unexpected failure, incident {}", incident, e);
    ProblemDetail p =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            "an unexpected error occurred; quote incident " + incident,
            null);
    p.setProperty("incident", incident);
    return respond(p);
  }

  /**
   * A problem response, always {@code application/problem+json} whatever the request's {@code
   * Accept} (a preset Content-Type skips content negotiation, so a 406 or an error on a CSV request
   * still carries its problem).
   */
  static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                f ->
                    Map.of(
                        "field",
                        f.getField(),
                        "message",
                        f.getField() + " " + f.getDefaultMessage()))
            .collect(Collectors.toList());
    String first = errors.isEmpty() ? null : errors.get(0).get("field");
    String detail = errors.stream().map(m -> m.get("message")).collect(Collectors.joining("; "));
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD_VALUE", detail, first);
    p.setProperty("errors", errors);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        ex.getAllErrors().stream()
            .map(e -> e.getDefaultMessage())
            .collect(Collectors.joining("; "));
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD_VALUE", detail, null));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (closing
        && ex.getCause() instanceof java.io.IOException read
        && !(read instanceof com.fasterxml.jackson.core.JacksonException)) {
      // the body's bytes stopped coming as the web server closed its connections: not the
      // client's mistake, and nothing was stored; the same request is safe to send again
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, "1")
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(
              problem(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "SHUTTING_DOWN",
                  "this node is shutting down and could not read the request body; nothing was"
                      + " stored: send it again",
                  null));
    }
    String field = null;
    String detail = "the request body is not valid JSON";
    if (ex.getCause() instanceof StreamReadException sre
        && sre.getMessage() != null
        && sre.getMessage().startsWith("Duplicate field")) {
      detail = "the request body names a field twice: " + firstLine(sre.getOriginalMessage());
    } else if (ex.getCause() instanceof MismatchedInputException mie
        && mie.getMessage() != null
        && mie.getMessage().startsWith("Trailing token")) {
      detail = "the request body has content after the JSON document";
    } else if (ex.getCause() == null
        && ex.getMessage() != null
        && ex.getMessage().contains("UTF-8")) {
      detail = ex.getMessage();
      field = "body";
    } else if (ex.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      field =
          jme.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      detail =
          ex.getCause() instanceof UnrecognizedPropertyException
              ? field + " is not a known field"
              : field + " has a value of the wrong type or format";
    } else if (ex.getCause() == null
        || ex.getMessage().contains("Required request body is missing")) {
      detail = "a JSON request body is required";
    }
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", detail, field));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD_VALUE", name + " is malformed", name));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> pathTypeMismatch(MethodArgumentTypeMismatchException ex) {
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            problem(
                HttpStatus.BAD_REQUEST,
                "INVALID_FIELD_VALUE",
                ex.getName() + " is malformed",
                ex.getName()));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response == null) {
      return null;
    }
    Object problem = response.getBody();
    if (problem == null) {
      problem = ProblemErrorController.forStatus(response.getStatusCode().value());
    }
    if (problem instanceof ProblemDetail p && p.getStatus() != response.getStatusCode().value()) {
      // Spring answers a path variable that is blank once converted 400 but leaves its problem's
      // status and title at 500 "Internal Server Error": the body says what the response says
      p.setStatus(response.getStatusCode().value());
      HttpStatus known = HttpStatus.resolve(response.getStatusCode().value());
      if (known != null) {
        p.setTitle(known.getReasonPhrase());
      }
    }
    if (problem instanceof ProblemDetail p
        && (p.getProperties() == null || !p.getProperties().containsKey("code"))) {
      p.setProperty("code", codeFor(ex, response.getStatusCode()));
      p.setType(
          URI.create(
              "https://pathway.dev/problems/"
                  + codeFor(ex, response.getStatusCode()).toLowerCase().replace('_', '-')));
      if (ex instanceof MissingRequestHeaderException m) {
        p.setProperty("field", m.getHeaderName());
      }
    }
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.addAll(response.getHeaders());
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problem, problemHeaders, response.getStatusCode());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String codeFor(Exception ex, HttpStatusCode status) {
    return switch (status.value()) {
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 406 -> "NOT_ACCEPTABLE";
      case 413 -> "PAYLOAD_TOO_LARGE";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      case 503 -> "SERVICE_UNAVAILABLE";
      default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
    };
  }

  static HttpStatus statusOf(RejectionCode code) {
    return switch (code) {
      case INVALID_FIELD_VALUE, INVALID_CODE, UNKNOWN_FIELD, OCCURRED_IN_FUTURE ->
          HttpStatus.BAD_REQUEST;
      case UNKNOWN_FACT -> HttpStatus.NOT_FOUND;
      case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
      default -> HttpStatus.CONFLICT;
    };
  }

  public static ProblemDetail problem(
      HttpStatusCode status, String code, String detail, String field) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("https://pathway.dev/problems/" + code.toLowerCase().replace('_', '-')));
    p.setProperty("code", code);
    if (field != null) {
      p.setProperty("field", field);
    }
    return p;
  }
}
