package io.phantommesh.perf.document;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The one Jackson configuration of result documents, shared by the writer and the reader.
 *
 * <p>Thread-safe once built: the mapper is never reconfigured.
 */
public final class ResultJson {
  public static final ObjectMapper MAPPER = build();

  private ResultJson() {}

  private static ObjectMapper build() {
    SimpleModule plainDoubles = new SimpleModule("plain-doubles");
    plainDoubles.addSerializer(Double.class, new PlainDoubleSerializer());
    plainDoubles.addSerializer(Double.TYPE, new PlainDoubleSerializer());
    return JsonMapper.builder()
        .addModule(plainDoubles)
        // Records without @JsonNaming (extras of other load models) get snake_case keys too.
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        // The caller owns the stream: never close it.
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        // Readers of older or newer documents: unknown keys are ignored, absent ones are null.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // extra holds free JSON: keep decimals exact and plain (0.000012, never 1.2E-5).
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  /** Writes doubles as plain decimals ({@code 0.000012}, {@code 12345678.9}), never exponents. */
  private static final class PlainDoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    PlainDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (!Double.isFinite(value)) {
        throw new JsonGenerationException(
            "a result document holds finite numbers only, got " + value, gen);
      }
      // Shortest exact decimal, with at least one fraction digit: 300.0, 0.000004, 45.3.
      BigDecimal shortest = BigDecimal.valueOf(value).stripTrailingZeros();
      gen.writeNumber(shortest.scale() < 1 ? shortest.setScale(1) : shortest);
    }
  }
}
