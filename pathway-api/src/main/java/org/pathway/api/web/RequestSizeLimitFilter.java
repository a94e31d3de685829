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
 * Refuses, before anything reads it, a query string with control characters or invalid UTF-8 (400)
 * and a body whose declared length is over the limit (413): {@code pathway.limits.request-body} for
 * requests, {@code pathway.limits.import-body} for bulk imports and replays. Bodies without a
 * declared length (chunked) are counted as they are read (JsonConfiguration and the import).
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
    String path = request.getRequestURI();
    return path.equals("/imports")
            || path.equals("/imports/migrations")
            || path.equals("/admin/replay")
        ? importLimit
        : requestLimit;
  }

  /**
   * Why a query string cannot be read as UTF-8 text without control characters, or {@code null}
   * when it can.
   */
  static String badQuery(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      String decoded;
      try {
        decoded = java.net.URLDecoder.decode(pair, java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return "the query string has a malformed percent-encoding";
      }
      for (int i = 0; i < decoded.length(); i++) {
        char c = decoded.charAt(i);
        if (c < 0x20 || c == 0x7F || c == '\uFFFD') {
          String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
          return "query parameter " + name + " holds a control character or invalid UTF-8";
        }
      }
    }
    return null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String badQuery = badQuery(request.getQueryString());
    if (badQuery != null) {
      ProblemDetail p =
          ProblemAdvice.problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD_VALUE", badQuery, null);
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), p);
      return;
    }
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
