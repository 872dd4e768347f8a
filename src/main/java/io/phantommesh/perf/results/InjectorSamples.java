package io.phantommesh.perf.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the Gatling JVM measured of itself over the measured part of a run (warm-up left out): its
 * process CPU, garbage collection, heap, and how late its event loops ran scheduled work. Carried
 * from the Gatling JVM to the report pipeline in the run's sidecar ({@code injector_samples}).
 *
 * <p>Immutable. Late arrivals are estimated from event-loop lag: a probe on each Gatling event loop
 * reschedules itself every probe period and notes how late it ran. Work scheduled during a lag of
 * {@code L} ms (user arrivals included: Gatling schedules them on the same loops) starts up to
 * {@code L} ms late, so the share of scheduled instants that ran at least {@code T} ms late is the
 * sum of {@code max(0, L - T)} over the probes divided by the probed time.
 *
 * @param cores processors the JVM may use ({@code availableProcessors}), >= 1
 * @param wallMillis length of the measured window, ms, >= 0
 * @param cpuMillis process CPU time (all threads, user + system) in the window, ms, >= 0
 * @param cpuPercentMax busiest one-second sample, percent of all cores, 0..100
 * @param gcMillis time spent in garbage collection in the window, ms, >= 0
 * @param gcCount collections in the window, >= 0
 * @param heapUsedMaxMb largest heap in use at a sample, MiB
 * @param heapAfterGcMaxMb largest heap left after a collection (the live set), MiB; 0 if none ran
 * @param heapLimitMb the heap's limit ({@code -Xmx}), MiB
 * @param eventLoops event loops probed, >= 0 (0: no probe ran, lag figures are 0)
 * @param lagProbes probe runs in the window, over all loops
 * @param lagP99Millis P99 of the probes' lateness, ms
 * @param lagMaxMillis worst probe lateness, ms
 * @param lateMillis sum over probes of {@code max(0, lag - lateThresholdMillis)}, ms
 * @param lateThresholdMillis lateness from which an arrival counts as late, ms, > 0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "cores",
  "wall_millis",
  "cpu_millis",
  "cpu_percent_max",
  "gc_millis",
  "gc_count",
  "heap_used_max_mb",
  "heap_after_gc_max_mb",
  "heap_limit_mb",
  "event_loops",
  "lag_probes",
  "lag_p99_millis",
  "lag_max_millis",
  "late_millis",
  "late_threshold_millis"
})
@JsonIgnoreProperties(ignoreUnknown = true)
public record InjectorSamples(
    int cores,
    long wallMillis,
    long cpuMillis,
    double cpuPercentMax,
    long gcMillis,
    long gcCount,
    double heapUsedMaxMb,
    double heapAfterGcMaxMb,
    double heapLimitMb,
    int eventLoops,
    long lagProbes,
    double lagP99Millis,
    double lagMaxMillis,
    double lateMillis,
    double lateThresholdMillis) {

  /** Mean process CPU over the window, percent of all cores; 0 for an empty window. */
  public double cpuPercentAvg() {
    return wallMillis <= 0 ? 0 : 100.0 * cpuMillis / ((double) wallMillis * Math.max(1, cores));
  }

  /** Garbage-collection time, percent of the window's wall time; 0 for an empty window. */
  public double gcPercent() {
    return wallMillis <= 0 ? 0 : 100.0 * gcMillis / wallMillis;
  }

  /**
   * Estimated share of arrivals that started at least {@link #lateThresholdMillis} late, percent; 0
   * when no loop was probed.
   */
  public double lateArrivalsPercent() {
    if (eventLoops <= 0 || wallMillis <= 0) {
      return 0;
    }
    return Math.min(100.0, 100.0 * lateMillis / ((double) wallMillis * eventLoops));
  }
}
