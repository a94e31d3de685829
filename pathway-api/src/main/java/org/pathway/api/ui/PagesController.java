package org.pathway.api.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.pathway.api.security.Role;
import org.pathway.api.security.SecurityConfiguration;
import org.pathway.api.security.SecurityProperties;
import org.pathway.api.web.RequestContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Sign-in, the start page of each role, and the rebuild's progress. */
@Controller
@RequestMapping("/ui")
class PagesController {
  private final RequestContext context;
  private final SecurityProperties.Oidc identityProvider;

  PagesController(RequestContext context, SecurityProperties security) {
    this.context = context;
    this.identityProvider = security.oidc();
  }

  /** The sign-in form, and the identity provider's sign-in where one is configured. */
  @GetMapping("/login")
  String login(Model model) {
    if (identityProvider.configured()) {
      String name = identityProvider.name();
      model.addAttribute(
          "identityProvider",
          name == null || name.isBlank() ? "your organisation's account" : name);
      model.addAttribute(
          "identityProviderLink",
          "/ui/oauth2/authorization/" + SecurityConfiguration.OIDC_REGISTRATION);
    }
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
