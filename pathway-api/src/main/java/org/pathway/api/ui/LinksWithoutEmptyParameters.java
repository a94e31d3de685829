package org.pathway.api.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.ILinkBuilder;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Links in the pages leave out a parameter whose value is null or empty ({@code asAt}, {@code by},
 * {@code after} when none is chosen), where Thymeleaf's own link builder writes {@code ?asAt=&…}.
 */
@Configuration(proxyBeanMethods = false)
class LinksWithoutEmptyParameters {

  @Bean
  static BeanPostProcessor nullParametersLeftOut() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof SpringTemplateEngine engine) {
          StandardLinkBuilder standard = new StandardLinkBuilder();
          engine.setLinkBuilder(
              new ILinkBuilder() {
                @Override
                public String getName() {
                  return standard.getName();
                }

                @Override
                public Integer getOrder() {
                  return standard.getOrder();
                }

                @Override
                public String buildLink(
                    IExpressionContext context, String base, Map<String, Object> parameters) {
                  if (parameters == null
                      || parameters.values().stream()
                          .noneMatch(LinksWithoutEmptyParameters::empty)) {
                    return standard.buildLink(context, base, parameters);
                  }
                  Map<String, Object> given = new LinkedHashMap<>(parameters);
                  given.values().removeIf(LinksWithoutEmptyParameters::empty);
                  return standard.buildLink(context, base, given);
                }
              });
        }
        return bean;
      }
    };
  }

  private static boolean empty(Object value) {
    return value == null || "".equals(value);
  }
}
