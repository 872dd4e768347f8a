package io.phantommesh.perf.testsupport;

import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RequestStats;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.TimelineSecond;
import java.util.List;

/**
 * Hand-built figures of one complete run for the analysis and pipeline tests: 100 requests, none
 * KO, peak 100 req/s, 10 req/s on average, no request names, groups or errors. Test support.
 */
public final class OneRunStatistics {
  private OneRunStatistics() {}

  /**
   * @param gatlingVersion the log's Gatling version
   * @param simulation the simulation class
   * @param startSecond epoch second of the run's (and the measured window's) start
   * @param endSecond epoch second of its last record
   * @param latency the figures of every request
   * @param timeline per second, possibly empty
   */
  public static RunStatistics of(
      String gatlingVersion,
      String simulation,
      long startSecond,
      long endSecond,
      LatencyStats latency,
      List<TimelineSecond> timeline) {
    return new RunStatistics(
        List.of(new RunInfo(gatlingVersion, simulation, startSecond * 1000, "", List.of("s"), 0)),
        startSecond * 1000,
        endSecond * 1000,
        new RequestStats("all", List.of(), 100, 0, latency),
        List.of(),
        List.of(),
        List.of(),
        timeline,
        100,
        10,
        false,
        "");
  }
}
