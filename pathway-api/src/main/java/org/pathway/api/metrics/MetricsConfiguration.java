package org.pathway.api.metrics;

import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.projections.metrics.AggregateRepository;
import org.pathway.projections.metrics.MetricAggregates;
import org.pathway.projections.metrics.MetricQueries;
import org.pathway.projections.metrics.MetricsEngine;
import org.pathway.projections.metrics.MetricsRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The metric families, with the code lists they read their code sets from. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {
  @Bean
  MetricsEngine metricsEngine(CodeCatalogue codes) {
    return new MetricsEngine(codes);
  }

  @Bean
  MetricAggregates metricAggregates(MetricsEngine engine) {
    return new MetricAggregates(engine);
  }

  @Bean
  MetricQueries metricQueries(
      MetricsEngine engine, MetricsRepository repository, AggregateRepository aggregates) {
    return new MetricQueries(engine, repository, aggregates);
  }
}
