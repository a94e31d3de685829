package org.pathway.api.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.security.Role;
import org.pathway.api.web.RequestContext;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page shows (who is signed in, what they may open; RebuildBanner adds a rebuild in
 * progress) and how a page answers a request it cannot serve: the same status as the API would
 * give, on a page that says what was wrong.
 */
@ControllerAdvice(basePackageClasses = PageAdvice.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {
  private final RequestContext context;

  PageAdvice(RequestContext context) {
    this.context = context;
  }

  @ModelAttribute
  void common(HttpServletRequest request, Model model) {
    model.addAttribute("user", request.getUserPrincipal() == null ? null : context.author(request));
    Role role = context.role(request);
    model.addAttribute("role", role == null ? null : role.name().toLowerCase());
    model.addAttribute(
        "figuresAllowed",
        context.hasRole(request, Role.ANALYST) || context.hasRole(request, Role.AUDITOR));
    model.addAttribute(
        "journeysAllowed",
        context.hasRole(request, Role.CLINICIAN) || context.hasRole(request, Role.AUDITOR));
    model.addAttribute("path", request.getRequestURI());
  }

  @ExceptionHandler(ApiProblem.class)
  String problem(ApiProblem problem, HttpServletResponse response, Model model) {
    response.setStatus(problem.status().value());
    model.addAttribute("status", problem.status().value());
    model.addAttribute("field", problem.field());
    model.addAttribute("detail", problem.getMessage());
    return "ui/problem";
  }

  @ExceptionHandler(org.pathway.projections.metrics.QueryBudget.TooLarge.class)
  String tooLarge(RuntimeException e, HttpServletResponse response, Model model) {
    response.setStatus(413);
    model.addAttribute("status", 413);
    model.addAttribute(
        "detail",
        "This question covers more records than can be computed at once: " + e.getMessage());
    return "ui/problem";
  }

  @ExceptionHandler(org.pathway.projections.metrics.QueryBudget.Busy.class)
  String busy(RuntimeException e, HttpServletResponse response, Model model) {
    response.setStatus(503);
    response.setHeader("Retry-After", "5");
    model.addAttribute("status", 503);
    model.addAttribute(
        "detail", "Pathway is answering other questions: try again in a few seconds.");
    return "ui/problem";
  }
}
