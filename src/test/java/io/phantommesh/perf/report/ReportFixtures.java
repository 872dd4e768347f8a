package io.phantommesh.perf.report;

import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.config.Threshold;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.ErrorCount;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.PercentilePoint;
import io.phantommesh.perf.results.RequestStats;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.TimelineSecond;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built inputs of the report tests, every figure derivable in plain sight.
 *
 * <p>The golden run: a 25 s smoke run started 2026-01-04T12:34:56.000Z (epoch 1767530096 s). Each
 * second ends 40 responses, except t=12 (60, 8 of them KO) and t=13 (20, 4 KO): 23 x 40 + 60 + 20 =
 * 1,000 responses, 12 KO, so error rate 12 / 1,000 = 0.012 (WARNING: between 1 % and 5 %), avg
 * 1,000 / 25 s = 40.00 req/s, peak 60 req/s (PASS: smoke floor is 20). Mean 45.25 ms rounds half-up
 * to 45.3 (PASS); P50 38 (PASS); P99 250 (WARNING: 200 < 250 <= 300); P99.9 800 (CRITICAL: > 750).
 * Overall CRITICAL. Per-second P50: 30 ms, 45 ms in t=12 and 300 ms in t=13. Its percentile
 * distribution: 0 % at the minimum 2 ms, 50 % at 38, 99 % at 250, 99.9 % at 800, 100 % at the
 * maximum 900 ms (counts 1, 500, 990, 999, 1,000).
 */
public final class ReportFixtures {
  /** 2026-01-04T12:34:56.000Z. */
  static final long START_MILLIS = 1_767_530_096_000L;

  public static final long START_SECOND = START_MILLIS / 1000;
  static final String GATLING = "3.15.1";
  public static final String SIMULATION = "io.phantommesh.perf.simulation.SmokeSimulation";

  private ReportFixtures() {}

  /** The seed's tiered targets (load-test-harness-summary), with the given peak req/s floor. */
  public static SloSettings seedSlo(double peakTarget, double peakCritical) {
    return new SloSettings(
        new Threshold(100, 150),
        new Threshold(50, 75),
        new Threshold(200, 300),
        new Threshold(500, 750),
        new Threshold(0.01, 0.05),
        new Threshold(peakTarget, peakCritical));
  }

  /** The seed's targets: peak req/s floor 1,000 / 800. */
  public static SloSettings seedSlo() {
    return seedSlo(1000, 800);
  }

  /** The smoke model's targets: the seed's, peak req/s floor 20 / 10 (reference.conf). */
  public static SloSettings smokeSlo() {
    return seedSlo(20, 10);
  }

  static LatencyStats latency(
      long count,
      long min,
      long max,
      double mean,
      long p50,
      long p75,
      long p90,
      long p95,
      long p99,
      long p999) {
    return new LatencyStats(count, min, max, mean, p50, p75, p90, p95, p99, p999);
  }

  static RunInfo runInfo() {
    return new RunInfo(
        GATLING, SIMULATION, START_MILLIS, "", List.of("health probe", "vpn session"), 5);
  }

  /** The golden run described in the class comment. */
  public static RunStatistics goldenStats() {
    RequestStats global =
        new RequestStats(
            "all", List.of(), 988, 12, latency(1000, 2, 900, 45.25, 38, 52, 95, 120, 250, 800));
    List<RequestStats> requests =
        List.of(
            new RequestStats(
                "register peer",
                List.of("vpn session"),
                400,
                0,
                latency(400, 2, 120, 30.0, 28, 35, 50, 60, 100, 120)),
            new RequestStats(
                "open tunnel",
                List.of("vpn session"),
                392,
                8,
                latency(400, 5, 900, 62.5, 50, 70, 110, 150, 300, 850)),
            // A hostile name: it must not break a Markdown table or the XML.
            new RequestStats(
                "<script>|x",
                List.of(),
                196,
                4,
                latency(200, 3, 400, 41.25, 35, 45, 60, 80, 200, 400)));
    List<RequestStats> groups =
        List.of(
            new RequestStats(
                "vpn session",
                List.of(),
                792,
                8,
                latency(800, 8, 1020, 92.75, 80, 105, 160, 210, 400, 960)));
    List<ErrorCount> errors =
        List.of(
            new ErrorCount("status.find.in(200,201), found 500", 8),
            new ErrorCount("j.n.ConnectException: Connection refused <b>|*x*</b> & more", 4));
    List<TimelineSecond> timeline = new ArrayList<>();
    for (int t = 0; t < 25; t++) {
      long responses = t == 12 ? 60 : t == 13 ? 20 : 40;
      long errorsInSecond = t == 12 ? 8 : t == 13 ? 4 : 0;
      long users = t == 12 ? 15 : 10;
      long p99 = t == 12 ? 250 : t == 13 ? 900 : 80;
      long p50 = t == 12 ? 45 : t == 13 ? 300 : 30;
      timeline.add(
          new TimelineSecond(
              START_SECOND + t, responses, responses, errorsInSecond, users, p50, p99));
    }
    return new RunStatistics(
        List.of(runInfo()),
        START_MILLIS,
        START_MILLIS + 25_000,
        global,
        requests,
        groups,
        errors,
        timeline,
        60,
        40.0,
        false,
        "",
        START_MILLIS,
        null,
        List.of(
            new PercentilePoint(0, 2, 1),
            new PercentilePoint(50, 38, 500),
            new PercentilePoint(99, 250, 990),
            new PercentilePoint(99.9, 800, 999),
            new PercentilePoint(100, 900, 1000)));
  }

  /** The golden run's metadata: embedded target, Gatling report kept, Gatling said P99 passed. */
  public static RunMetadata goldenMeta() {
    return RunMetadata.of("smokesimulation-20260104123456000", "smoke", null, "embedded")
        .withGatlingReport("gatling/index.html")
        .withGatlingAssertions(
            GatlingAssertions.of(
                false,
                List.of(
                    new GatlingAssertions.Outcome(
                        VerdictEvaluator.LATENCY_P99,
                        "Global: 99th percentile of response time is less than 200.0",
                        true),
                    new GatlingAssertions.Outcome(
                        VerdictEvaluator.ERROR_RATE,
                        "Global: percentage of failed events is less than 1.0",
                        false))));
  }

  /** The golden run's document. */
  public static ResultDocument goldenDocument() {
    RunStatistics stats = goldenStats();
    return ResultAssembler.assemble(
        stats, goldenMeta(), VerdictEvaluator.evaluate(stats, smokeSlo()));
  }

  /**
   * A one-request-name run with the given global figures: for boundary tests.
   *
   * @param ok OK responses
   * @param ko KO responses
   * @param peakRps responses in the busiest second
   */
  public static RunStatistics statsWith(
      double meanMillis, long p50, long p99, long p999, long ok, long ko, long peakRps) {
    LatencyStats l = latency(ok + ko, 1, p999, meanMillis, p50, p50, p99, p99, p99, p999);
    RequestStats global = new RequestStats("all", List.of(), ok, ko, l);
    return new RunStatistics(
        List.of(runInfo()),
        START_MILLIS,
        START_MILLIS + 10_000,
        global,
        List.of(new RequestStats("health", List.of(), ok, ko, l)),
        List.of(),
        ko == 0 ? List.of() : List.of(new ErrorCount("status.find.is(200), found 503", ko)),
        List.of(),
        peakRps,
        (ok + ko) / 10.0,
        false,
        "");
  }

  /**
   * A run on loopback faster than Gatling's 1 ms resolution: mean 0.2 ms, P50 and P95 0 ms (logged
   * as 0), P99 2 ms, P99.9 8 ms.
   */
  public static ResultDocument subMillisecondDocument() {
    RunStatistics stats = statsWith(0.2, 0, 2, 8, 10_000, 0, 1200);
    return ResultAssembler.assemble(
        stats,
        RunMetadata.of("fast", "smoke", null, "embedded"),
        VerdictEvaluator.evaluate(stats, seedSlo()));
  }

  /** A run in which every figure passes the seed's targets. */
  public static RunStatistics passingStats() {
    return statsWith(45.0, 38, 150, 400, 10_000, 0, 1200);
  }

  /** A run that recorded nothing (the target never answered, or the log was empty). */
  public static RunStatistics emptyStats() {
    return new RunStatistics(
        List.of(runInfo()),
        START_MILLIS,
        START_MILLIS,
        new RequestStats("all", List.of(), 0, 0, LatencyStats.empty()),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        0,
        0.0,
        true,
        "simulation.log ended after the Run record");
  }
}
