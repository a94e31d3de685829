package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stable logical type names of the journey events (their {@code @JsonTypeName}), so stored
 * events never depend on Java class names: a class can be renamed or moved and the stream still
 * reads.
 */
public final class JourneyEventTypes {
  private static final Map<String, Class<? extends JourneyEvent>> BY_NAME = scan();
  private static final Map<Class<?>, String> BY_CLASS = invert(BY_NAME);

  private JourneyEventTypes() {}

  /** Every event type by logical name, in declaration order. */
  public static Map<String, Class<? extends JourneyEvent>> all() {
    return BY_NAME;
  }

  public static Optional<String> nameOf(Class<?> type) {
    return Optional.ofNullable(BY_CLASS.get(type));
  }

  public static Optional<Class<? extends JourneyEvent>> typeOf(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The short name shown to users, e.g. {@code Admitted} for {@code pathway.Admitted}. */
  public static String shortName(Class<?> type) {
    return nameOf(type).map(n -> n.substring(n.lastIndexOf('.') + 1)).orElse(type.getSimpleName());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Class<? extends JourneyEvent>> scan() {
    Map<String, Class<? extends JourneyEvent>> names = new LinkedHashMap<>();
    Stream.of(Fact.class.getPermittedSubclasses(), Correction.class.getPermittedSubclasses())
        .flatMap(Stream::of)
        .forEach(
            c -> {
              JsonTypeName name = c.getAnnotation(JsonTypeName.class);
              if (name == null) {
                throw new IllegalStateException(c + " has no @JsonTypeName");
              }
              if (names.put(name.value(), (Class<? extends JourneyEvent>) c) != null) {
                throw new IllegalStateException("duplicate event type name " + name.value());
              }
            });
    return Collections.unmodifiableMap(names);
  }

  private static Map<Class<?>, String> invert(Map<String, Class<? extends JourneyEvent>> byName) {
    Map<Class<?>, String> byClass = new LinkedHashMap<>();
    byName.forEach((n, c) -> byClass.put(c, n));
    return Collections.unmodifiableMap(byClass);
  }
}
