package org.pathway.api.web;

import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Resolves the optional command headers (Idempotency-Key, If-Match) into one parameter. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(CommandHeaders.class);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(
        new HandlerMethodArgumentResolver() {
          @Override
          public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == CommandHeaders.class;
          }

          @Override
          public Object resolveArgument(
              MethodParameter parameter,
              ModelAndViewContainer mav,
              NativeWebRequest request,
              WebDataBinderFactory binders) {
            return new CommandHeaders(
                request.getHeader(CommandExecutor.IDEMPOTENCY_KEY_HEADER),
                request.getHeader("If-Match"));
          }
        });
  }
}
