package org.pathway.api.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.pathway.api.security.Role;
import org.pathway.api.web.RequestContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Sign-in, the start page of each role, and the rebuild's progress. */
@Controller
@RequestMapping("/ui")
class PagesController {
  private final RequestContext context;

  PagesController(RequestContext context) {
    this.context = context;
  }

  @GetMapping("/login")
  String login() {
    return "ui/login";
  }

  /** Analysts and auditors start at the overview, clinicians at finding a journey. */
  @GetMapping
  String start(HttpServletRequest request) {
    if (context.hasRole(request, Role.ANALYST) || context.hasRole(request, Role.AUDITOR)) {
      return "redirect:/ui/overview";
    }
    if (context.hasRole(request, Role.CLINICIAN)) {
      return "redirect:/ui/service-users";
    }
    return "redirect:/ui/rebuild";
  }

  @GetMapping("/rebuild")
  String rebuild() {
    return "ui/rebuild";
  }
}
