package io.phantommesh.perf.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies and writes the small JSON answers of the API.
 *
 * <p>Stateless and thread-safe. Answers are built as text (they are a few fields each); every
 * string value goes through Jackson's encoder, so a value can never break the document.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws BadRequestException when it is empty, malformed or not an object
   */
  static ObjectNode parseObject(ByteBuf body) {
    if (!body.isReadable()) {
      throw new BadRequestException("request body is empty; expected a JSON object");
    }
    JsonNode node;
    try (ByteBufInputStream in = new ByteBufInputStream(body.duplicate())) {
      node = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a request body from memory", e);
    }
    if (node == null || !node.isObject()) {
      throw new BadRequestException("request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * The value of a required, non-blank string field.
   *
   * @throws BadRequestException when it is missing, not a string or blank
   */
  static String requiredString(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw new BadRequestException("missing required field '" + field + "'");
    }
    if (!v.isTextual()) {
      throw new BadRequestException("field '" + field + "' must be a string");
    }
    String s = v.textValue();
    if (s.isBlank()) {
      throw new BadRequestException("field '" + field + "' must not be blank");
    }
    return s;
  }

  /** {@code {"k1":"v1",...}} from key/value pairs; every value is a string. */
  static byte[] object(String... keysAndValues) {
    StringBuilder sb = new StringBuilder(64).append('{');
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, keysAndValues[i]).append(':');
      quote(sb, keysAndValues[i + 1]);
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code {"error":"<message>"}}. */
  static byte[] error(String message) {
    return object("error", message);
  }

  private static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"');
  }
}
