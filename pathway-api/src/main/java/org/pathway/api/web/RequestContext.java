package org.pathway.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Who is recording. Until authentication lands (issue 5) the author is the {@code X-Pathway-User}
 * header, or {@code anonymous}; it is stored as event metadata, never as part of the clinical fact.
 */
@Component
public class RequestContext {
  public static final String USER_HEADER = "X-Pathway-User";

  public String author(HttpServletRequest request) {
    String user = request.getHeader(USER_HEADER);
    return user == null || user.isBlank() ? "anonymous" : user.trim();
  }
}
