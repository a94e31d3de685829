package org.pathway.api.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.pathway.api.audit.ReadModelRebuilds;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tells a rendered page whether the read models are being rebuilt, and how far the rebuild has gone
 * (the banner of layout.html, the rebuild page). Asked only for a page that is about to be
 * rendered: not for a redirect, a CSV download or an asset.
 */
@Configuration(proxyBeanMethods = false)
class RebuildBanner implements WebMvcConfigurer, HandlerInterceptor {
  private final ReadModelRebuilds readModels;

  RebuildBanner(ReadModelRebuilds readModels) {
    this.readModels = readModels;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/ui", "/ui/**");
  }

  @Override
  public void postHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
    if (page == null
        || request.getUserPrincipal() == null
        || page.getViewName() == null
        || page.getViewName().startsWith("redirect:")) {
      return;
    }
    Map<String, Object> status = readModels.status();
    page.addObject("rebuild", status);
    page.addObject("rebuilding", "REBUILDING".equals(status.get("state")));
    if (status.get("eventsProcessed") instanceof Number done
        && status.get("eventsTotal") instanceof Number total
        && total.longValue() > 0) {
      page.addObject("rebuildPercent", Math.round(100.0 * done.longValue() / total.longValue()));
    }
  }
}
