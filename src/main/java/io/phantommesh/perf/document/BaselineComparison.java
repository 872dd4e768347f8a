package io.phantommesh.perf.document;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.util.List;

/**
 * A run set against a baseline run: per-figure deltas, the tier of each, and the overall regression
 * verdict. Written as {@code compare-<baseline-run-id>.json} beside the run's result, and as {@code
 * extra.baseline_comparison} of a result reported with {@code --baseline}.
 *
 * <p>Immutable. Units as in the result document: milliseconds, fractions, requests per second;
 * {@code delta_percent} is a percentage of the baseline's figure. Built by {@link
 * BaselineComparator}.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param run the run compared
 * @param baseline the run it is compared with
 * @param verdict the worst tier of the judged figures: PASS no regression, WARNING a worsening
 *     within the soft band, CRITICAL a regression beyond tolerance
 * @param metrics one entry per figure: mean, P50, P99, P99.9, error rate, peak req/s
 * @param requests P99 per request name present in both runs, for orientation (not judged)
 * @param tolerances the settings the figures were judged with
 * @param notes why the two runs may not be comparable (other model, partial, other target…)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "schema_version",
  "run",
  "baseline",
  "verdict",
  "metrics",
  "requests",
  "tolerances",
  "notes"
})
public record BaselineComparison(
    String schemaVersion,
    RunRef run,
    RunRef baseline,
    Tier verdict,
    List<MetricDelta> metrics,
    List<RequestDelta> requests,
    Tolerances tolerances,
    List<String> notes) {

  /** Version of this format. */
  public static final String SCHEMA_VERSION = "1.0";

  /**
   * Key of the comparison in the {@code extra} object of documents written before it became the
   * document's own {@code baseline_comparison} field; read, never written.
   */
  public static final String EXTRA_KEY = "baseline_comparison";

  public BaselineComparison {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    requests = requests == null ? List.of() : List.copyOf(requests);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** The verdict of every figure, in order: what a result document appends to its own. */
  public List<Verdict> verdicts() {
    return metrics.stream().map(MetricDelta::verdict).toList();
  }

  /** A comparison read back from its JSON ({@code compare-<baseline>.json}). */
  public static BaselineComparison fromTree(JsonNode tree) {
    try {
      return ResultJson.MAPPER.treeToValue(tree, BaselineComparison.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a baseline comparison: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * One side of the comparison.
   *
   * @param runId the run's result folder name
   * @param testName its load model
   * @param startedAt its start, ISO-8601 UTC
   * @param verdict its own SLO verdict
   * @param requestCount its responses
   * @param location where its result.json was read, relative to the comparison's folder when
   *     possible
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"run_id", "test_name", "started_at", "verdict", "request_count", "location"})
  public record RunRef(
      String runId,
      String testName,
      String startedAt,
      Tier verdict,
      long requestCount,
      String location) {}

  /**
   * One figure of both runs.
   *
   * @param metric the SLO metric compared, e.g. {@code latency_p99}
   * @param label short human name, e.g. {@code P99}
   * @param unit ms, fraction or req/s
   * @param baseline the baseline's figure
   * @param current the run's figure
   * @param delta {@code current - baseline}, in unit
   * @param deltaPercent delta as a percentage of the baseline's figure; null when that is 0
   * @param judged false when too few responses make the figure noise (the verdict says why)
   * @param verdict the tier of the delta against its tolerance, metric {@code regression_<metric>}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "metric",
    "label",
    "unit",
    "baseline",
    "current",
    "delta",
    "delta_percent",
    "judged",
    "verdict"
  })
  public record MetricDelta(
      String metric,
      String label,
      String unit,
      double baseline,
      double current,
      double delta,
      Double deltaPercent,
      boolean judged,
      Verdict verdict) {}

  /**
   * P99 of one request name in both runs, ms.
   *
   * @param name request name
   * @param group enclosing groups, outermost first
   * @param baselineCount the baseline's responses of this name
   * @param currentCount the run's responses of this name
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "name",
    "group",
    "baseline_count",
    "current_count",
    "baseline_p99",
    "current_p99",
    "delta_p99"
  })
  public record RequestDelta(
      String name,
      List<String> group,
      long baselineCount,
      long currentCount,
      double baselineP99,
      double currentP99,
      double deltaP99) {

    public RequestDelta {
      group = group == null ? List.of() : List.copyOf(group);
    }
  }

  /**
   * The settings of the comparison, as published: percentages as percent (10.0 = 10 %).
   *
   * @param meanPercent tolerated rise of the mean, % of the baseline's
   * @param p50Percent tolerated rise of P50, %
   * @param p99Percent tolerated rise of P99, %
   * @param p999Percent tolerated rise of P99.9, %
   * @param errorRatePoints tolerated rise of the error rate, percentage points
   * @param peakRpsPercent tolerated change of peak req/s, % (negative: a drop)
   * @param softBandPercent share of each tolerance where WARNING starts, %
   * @param minLatencyDeltaMillis latency noise floor, ms
   * @param minPeakRpsDelta peak req/s noise floor, req/s
   * @param minTailSamples responses needed beyond a percentile for it to be judged
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "mean_percent",
    "p50_percent",
    "p99_percent",
    "p999_percent",
    "error_rate_points",
    "peak_rps_percent",
    "soft_band_percent",
    "min_latency_delta_millis",
    "min_peak_rps_delta",
    "min_tail_samples"
  })
  public record Tolerances(
      double meanPercent,
      double p50Percent,
      double p99Percent,
      double p999Percent,
      double errorRatePoints,
      double peakRpsPercent,
      double softBandPercent,
      double minLatencyDeltaMillis,
      double minPeakRpsDelta,
      int minTailSamples) {}
}
