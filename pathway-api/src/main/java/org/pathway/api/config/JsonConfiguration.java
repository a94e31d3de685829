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
