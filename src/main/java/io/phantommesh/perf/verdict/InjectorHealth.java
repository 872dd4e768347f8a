package io.phantommesh.perf.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How loaded the injector itself was during the run: an overloaded injector measures itself, not
 * the target.
 *
 * <p>Immutable. Every field is optional ({@code null} when not sampled) and left out of the JSON.
 *
 * @param cpuPercentAvg mean process CPU over the run, percent of all cores, 0..100
 * @param cpuPercentMax busiest sample, percent of all cores, 0..100
 * @param gcTimeMs total garbage-collection time, milliseconds, >= 0
 * @param heapMaxMb largest heap used, mebibytes, >= 0
 * @param warning one line for reviewers when the figures are suspect, e.g. "CPU above 90 %"
 * @param cores processors the injector JVM could use, >= 1
 * @param gcTimePercent garbage-collection time, percent of the measured wall time, 0..100
 * @param heapLimitMb the injector's heap limit, mebibytes
 * @param lateArrivalsPercent estimated share of arrivals that started at least {@code
 *     lateThresholdMs} late, percent, 0..100
 * @param lateThresholdMs lateness from which an arrival counts as late, milliseconds
 * @param eventLoopLagP99Ms P99 lateness of the injector's event loops, milliseconds
 * @param eventLoopLagMaxMs worst lateness of the injector's event loops, milliseconds
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "cpu_percent_avg",
  "cpu_percent_max",
  "gc_time_ms",
  "heap_max_mb",
  "warning",
  "cores",
  "gc_time_percent",
  "heap_limit_mb",
  "late_arrivals_percent",
  "late_threshold_ms",
  "event_loop_lag_p99_ms",
  "event_loop_lag_max_ms"
})
public record InjectorHealth(
    Double cpuPercentAvg,
    Double cpuPercentMax,
    Long gcTimeMs,
    Double heapMaxMb,
    String warning,
    Integer cores,
    Double gcTimePercent,
    Double heapLimitMb,
    Double lateArrivalsPercent,
    Double lateThresholdMs,
    Double eventLoopLagP99Ms,
    Double eventLoopLagMaxMs) {

  /** The first five figures only (the rest {@code null}). */
  public InjectorHealth(
      Double cpuPercentAvg, Double cpuPercentMax, Long gcTimeMs, Double heapMaxMb, String warning) {
    this(
        cpuPercentAvg,
        cpuPercentMax,
        gcTimeMs,
        heapMaxMb,
        warning,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
