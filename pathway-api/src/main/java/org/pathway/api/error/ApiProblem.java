package org.pathway.api.error;

import org.springframework.http.HttpStatus;

/**
 * A client error the API reports as an RFC 9457 problem: HTTP status, a stable machine-readable
 * code, the request field at fault (if any) and a message free of personal data.
 */
public class ApiProblem extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiProblem(HttpStatus status, String code, String field, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiProblem badRequest(String field, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_FIELD_VALUE", field, detail);
  }

  public static ApiProblem notFound(String code, String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, code, null, detail);
  }

  public static ApiProblem conflict(String code, String field, String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, code, field, detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
