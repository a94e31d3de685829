package org.pathway.api.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.pathway.domain.journey.JourneyEventTypes;

/**
 * Stores journey events under their stable logical names ({@code pathway.Admitted}) instead of Java
 * class names, and delegates the JSON itself to Axon's Jackson serializer. Other types (metadata,
 * tokens) keep class names.
 */
final class LogicalTypeSerializer implements Serializer {
  private static final String META_DATA = MetaData.class.getName();

  private final Serializer delegate;

  /**
   * Reads metadata maps. Axon's own metadata deserializer builds a contextual map deserializer for
   * every message; the read models read the metadata of every event (its recorded time), and that
   * was a fifth of the journey-history projection's CPU (docs/performance.md).
   */
  private final ObjectReader metaData;

  LogicalTypeSerializer(Serializer delegate, ObjectMapper mapper) {
    this.delegate = delegate;
    this.metaData = mapper.readerFor(new TypeReference<Map<String, Object>>() {});
  }

  @Override
  public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
    SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
    if (object == null) {
      return serialized;
    }
    return new SimpleSerializedObject<>(
        serialized.getData(),
        serialized.getContentType(),
        toLogical(serialized.getType(), object.getClass()));
  }

  @Override
  public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
    return delegate.canSerializeTo(expectedRepresentation);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S, T> T deserialize(SerializedObject<S> serializedObject) {
    if (serializedObject.getData() instanceof byte[] bytes
        && META_DATA.equals(serializedObject.getType().getName())) {
      try {
        return (T) MetaData.from(metaData.<Map<String, Object>>readValue(bytes));
      } catch (IOException e) {
        throw new SerializationException("unreadable metadata", e);
      }
    }
    return delegate.deserialize(
        new SimpleSerializedObject<>(
            serializedObject.getData(),
            serializedObject.getContentType(),
            toClassName(serializedObject.getType())));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Class classForType(SerializedType type) {
    return delegate.classForType(toClassName(type));
  }

  @Override
  public SerializedType typeForClass(Class type) {
    return toLogical(delegate.typeForClass(type), type);
  }

  @Override
  public Converter getConverter() {
    return delegate.getConverter();
  }

  private static SerializedType toLogical(SerializedType type, Class<?> clazz) {
    return JourneyEventTypes.nameOf(clazz)
        .<SerializedType>map(name -> new SimpleSerializedType(name, type.getRevision()))
        .orElse(type);
  }

  private static SerializedType toClassName(SerializedType type) {
    return JourneyEventTypes.typeOf(type.getName())
        .<SerializedType>map(c -> new SimpleSerializedType(c.getName(), type.getRevision()))
        .orElse(type);
  }
}
