package org.pathway.api.config;

import org.axonframework.serialization.Converter;
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
  private final Serializer delegate;

  LogicalTypeSerializer(Serializer delegate) {
    this.delegate = delegate;
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
  public <S, T> T deserialize(SerializedObject<S> serializedObject) {
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
