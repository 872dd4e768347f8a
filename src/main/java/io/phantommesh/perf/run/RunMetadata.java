package io.phantommesh.perf.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.InjectorHealth;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the result document needs beyond the figures: names the CLI or simulation knows.
 *
 * <p>Immutable. Build with {@link #of} and the {@code with…} methods.
 *
 * @param runId the run's folder name, e.g. {@code rampupsimulation-20260104123456789}
 * @param testName the load model, e.g. {@code ramp-up} (the seed's {@code test_name})
 * @param simulation fully qualified simulation class; {@code null} takes the first log's
 * @param target the target's base URL for display, or {@code embedded}; any credentials, query or
 *     fragment are removed before it is written
 * @param gatlingReport path of Gatling's HTML report relative to the result folder, or {@code null}
 *     when not kept
 * @param gatlingAssertions Gatling's own assertion outcomes, or {@code null} when unknown
 * @param injectorHealth the injector's load, or {@code null} when not sampled
 * @param extra model-specific data for {@code extra}, keyed by model ({@code soak}, {@code spike},
 *     {@code baseline}); never {@code null}
 * @param warmUp where the run's silent warm-up went and what it sent, or {@code null} when unknown
 */
public record RunMetadata(
    String runId,
    String testName,
    String simulation,
    String target,
    String gatlingReport,
    GatlingAssertions gatlingAssertions,
    InjectorHealth injectorHealth,
    Map<String, JsonNode> extra,
    WarmUpFacts warmUp) {

  /** The target shown when the caller does not know it. */
  public static final String UNKNOWN_TARGET = "unknown";

  public RunMetadata {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(testName, "testName");
    target = target == null || target.isBlank() ? UNKNOWN_TARGET : target;
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** The mandatory names; no report link, assertions, injector health or extras. */
  public static RunMetadata of(String runId, String testName, String simulation, String target) {
    return new RunMetadata(runId, testName, simulation, target, null, null, null, Map.of(), null);
  }

  /**
   * These metadata with the relative path of Gatling's HTML report (e.g. {@code
   * gatling/index.html}).
   */
  public RunMetadata withGatlingReport(String relativePath) {
    return copy(relativePath, gatlingAssertions, injectorHealth, extra, warmUp);
  }

  /** These metadata with Gatling's own assertion outcomes. */
  public RunMetadata withGatlingAssertions(GatlingAssertions assertions) {
    return copy(gatlingReport, assertions, injectorHealth, extra, warmUp);
  }

  /** These metadata with the injector's health. */
  public RunMetadata withInjectorHealth(InjectorHealth health) {
    return copy(gatlingReport, gatlingAssertions, health, extra, warmUp);
  }

  /**
   * These metadata with {@code extra[key]} set to {@code value}, serialized as the document is
   * (snake_case property names, {@code @JsonPropertyOrder} honoured, plain decimals): a record, a
   * map or a {@link JsonNode}.
   */
  public RunMetadata withExtra(String key, Object value) {
    Map<String, JsonNode> merged = new TreeMap<>(extra);
    merged.put(Objects.requireNonNull(key, "key"), JsonResultWriter.toTree(value));
    return copy(gatlingReport, gatlingAssertions, injectorHealth, merged, warmUp);
  }

  /** These metadata with what the simulation recorded of its warm-up. */
  public RunMetadata withWarmUp(WarmUpFacts facts) {
    return copy(gatlingReport, gatlingAssertions, injectorHealth, extra, facts);
  }

  /** The same run's names with the other facts replaced. */
  private RunMetadata copy(
      String newReport,
      GatlingAssertions newAssertions,
      InjectorHealth newHealth,
      Map<String, JsonNode> newExtra,
      WarmUpFacts newWarmUp) {
    return new RunMetadata(
        runId,
        testName,
        simulation,
        target,
        newReport,
        newAssertions,
        newHealth,
        newExtra,
        newWarmUp);
  }
}
