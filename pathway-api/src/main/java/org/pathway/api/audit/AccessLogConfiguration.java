package org.pathway.api.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link AccessLog} on every request. */
@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration implements WebMvcConfigurer {
  private final AccessLog accessLog;

  AccessLogConfiguration(AccessLog accessLog) {
    this.accessLog = accessLog;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(accessLog);
  }
}
