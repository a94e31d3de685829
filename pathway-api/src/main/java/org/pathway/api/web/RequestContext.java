package org.pathway.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import org.pathway.api.security.Role;
import org.springframework.stereotype.Component;

/**
 * Who is asking: the authenticated user's name (stored as the {@code author} of what they record)
 * and role.
 */
@Component
public class RequestContext {

  public String author(HttpServletRequest request) {
    Principal user = request.getUserPrincipal();
    return user == null ? "anonymous" : user.getName();
  }

  /** The first Pathway role the request carries, or {@code null}. */
  public Role role(HttpServletRequest request) {
    return Arrays.stream(Role.values())
        .filter(r -> request.isUserInRole(r.name()))
        .findFirst()
        .orElse(null);
  }

  public boolean hasRole(HttpServletRequest request, Role role) {
    return request.isUserInRole(role.name());
  }
}
