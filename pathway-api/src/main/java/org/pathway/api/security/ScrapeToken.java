package org.pathway.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The scrape token ({@code pathway.security.scrape-token}): {@code Authorization: Bearer <token>}
 * on {@code GET /actuator/prometheus} signs in as {@code metrics-scraper}, whose only role may read
 * that endpoint. Anywhere else the token is nothing (and, with an identity provider, an invalid
 * bearer token: 401).
 */
final class ScrapeToken extends OncePerRequestFilter {
  static final String ROLE = "METRICS_SCRAPER";
  static final String PATH = "/actuator/prometheus";

  private final byte[] token;

  ScrapeToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (PATH.equals(request.getRequestURI())
        && "GET".equals(request.getMethod())
        && header != null
        && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(
            header.substring(7).trim().getBytes(StandardCharsets.UTF_8), token)) {
      SecurityContext signedIn = SecurityContextHolder.createEmptyContext();
      signedIn.setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated(
              "metrics-scraper", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
      SecurityContextHolder.setContext(signedIn);
    }
    chain.doFilter(request, response);
  }

  /**
   * The identity provider's bearer tokens, except on a request the scrape token has already signed
   * in (which is not a JWT).
   */
  static BearerTokenResolver notForScrapes() {
    DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
    return request -> {
      var signedIn = SecurityContextHolder.getContext().getAuthentication();
      if (signedIn != null && "metrics-scraper".equals(signedIn.getName())) {
        return null;
      }
      return standard.resolve(request);
    };
  }
}
