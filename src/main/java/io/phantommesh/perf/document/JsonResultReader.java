package io.phantommesh.perf.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a result document: one this code wrote, one of another schema version (unknown keys are
 * ignored, absent ones read as {@code null} or empty), or a seed-only document.
 *
 * <p>Stateless and thread-safe. Never closes the stream it is given.
 */
public final class JsonResultReader {
  private static final List<String> SEED_KEYS =
      List.of("test_name", "duration", "request_count", "success_count", "error_count", "metrics");
  private static final List<String> SEED_METRICS =
      List.of(
          "latency_mean",
          "latency_min",
          "latency_max",
          "latency_percentiles",
          "peak_rps",
          "avg_rps",
          "error_rate");

  private JsonResultReader() {}

  /**
   * Reads one document from {@code in}.
   *
   * @throws IllegalArgumentException when the text is not JSON or lacks a seed key (the message
   *     names every missing key)
   * @throws UncheckedIOException when the stream fails
   */
  public static ResultDocument read(InputStream in) {
    try {
      JsonNode root = ResultJson.MAPPER.readTree(in);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("not a result document: expected a JSON object");
      }
      List<String> missing = new ArrayList<>();
      SEED_KEYS.stream().filter(k -> !root.hasNonNull(k)).forEach(missing::add);
      JsonNode metrics = root.path("metrics");
      if (metrics.isObject()) {
        SEED_METRICS.stream()
            .filter(k -> !metrics.hasNonNull(k))
            .map(k -> "metrics." + k)
            .forEach(missing::add);
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            "not a result document: missing " + String.join(", ", missing));
      }
      JsonNode legacy = root.path("extra").path(BaselineComparison.EXTRA_KEY);
      if (!root.has("baseline_comparison") && legacy.isObject()) {
        // Documents of the first compare release kept the comparison under extra.
        ObjectNode moved = ((ObjectNode) root).deepCopy();
        moved.set("baseline_comparison", legacy);
        ((ObjectNode) moved.get("extra")).remove(BaselineComparison.EXTRA_KEY);
        return ResultJson.MAPPER.treeToValue(moved, ResultDocument.class);
      }
      return ResultJson.MAPPER.treeToValue(root, ResultDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a result document: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read result document: " + e.getMessage(), e);
    }
  }
}
