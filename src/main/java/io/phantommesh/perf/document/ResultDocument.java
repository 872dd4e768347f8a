package io.phantommesh.perf.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.InjectorHealth;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result document of one run ({@code result.json}): the seed's keys first, exactly as the seed
 * names them, then what reviewers need beside them. Field by field in {@code
 * docs/result-format.md}; JSON Schema in {@code schema/result.schema.json}.
 *
 * <p>Immutable. Units: milliseconds, seconds, requests per second, fractions (0.0..1.0). Optional
 * fields are {@code null} when unknown and then left out of the JSON; lists are never {@code null}
 * (a document that lacks one reads as empty). A seed-only document (no extensions) reads too.
 *
 * <p>Longer than most classes: the nested records of result.json live here, so the whole format
 * reads in one file, in the order the JSON has it.
 *
 * @param testName the load model, e.g. {@code ramp-up}
 * @param duration length of the measured window, seconds (from its start to the latest record end;
 *     the silent warm-up left out)
 * @param requestCount responses recorded, OK plus KO
 * @param successCount OK responses
 * @param errorCount KO responses
 * @param metrics the seed's figures of the whole run
 * @param schemaVersion {@value #SCHEMA_VERSION} for documents this code writes; absent in a seed
 *     document
 * @param runId the run's folder name
 * @param simulation fully qualified simulation class
 * @param target base URL of the target without credentials, or {@code embedded}
 * @param startedAt start of the measured window, ISO-8601 UTC with milliseconds
 * @param endedAt run end, ISO-8601 UTC with milliseconds
 * @param warmUp the silent warm-up before the measured window, if the run had one
 * @param gatlingVersion version of Gatling that wrote the logs (comma-separated if they differ)
 * @param injectorCount logs merged into these figures, >= 1
 * @param partial true when a log ended early; the figures cover the records before
 * @param partialReason why the figures are partial; absent otherwise
 * @param verdict the overall tier: the worst of {@code verdicts}
 * @param verdicts every tiered verdict, SLO metrics first
 * @param percentilesExtra P75 and P90 of the whole run, ms
 * @param latencyDistribution the whole run's percentile distribution (HdrHistogram's percentile
 *     iteration), for the HTML report's percentile plot; empty in older documents
 * @param requests per request name, first-seen order
 * @param groups per group, first-seen order
 * @param errors error messages, most frequent first
 * @param timeline one entry per second, no gaps
 * @param gatlingReport path of Gatling's HTML report relative to this document, if kept
 * @param gatlingAssertions Gatling's own assertion outcomes, if known
 * @param injectorHealth how loaded the injector was, if sampled
 * @param baselineComparison the comparison with a baseline run, when the run was compared
 * @param extra model-specific data (soak, spike recovery, merge), keyed by model
 * @param stoppedEarly the live monitor's stop rule that ended the run early; absent for a run that
 *     was not stopped (so such documents are unchanged)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "test_name",
  "duration",
  "request_count",
  "success_count",
  "error_count",
  "metrics",
  "schema_version",
  "run_id",
  "simulation",
  "target",
  "started_at",
  "ended_at",
  "warm_up",
  "gatling_version",
  "injector_count",
  "partial",
  "partial_reason",
  "stopped_early",
  "verdict",
  "verdicts",
  "percentiles_extra",
  "latency_distribution",
  "requests",
  "groups",
  "errors",
  "timeline",
  "gatling_report",
  "gatling_assertions",
  "injector_health",
  "baseline_comparison",
  "extra"
})
public record ResultDocument(
    String testName,
    double duration,
    long requestCount,
    long successCount,
    long errorCount,
    Metrics metrics,
    String schemaVersion,
    String runId,
    String simulation,
    String target,
    String startedAt,
    String endedAt,
    WarmUp warmUp,
    String gatlingVersion,
    Integer injectorCount,
    boolean partial,
    String partialReason,
    Tier verdict,
    List<Verdict> verdicts,
    PercentilesExtra percentilesExtra,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DistributionPoint> latencyDistribution,
    List<StatsEntry> requests,
    List<StatsEntry> groups,
    List<ErrorEntry> errors,
    List<TimelineEntry> timeline,
    String gatlingReport,
    GatlingAssertions gatlingAssertions,
    InjectorHealth injectorHealth,
    BaselineComparison baselineComparison,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, JsonNode> extra,
    StoppedEarly stoppedEarly) {

  /** The version of the document format this code writes; see {@code docs/result-format.md}. */
  public static final String SCHEMA_VERSION = "1.1";

  public ResultDocument {
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    latencyDistribution =
        latencyDistribution == null ? List.of() : List.copyOf(latencyDistribution);
    requests = requests == null ? List.of() : List.copyOf(requests);
    groups = groups == null ? List.of() : List.copyOf(groups);
    errors = errors == null ? List.of() : List.copyOf(errors);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    extra = extra == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(extra));
  }

  /**
   * This document with {@code more} verdicts appended and the overall verdict recomputed: how a
   * later step (baseline comparison, soak analysis) adds its own.
   */
  public ResultDocument withAddedVerdicts(List<Verdict> more) {
    List<Verdict> all = new ArrayList<>(verdicts);
    all.addAll(more);
    Tier overall = Tier.worstOf(all.stream().map(Verdict::tier).toList());
    GatlingAssertions reconciled =
        gatlingAssertions == null ? null : gatlingAssertions.reconciledWith(all);
    return copy(overall, all, reconciled, injectorHealth, baselineComparison, extra);
  }

  /** This document with {@code extra[key]} set (replaced if present). */
  public ResultDocument withExtra(String key, JsonNode value) {
    Map<String, JsonNode> merged = new TreeMap<>(extra);
    merged.put(key, value);
    return copy(verdict, verdicts, gatlingAssertions, injectorHealth, baselineComparison, merged);
  }

  /** This document with the injector's health set. */
  public ResultDocument withInjectorHealth(InjectorHealth health) {
    return copy(verdict, verdicts, gatlingAssertions, health, baselineComparison, extra);
  }

  /**
   * This document compared with a baseline: the comparison set and its regression verdicts joined
   * to the run's own (the overall verdict recomputed).
   */
  public ResultDocument withBaselineComparison(BaselineComparison comparison) {
    ResultDocument judged = withAddedVerdicts(comparison.verdicts());
    return judged.copy(
        judged.verdict,
        judged.verdicts,
        judged.gatlingAssertions,
        judged.injectorHealth,
        comparison,
        judged.extra);
  }

  private ResultDocument copy(
      Tier newVerdict,
      List<Verdict> newVerdicts,
      GatlingAssertions newAssertions,
      InjectorHealth newHealth,
      BaselineComparison newComparison,
      Map<String, JsonNode> newExtra) {
    return new ResultDocument(
        testName,
        duration,
        requestCount,
        successCount,
        errorCount,
        metrics,
        schemaVersion,
        runId,
        simulation,
        target,
        startedAt,
        endedAt,
        warmUp,
        gatlingVersion,
        injectorCount,
        partial,
        partialReason,
        newVerdict,
        newVerdicts,
        percentilesExtra,
        latencyDistribution,
        requests,
        groups,
        errors,
        timeline,
        gatlingReport,
        newAssertions,
        newHealth,
        newComparison,
        newExtra,
        stoppedEarly);
  }

  /**
   * The silent warm-up before the measured window: left out of every other figure.
   *
   * @param runStartedAt Gatling's own run start, ISO-8601 UTC with milliseconds
   * @param duration seconds from the first warm-up user's start to the measured window's start
   * @param users warm-up users (sessions and probes) the log shows
   * @param rate configured warm-up rate over all injectors, req/s; absent when unknown
   * @param requests silent requests sent: as counted by the warm-up service when it was a separate
   *     embedded instance, else planned (rate times length); absent when unknown
   * @param target where the warm-up went, without credentials; absent when unknown
   * @param recordsLeftOut records logged during the warm-up and left out of the figures
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "run_started_at",
    "duration",
    "users",
    "rate",
    "requests",
    "target",
    "records_left_out"
  })
  public record WarmUp(
      String runStartedAt,
      double duration,
      long users,
      Double rate,
      Long requests,
      String target,
      long recordsLeftOut) {}

  /**
   * This document marked as stopped early by {@code stop}, with its CRITICAL {@code verdict}
   * appended and the overall verdict recomputed.
   */
  public ResultDocument withStoppedEarly(StoppedEarly stop, Verdict verdict) {
    ResultDocument d = withAddedVerdicts(List.of(verdict));
    return new ResultDocument(
        d.testName,
        d.duration,
        d.requestCount,
        d.successCount,
        d.errorCount,
        d.metrics,
        d.schemaVersion,
        d.runId,
        d.simulation,
        d.target,
        d.startedAt,
        d.endedAt,
        d.warmUp,
        d.gatlingVersion,
        d.injectorCount,
        d.partial,
        d.partialReason,
        d.verdict,
        d.verdicts,
        d.percentilesExtra,
        d.latencyDistribution,
        d.requests,
        d.groups,
        d.errors,
        d.timeline,
        d.gatlingReport,
        d.gatlingAssertions,
        d.injectorHealth,
        d.baselineComparison,
        d.extra,
        stop);
  }

  /**
   * The stop rule that ended a run early (the live monitor, {@code phantom.live.stop}).
   *
   * @param rule the setting that fired, e.g. {@code phantom.live.stop.sustained.error-rate}
   * @param metric the verdict metric it watches, e.g. {@code error_rate}
   * @param logic {@code every-second} or {@code window}
   * @param window the window as configured, in the model's own time (the soak's is simulated)
   * @param windowSeconds the window on the wall clock, whole seconds
   * @param windowFrom first second of the CRITICAL window, ISO-8601 UTC
   * @param windowTo end of that window (exclusive), ISO-8601 UTC
   * @param firedAt when the monitor decided to stop, ISO-8601 UTC with milliseconds
   * @param firedAfterSeconds seconds from the run's start to {@code firedAt}
   * @param detail the window's CRITICAL verdict, e.g. {@code 0.5 > critical 0.05}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "rule",
    "metric",
    "logic",
    "window",
    "window_seconds",
    "window_from",
    "window_to",
    "fired_at",
    "fired_after_seconds",
    "detail"
  })
  public record StoppedEarly(
      String rule,
      String metric,
      String logic,
      String window,
      long windowSeconds,
      String windowFrom,
      String windowTo,
      String firedAt,
      double firedAfterSeconds,
      String detail) {}

  /**
   * The seed's {@code metrics} object: figures of the whole run.
   *
   * @param latencyMean mean response time, ms
   * @param latencyMin fastest response, ms
   * @param latencyMax slowest response, ms
   * @param latencyPercentiles P50, P95, P99, P99.9, ms
   * @param peakRps responses in the busiest whole second
   * @param avgRps responses divided by the duration, req/s
   * @param errorRate KO over all responses, fraction 0.0..1.0
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "latency_mean",
    "latency_min",
    "latency_max",
    "latency_percentiles",
    "peak_rps",
    "avg_rps",
    "error_rate"
  })
  public record Metrics(
      double latencyMean,
      double latencyMin,
      double latencyMax,
      LatencyPercentiles latencyPercentiles,
      long peakRps,
      double avgRps,
      double errorRate) {}

  /** The seed's {@code latency_percentiles}, ms (HdrHistogram: smallest v with p % &lt;= v). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"p50", "p95", "p99", "p999"})
  public record LatencyPercentiles(double p50, double p95, double p99, double p999) {}

  /** Percentiles of the whole run beyond the seed's, ms. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"p75", "p90"})
  public record PercentilesExtra(double p75, double p90) {}

  /**
   * One point of the percentile distribution.
   *
   * @param percentile 0 to 100
   * @param value the response time at that percentile, ms
   * @param count responses up to and including this point
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"percentile", "value", "count"})
  public record DistributionPoint(double percentile, double value, long count) {}

  /**
   * Counts and latencies of one request name or group; latencies in ms (a group's are its cumulated
   * response time).
   *
   * @param name the request or group name
   * @param group enclosing groups, outermost first; empty at top level
   * @param count OK plus KO
   * @param errorRate KO over count, fraction
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "name",
    "group",
    "count",
    "ok",
    "ko",
    "error_rate",
    "mean",
    "min",
    "max",
    "p50",
    "p75",
    "p90",
    "p95",
    "p99",
    "p999"
  })
  public record StatsEntry(
      String name,
      List<String> group,
      long count,
      long ok,
      long ko,
      double errorRate,
      double mean,
      double min,
      double max,
      double p50,
      double p75,
      double p90,
      double p95,
      double p99,
      double p999) {

    public StatsEntry {
      group = group == null ? List.of() : List.copyOf(group);
    }
  }

  /**
   * One error message.
   *
   * @param count occurrences
   * @param share count over all error occurrences of the run, fraction
   * @param kind the named group of a transport error ({@code timeout}, {@code connect_timeout},
   *     {@code connection_refused}, {@code connection_reset}; see {@code results.ErrorKind}); null
   *     (omitted) for other messages, e.g. failed checks
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"message", "count", "share", "kind"})
  public record ErrorEntry(
      String message,
      long count,
      double share,
      @JsonInclude(JsonInclude.Include.NON_NULL) String kind) {
    /** An entry of no transport-error group. */
    public ErrorEntry(String message, long count, double share) {
      this(message, count, share, null);
    }
  }

  /**
   * One wall-clock second.
   *
   * @param t seconds since the start of the run's first second, from 0
   * @param epochSecond the second, seconds since the epoch (UTC)
   * @param started requests started in this second
   * @param responses responses ended in this second
   * @param errors KO responses ended in this second
   * @param activeUsers virtual users alive during this second
   * @param p50 P50 of the responses ended in this second, ms; 0 if none (and in documents before
   *     schema 1.1)
   * @param p99 P99 of the responses ended in this second, ms; 0 if none
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "t",
    "epoch_second",
    "started",
    "responses",
    "errors",
    "active_users",
    "p50",
    "p99"
  })
  public record TimelineEntry(
      long t,
      long epochSecond,
      long started,
      long responses,
      long errors,
      long activeUsers,
      long p50,
      long p99) {}
}
