package io.phantommesh.perf.run.live;

import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RequestStats;
import io.phantommesh.perf.results.RunStatistics;
import java.util.List;

/**
 * Exact figures of the responses that ended in a window of whole wall-clock seconds.
 *
 * <p>Immutable.
 *
 * @param fromSecond first second of the window, epoch seconds
 * @param toSecond first second after it, epoch seconds
 * @param responses responses (OK and KO) that ended in the window
 * @param errors KO responses among them
 * @param peakSecondResponses responses of the window's busiest second
 * @param latency response times over OK and KO
 */
public record WindowFigures(
    long fromSecond,
    long toSecond,
    long responses,
    long errors,
    long peakSecondResponses,
    LatencyStats latency) {

  /** Window length, seconds. */
  public long seconds() {
    return toSecond - fromSecond;
  }

  /** KO over all, 0.0 when there were none. */
  public double errorRate() {
    return responses == 0 ? 0.0 : (double) errors / responses;
  }

  /** Responses per second over the window. */
  public double responsesPerSecond() {
    return (double) responses / seconds();
  }

  /**
   * These figures as run statistics, so the result's own {@code VerdictEvaluator} judges them: the
   * global request stats, and the busiest second as the peak.
   */
  public RunStatistics asRunStatistics() {
    return new RunStatistics(
        List.of(),
        fromSecond * 1000,
        toSecond * 1000,
        new RequestStats("all", List.of(), responses - errors, errors, latency),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        peakSecondResponses,
        responsesPerSecond(),
        false,
        "");
  }
}
