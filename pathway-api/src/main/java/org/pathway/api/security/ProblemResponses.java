package org.pathway.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** 401 and 403 as RFC 9457 problem details, like every other error. */
final class ProblemResponses {
  private ProblemResponses() {}

  static void write(
      HttpServletResponse response,
      ObjectMapper json,
      HttpStatus status,
      String code,
      String detail,
      String path)
      throws IOException {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("https://pathway.dev/problems/" + code.toLowerCase().replace('_', '-')));
    p.setInstance(URI.create(path));
    p.setProperty("code", code);
    response.setStatus(status.value());
    response.setContentType("application/problem+json");
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer, Basic realm=\"pathway\"");
    }
    json.writeValue(response.getOutputStream(), p);
  }
}
