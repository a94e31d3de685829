package org.pathway.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.pathway.api.error.ProblemAdvice;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads it, a body whose declared length is over the limit: {@code
 * pathway.limits.request-body} for requests, {@code pathway.limits.import-body} for bulk imports.
 * Bodies without a declared length (chunked) are counted as they are read (JsonConfiguration and
 * the import).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {
  private final long requestLimit;
  private final long importLimit;
  private final ObjectMapper json;

  RequestSizeLimitFilter(
      @Value("${pathway.limits.request-body:1MB}") DataSize requestLimit,
      @Value("${pathway.limits.import-body:4GB}") DataSize importLimit,
      ObjectMapper json) {
    this.requestLimit = requestLimit.toBytes();
    this.importLimit = importLimit.toBytes();
    this.json = json;
  }

  /** The body limit of a request. */
  public long limitFor(HttpServletRequest request) {
    return request.getRequestURI().equals("/imports") ? importLimit : requestLimit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitFor(request);
    if (request.getContentLengthLong() > limit) {
      ProblemDetail p =
          ProblemAdvice.problem(
              HttpStatus.PAYLOAD_TOO_LARGE,
              "PAYLOAD_TOO_LARGE",
              "the request body is larger than " + limit + " bytes",
              "body");
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setHeader("Connection", "close");
      json.writeValue(response.getOutputStream(), p);
      return;
    }
    chain.doFilter(request, response);
  }
}
