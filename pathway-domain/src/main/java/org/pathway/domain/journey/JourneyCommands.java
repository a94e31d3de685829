package org.pathway.domain.journey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every journey command, by its stable public name, derived from the sealed {@link JourneyCommand}
 * hierarchy (so a new command cannot be forgotten here). The name is the command record's simple
 * name: {@code RecordReferral}, {@code AdmitServiceUser}, … It is part of the public contract (the
 * bulk-import line format, docs/import-format.md, and the API reference), pinned by a test:
 * renaming a command record is a breaking change and fails that test.
 */
public final class JourneyCommands {
  private static final Map<String, Class<? extends JourneyCommand>> BY_NAME = collect();

  private JourneyCommands() {}

  /** Every command name, in the order the sealed hierarchy declares them. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** The command of that name, if there is one. */
  public static Optional<Class<? extends JourneyCommand>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The public name of a command type. */
  public static String name(Class<? extends JourneyCommand> type) {
    if (!BY_NAME.containsValue(type)) {
      throw new IllegalArgumentException(type + " is not a journey command");
    }
    return type.getSimpleName();
  }

  private static Map<String, Class<? extends JourneyCommand>> collect() {
    Map<String, Class<? extends JourneyCommand>> byName = new LinkedHashMap<>();
    List<Class<?>> pending = new ArrayList<>(List.of(JourneyCommand.class));
    while (!pending.isEmpty()) {
      Class<?> type = pending.remove(0);
      if (type.isSealed()) {
        pending.addAll(0, List.of(type.getPermittedSubclasses()));
      } else if (type.isRecord()) {
        @SuppressWarnings("unchecked")
        Class<? extends JourneyCommand> command = (Class<? extends JourneyCommand>) type;
        if (byName.put(type.getSimpleName(), command) != null) {
          throw new IllegalStateException("two commands named " + type.getSimpleName());
        }
      } else {
        throw new IllegalStateException(type + " is neither sealed nor a record");
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}
