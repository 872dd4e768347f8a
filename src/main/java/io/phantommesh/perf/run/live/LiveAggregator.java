package io.phantommesh.perf.run.live;

import io.phantommesh.perf.results.LogRecordVisitor;
import io.phantommesh.perf.results.RunAggregator;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Everything the live monitor knows of a run, fed record by record as the log is decoded: the run
 * so far (through the post-processor's own {@link RunAggregator}, so its figures are the result's
 * for the records read), the last seconds for the live windows, users alive, and how far the
 * decoder trails the records it reads.
 *
 * <p>Mutable, not thread-safe: the monitor calls it under its lock.
 */
final class LiveAggregator implements LogRecordVisitor {
  private final RunAggregator runSoFar = new RunAggregator();
  private final SecondBuckets seconds;
  private final LongSupplier wallClockMillis;
  private final LiveMetricsSink metrics;
  private final Histogram lagMillis = new Histogram(3_600_000L, 3);
  private LogRecordVisitor aggregate;
  private RunInfo run;
  private long runStart;
  private long newestEpochMillis = Long.MIN_VALUE;
  private long firstResponseEpochMillis = Long.MAX_VALUE;
  private long users;
  private long responses;

  /** Where request counts go as they are decoded (the Prometheus series), or nowhere. */
  interface LiveMetricsSink {
    void onRun(RunInfo run);

    void response(String request, boolean isOk, long millis);

    LiveMetricsSink NONE =
        new LiveMetricsSink() {
          @Override
          public void onRun(RunInfo run) {}

          @Override
          public void response(String request, boolean isOk, long millis) {}
        };
  }

  /**
   * @param ringSeconds seconds the windows can reach back, >= 2
   * @param wallClockMillis the wall clock, for the decoder's lag
   */
  LiveAggregator(int ringSeconds, LongSupplier wallClockMillis, LiveMetricsSink metrics) {
    this.seconds = new SecondBuckets(ringSeconds);
    this.wallClockMillis = wallClockMillis;
    this.metrics = metrics;
  }

  @Override
  public void onRun(RunInfo info) {
    run = info;
    runStart = info.startEpochMillis();
    aggregate = runSoFar.visitorOf(info);
    aggregate.onRun(info);
    metrics.onRun(info);
  }

  @Override
  public void onUser(
      int scenarioIndex, String scenario, boolean isStart, int timestampOffsetMillis) {
    aggregate.onUser(scenarioIndex, scenario, isStart, timestampOffsetMillis);
    users += isStart ? 1 : -1;
    seen(runStart + timestampOffsetMillis);
  }

  @Override
  public void onRequest(
      List<String> groupPath,
      String name,
      int startOffsetMillis,
      int endOffsetMillis,
      boolean isOk,
      String message) {
    aggregate.onRequest(groupPath, name, startOffsetMillis, endOffsetMillis, isOk, message);
    long end = runStart + endOffsetMillis;
    long millis = (long) endOffsetMillis - startOffsetMillis;
    seconds.record(end, millis, isOk);
    metrics.response(name, isOk, millis);
    responses++;
    firstResponseEpochMillis = Math.min(firstResponseEpochMillis, end);
    long lag = wallClockMillis.getAsLong() - end;
    lagMillis.recordValue(Math.max(0, Math.min(lag, lagMillis.getHighestTrackableValue())));
    seen(end);
  }

  @Override
  public void onGroup(
      List<String> groupPath,
      int startOffsetMillis,
      int endOffsetMillis,
      int cumulatedResponseTimeMillis,
      boolean isOk) {
    aggregate.onGroup(
        groupPath, startOffsetMillis, endOffsetMillis, cumulatedResponseTimeMillis, isOk);
    seen(runStart + endOffsetMillis);
  }

  @Override
  public void onError(String message, int timestampOffsetMillis) {
    aggregate.onError(message, timestampOffsetMillis);
    seen(runStart + timestampOffsetMillis);
  }

  private void seen(long epochMillis) {
    if (epochMillis > newestEpochMillis) {
      newestEpochMillis = epochMillis;
    }
  }

  /** The Run record, once the log's header has been read. */
  Optional<RunInfo> run() {
    return Optional.ofNullable(run);
  }

  /** The run so far as the post-processor would aggregate it; empty before the Run record. */
  Optional<RunStatistics> runSoFar() {
    return run == null ? Optional.empty() : Optional.of(runSoFar.result());
  }

  SecondBuckets seconds() {
    return seconds;
  }

  /** The latest instant any record read so far refers to, epoch ms; MIN_VALUE before any. */
  long newestEpochMillis() {
    return newestEpochMillis;
  }

  /** When the first response ended, epoch ms; MAX_VALUE before any. */
  long firstResponseEpochMillis() {
    return firstResponseEpochMillis;
  }

  long users() {
    return users;
  }

  long responses() {
    return responses;
  }

  /** Wall-clock time between a response's end and its decoding: P99 and max so far, ms. */
  long[] lagP99AndMaxMillis() {
    return lagMillis.getTotalCount() == 0
        ? new long[] {0, 0}
        : new long[] {lagMillis.getValueAtPercentile(99.0), lagMillis.getMaxValue()};
  }
}
