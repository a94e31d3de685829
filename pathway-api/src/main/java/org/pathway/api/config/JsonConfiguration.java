package org.pathway.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.pathway.api.error.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.util.unit.DataSize;

/**
 * Strict JSON for every request body (docs/api.md, "Malformed input"): duplicate keys, trailing
 * tokens and scalar coercion ({@code "reason": 7}, {@code "attended": "yes"}, {@code "factId": "
 * "}) are refused by Jackson (application.yml and {@link #strictCoercion}); the body must be valid
 * UTF-8 (Jackson itself decodes overlong forms such as {@code C0 AF} as {@code /}) and no larger
 * than {@code pathway.limits.request-body}.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictCoercion() {
    return builder ->
        builder.postConfigurer(
            mapper -> {
              mapper
                  .coercionConfigDefaults()
                  .setAcceptBlankAsEmpty(false)
                  .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
              mapper
                  .coercionConfigFor(LogicalType.Textual)
                  .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsEmpty);
              for (LogicalType t :
                  new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
                mapper
                    .coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
              }
            });
  }

  /**
   * Text and times as text only: a string may not hold control characters (other than tab and line
   * ends), noncharacters or lone surrogates, which PostgreSQL's {@code jsonb} cannot store or which
   * no ward system means; a date-time or date must be an ISO-8601 string, never a number of seconds
   * or an array.
   */
  @Bean
  com.fasterxml.jackson.databind.Module strictText() {
    com.fasterxml.jackson.databind.module.SimpleModule module =
        new com.fasterxml.jackson.databind.module.SimpleModule("pathway-strict-text");
    module.addDeserializer(String.class, new CleanStringDeserializer());
    module.addDeserializer(
        java.time.OffsetDateTime.class,
        new TextOnly<>(
            java.time.OffsetDateTime.class,
            com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.OFFSET_DATE_TIME));
    module.addDeserializer(
        java.time.LocalDate.class,
        new TextOnly<>(
            java.time.LocalDate.class,
            com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer.INSTANCE));
    module.addDeserializer(
        java.time.Instant.class,
        new TextOnly<>(
            java.time.Instant.class,
            com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT));
    return module;
  }

  /** Strings without control characters, noncharacters or lone surrogates. */
  static final class CleanStringDeserializer
      extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<String> {
    CleanStringDeserializer() {
      super(String.class);
    }

    @Override
    public String deserialize(
        com.fasterxml.jackson.core.JsonParser p,
        com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws IOException {
      String value =
          com.fasterxml.jackson.databind.deser.std.StringDeserializer.instance.deserialize(p, ctxt);
      if (value != null) {
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
          boolean nonCharacter = c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF);
          boolean loneSurrogate =
              Character.isHighSurrogate(c)
                  ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i))
                  : Character.isLowSurrogate(c);
          if (control || nonCharacter || loneSurrogate || c == 0x7F) {
            return (String)
                ctxt.handleWeirdStringValue(
                    String.class,
                    value,
                    "text may not contain control characters, noncharacters or lone surrogates");
          }
        }
      }
      return value;
    }
  }

  /** A date or time given as a JSON string only. */
  static final class TextOnly<T>
      extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<T> {
    private final com.fasterxml.jackson.databind.JsonDeserializer<? extends T> delegate;

    TextOnly(Class<T> type, com.fasterxml.jackson.databind.JsonDeserializer<? extends T> delegate) {
      super(type);
      this.delegate = delegate;
    }

    @Override
    public T deserialize(
        com.fasterxml.jackson.core.JsonParser p,
        com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws IOException {
      if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
        @SuppressWarnings("unchecked")
        T refused = (T) ctxt.handleUnexpectedToken(handledType(), p);
        return refused;
      }
      return delegate.deserialize(p, ctxt);
    }
  }

  @Bean
  MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(
      ObjectMapper json, @Value("${pathway.limits.request-body:1MB}") DataSize limit) {
    return new StrictJsonConverter(json, limit.toBytes());
  }

  /** Reads the body whole (up to the limit), checks it is UTF-8, then lets Jackson parse it. */
  static final class StrictJsonConverter extends MappingJackson2HttpMessageConverter {
    private final long limit;

    StrictJsonConverter(ObjectMapper json, long limit) {
      super(json);
      this.limit = limit;
    }

    @Override
    public Object read(Type type, Class<?> contextClass, HttpInputMessage input)
        throws IOException {
      return super.read(type, contextClass, checked(input));
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage input) throws IOException {
      return super.readInternal(clazz, checked(input));
    }

    private HttpInputMessage checked(HttpInputMessage input) throws IOException {
      MediaType type = input.getHeaders().getContentType();
      Charset charset = type == null ? null : type.getCharset();
      if (charset != null && !StandardCharsets.UTF_8.equals(charset)) {
        throw new ApiProblem(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type",
            "request bodies must be UTF-8, not " + charset.name());
      }
      byte[] body;
      try (InputStream in = input.getBody()) {
        body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      }
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body));
      } catch (CharacterCodingException e) {
        throw new HttpMessageNotReadableException("the request body is not valid UTF-8", input);
      }
      HttpHeaders headers = input.getHeaders();
      return new HttpInputMessage() {
        @Override
        public InputStream getBody() {
          return new ByteArrayInputStream(body);
        }

        @Override
        public HttpHeaders getHeaders() {
          return headers;
        }
      };
    }
  }

  public static ApiProblem tooLarge(long limit) {
    return new ApiProblem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        "body",
        "the request body is larger than " + limit + " bytes");
  }
}
