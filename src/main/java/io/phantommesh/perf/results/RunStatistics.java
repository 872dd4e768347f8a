package io.phantommesh.perf.results;

import java.util.List;

/**
 * Everything the post-processor knows of one run (or of several injectors' runs merged), exact to
 * the recorded millisecond.
 *
 * <p>Immutable. Produced by the aggregator from decoded {@code simulation.log} records; consumed by
 * the report writers.
 *
 * @param runs the header of each log read (one per injector), earliest start first
 * @param startEpochMillis start of the measured window: the earliest over all logs, each log's
 *     being its first measured user's start when it had a silent warm-up, its run start otherwise
 *     ({@link WarmUpWindow})
 * @param endEpochMillis latest record end over all logs
 * @param global every request of the run (name {@code "all"})
 * @param requests per request name (with its group path), in first-seen order
 * @param groups per group, in first-seen order
 * @param errors error messages, most frequent first
 * @param timeline one entry per wall-clock second from the first to the last, no gaps
 * @param peakRps responses in the busiest whole second (the first and last, partial seconds are
 *     left out when the run spans more than two)
 * @param avgRps responses divided by the measured window's duration in seconds
 * @param partial true when a log ended early (truncated); the figures cover the records before
 * @param partialReason why the figures are partial, empty otherwise
 * @param runStartEpochMillis earliest run start over all logs (Gatling's own start, warm-up
 *     included); equal to {@code startEpochMillis} for a run without warm-up
 * @param warmUp the silent warm-up the logs show, left out of every figure above
 * @param latencyDistribution percentile distribution of every response time ({@code global}),
 *     HdrHistogram's percentile iteration; empty when nothing was recorded
 */
public record RunStatistics(
    List<RunInfo> runs,
    long startEpochMillis,
    long endEpochMillis,
    RequestStats global,
    List<RequestStats> requests,
    List<RequestStats> groups,
    List<ErrorCount> errors,
    List<TimelineSecond> timeline,
    long peakRps,
    double avgRps,
    boolean partial,
    String partialReason,
    long runStartEpochMillis,
    WarmUpWindow warmUp,
    List<PercentilePoint> latencyDistribution) {

  public RunStatistics {
    warmUp = warmUp == null ? WarmUpWindow.none(startEpochMillis) : warmUp;
    latencyDistribution =
        latencyDistribution == null ? List.of() : List.copyOf(latencyDistribution);
    runs = List.copyOf(runs);
    requests = List.copyOf(requests);
    groups = List.copyOf(groups);
    errors = List.copyOf(errors);
    timeline = List.copyOf(timeline);
  }

  /** Figures of a run without warm-up or percentile distribution (hand-built in tests). */
  public RunStatistics(
      List<RunInfo> runs,
      long startEpochMillis,
      long endEpochMillis,
      RequestStats global,
      List<RequestStats> requests,
      List<RequestStats> groups,
      List<ErrorCount> errors,
      List<TimelineSecond> timeline,
      long peakRps,
      double avgRps,
      boolean partial,
      String partialReason) {
    this(
        runs,
        startEpochMillis,
        endEpochMillis,
        global,
        requests,
        groups,
        errors,
        timeline,
        peakRps,
        avgRps,
        partial,
        partialReason,
        startEpochMillis,
        WarmUpWindow.none(startEpochMillis),
        List.of());
  }

  /** Length of the measured window in seconds, from its start to the latest record end. */
  public double durationSeconds() {
    return Math.max(0, endEpochMillis - startEpochMillis) / 1000.0;
  }

  /** Number of injectors (logs) merged into these figures. */
  public int injectorCount() {
    return runs.size();
  }
}
