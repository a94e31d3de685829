package org.pathway.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.journey.Journey;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.time.TimePolicy;
import org.pathway.projections.journey.Provenance;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL with the JDBC storage engine and our own DDL (V1__event_store.sql), Jackson
 * for every serializer, and the journey aggregate registered without Spring stereotypes (the domain
 * has no Spring).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

  AxonConfiguration() {
    // no warning with a stack trace per command to a journey that does not exist (a client's 404)
    JourneyNotFoundLogFilter.install();
  }

  /** Metadata every command carries, copied onto the events it produces. */
  public static final String AUTHOR = Provenance.AUTHOR;

  public static final String IDEMPOTENCY_KEY = "idempotencyKey";

  @Bean
  EventSchema eventSchema() {
    return EventSchema.builder()
        .eventTable("domain_event_entry")
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .timestampColumn("time_stamp")
        .eventIdentifierColumn("event_identifier")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .payloadTypeColumn("payload_type")
        .payloadRevisionColumn("payload_revision")
        .payloadColumn("payload")
        .metaDataColumn("meta_data")
        .build();
  }

  @Bean
  TokenSchema tokenSchema() {
    return TokenSchema.builder()
        .setTokenTable("token_entry")
        .setProcessorNameColumn("processor_name")
        .setSegmentColumn("segment")
        .setTokenColumn("token")
        .setTokenTypeColumn("token_type")
        .setTimestampColumn("timestamp")
        .setOwnerColumn("owner")
        .build();
  }

  @Bean
  @Primary
  @Qualifier("serializer")
  Serializer serializer(ObjectMapper objectMapper) {
    return jackson(objectMapper);
  }

  @Bean
  @Qualifier("eventSerializer")
  Serializer eventSerializer(ObjectMapper objectMapper) {
    return jackson(objectMapper);
  }

  @Bean
  @Qualifier("messageSerializer")
  Serializer messageSerializer(ObjectMapper objectMapper) {
    return jackson(objectMapper);
  }

  private static Serializer jackson(ObjectMapper springMapper) {
    // A copy of Spring's mapper (JSR-310 registered, ISO dates) tolerant of fields added by later
    // revisions. Without the duplicate-key check the API makes of what clients send: what this
    // reads was written by this serializer (or, on a replay, parsed by the API's mapper first), and
    // the check was 2 % of a rebuild worker's CPU.
    ObjectMapper mapper =
        springMapper
            .copy()
            .configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                false)
            .configure(
                com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, false);
    return new LogicalTypeSerializer(
        JacksonSerializer.builder()
            .objectMapper(mapper)
            .revisionResolver(new AnnotationRevisionResolver())
            .build(),
        mapper);
  }

  @Bean
  JourneyCache journeyCache(@Value("${pathway.journey-cache.maximum-journeys}") long maximum) {
    return new JourneyCache(maximum);
  }

  /**
   * Every journey command names its journey by {@code serviceUserId()} (the sealed {@link
   * JourneyCommand} interface), so the target is read from it directly. Axon's default resolver
   * looks for the {@code @TargetAggregateIdentifier} annotation by reflection on every command: a
   * tenth of the command path's CPU in the import profile (docs/performance.md). The version is
   * checked by the journey itself ({@code If-Match}, {@code STALE_VERSION}), not by Axon.
   */
  static final CommandTargetResolver JOURNEY_OF_COMMAND =
      new CommandTargetResolver() {
        @Override
        public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
          if (command.getPayload() instanceof JourneyCommand c) {
            return new VersionedAggregateIdentifier(c.serviceUserId().toString(), null);
          }
          throw new IllegalArgumentException(
              "not a journey command: " + command.getPayloadType().getName());
        }
      };

  /** The journey aggregate, loaded from {@link JourneyCache} when it is there. */
  @Bean
  ConfigurerModule journeyAggregate(JourneyCache cache) {
    AggregateConfigurer<Journey> journey =
        AggregateConfigurer.defaultConfiguration(Journey.class)
            .configureCommandTargetResolver(c -> JOURNEY_OF_COMMAND);
    if (cache.enabled()) {
      journey.configureCache(c -> cache);
    }
    return configurer -> configurer.configureAggregate(journey);
  }

  /**
   * A read model that fails on an event stops and retries (with back-off) instead of skipping it:
   * Axon's default logs and goes on, which would leave the read models silently short of that
   * event. The failure is logged and visible in the processor's status and in health.
   */
  @Bean
  ConfigurerModule propagateProjectionErrors() {
    return configurer ->
        configurer
            .eventProcessing()
            .registerDefaultListenerInvocationErrorHandler(
                c -> org.axonframework.eventhandling.PropagatingErrorHandler.instance());
  }

  /**
   * The event store, each processor segment reading the store on its own stream. Axon's default
   * ("optimised event consumption") has one thread fetch events into a list shared by the streams
   * of every processor; that thread resumes from the last event it fetched, however long ago, so
   * after a rebuild moved the processor on (or on a node whose processors held no segment for a
   * while) it fetched the whole history in between. At 1 M events that held 530,000 events on the
   * heap and a metric query then ran out of a 1 GiB heap (docs/performance.md). A stream of its own
   * reads only from its processor's token, in batches.
   */
  @Bean
  EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
    // declaring the store means declaring its engine too: Axon's JDBC one is made only when no
    // event store is declared
    return EmbeddedEventStore.builder()
        .storageEngine(storageEngine)
        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
        .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
        .optimizeEventConsumption(false)
        .build();
  }

  /**
   * Duplicate-key errors on appends told apart from other failures (a concurrent append is a
   * conflict), as Axon's starter makes it when it makes the store.
   */
  @Bean
  PersistenceExceptionResolver persistenceExceptionResolver() {
    return new org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver();
  }

  /** Axon's JDBC storage engine on our schema, as Axon's Spring Boot starter would make it. */
  @Bean
  EventStorageEngine eventStorageEngine(
      Serializer serializer,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      PersistenceExceptionResolver persistenceExceptionResolver,
      org.axonframework.config.Configuration configuration,
      ConnectionProvider connectionProvider,
      org.axonframework.common.transaction.TransactionManager transactionManager,
      EventSchema schema) {
    return JdbcEventStorageEngine.builder()
        .snapshotSerializer(serializer)
        .upcasterChain(configuration.upcasterChain())
        .persistenceExceptionResolver(persistenceExceptionResolver)
        .eventSerializer(eventSerializer)
        .snapshotFilter(configuration.snapshotFilter())
        .connectionProvider(connectionProvider)
        .transactionManager(transactionManager)
        .schema(schema)
        .build();
  }

  /**
   * The journey-history processor: a thread per segment ({@code pathway.processors.segments}),
   * batches of {@code pathway.processors.batch-size}, and a new look at the store every {@code
   * pathway.processors.poll-interval} when it has read everything (a stream of its own is not woken
   * by this node's commits, so this is how long a new event waits at most before it is projected).
   */
  @Bean
  ConfigurerModule journeyHistoryProcessor(
      @Value("${pathway.processors.segments}") int segments,
      @Value("${pathway.processors.batch-size}") int batchSize,
      @Value("${pathway.processors.poll-interval}") Duration pollInterval) {
    return configurer ->
        configurer
            .eventProcessing()
            .registerTrackingEventProcessorConfiguration(
                org.pathway.projections.history.JourneyHistoryProjection.PROCESSING_GROUP,
                c ->
                    TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize)
                        .andEventAvailabilityTimeout(
                            pollInterval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  @Bean
  List<CorrelationDataProvider> correlationDataProviders() {
    return List.of(
        new MessageOriginProvider(),
        new SimpleCorrelationDataProvider(
            AUTHOR,
            IDEMPOTENCY_KEY,
            Provenance.RECORDED_AT,
            Provenance.MIGRATED_FROM,
            Provenance.MIGRATED_BY));
  }

  /**
   * Axon's JDBC storage on the connection of the Spring transaction the command or event batch runs
   * in, and nothing else. Axon's default wraps this provider in a unit-of-work-aware one that, when
   * a command is refused, calls {@code rollback()} on that connection: the whole database
   * transaction the command joined is rolled back, not just the command. A bulk import runs many
   * commands in one transaction, each in a savepoint, so a refused line would take the lines before
   * it with it (found by ImportApiIT: "ROLLBACK TO SAVEPOINT can only be used in transaction
   * blocks"). Every Axon unit of work here runs inside a Spring transaction (the command bus and
   * the processors use Spring's transaction manager), so Spring alone commits and rolls back.
   */
  @Bean
  ConnectionProvider connectionProvider(javax.sql.DataSource dataSource) {
    return new SpringDataSourceConnectionProvider(dataSource);
  }

  /**
   * Axon's JDBC token store, with the node's name as the owner of the processors' claims ({@code
   * pathway.node-id}; by default Axon's {@code pid@host}). Nodes of one cluster must have different
   * names: two nodes with one name would both think they hold a claim.
   */
  @Bean
  TokenStore tokenStore(
      ConnectionProvider connections,
      TokenSchema schema,
      Serializer serializer,
      @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
      @Value("${pathway.node-id:}") String nodeId) {
    JdbcTokenStore.Builder builder =
        JdbcTokenStore.builder()
            .connectionProvider(connections)
            .schema(schema)
            .serializer(serializer)
            .claimTimeout(claimTimeout);
    if (!nodeId.isBlank()) {
      builder.nodeId(nodeId);
    }
    return builder.build();
  }

  /** Requests fail fast while the database is away (DatabaseGuard). */
  @Bean
  static org.springframework.beans.factory.config.BeanPostProcessor databaseGuard() {
    return DatabaseGuard.postProcessor();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  TimePolicy timePolicy(Clock clock, @Value("${pathway.time.allowed-future-skew}") Duration skew) {
    return new TimePolicy(clock, skew);
  }

  @Bean
  CodeCatalogue codeCatalogue() {
    return CodeCatalogue.loadBundled();
  }

  /**
   * Used by the API to recognise a concurrent append (two nodes, or two requests, on one journey).
   */
  @Bean
  ConcurrentAppendDetector concurrentAppendDetector(PersistenceExceptionResolver resolver) {
    return new ConcurrentAppendDetector(resolver);
  }
}
