package io.phantommesh.perf.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.Step;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live line: every field the issue lists, in a fixed order. */
class LiveLineTest {
  private static final WindowFigures WINDOW =
      new WindowFigures(
          100, 110, 9_990, 10, 1_002, new LatencyStats(9_990, 1, 80, 3.2, 2, 3, 5, 7, 12, 40));

  private static LiveSnapshot snapshot(String clock, String warning, boolean isFinal) {
    var stats = WINDOW.asRunStatistics();
    return new LiveSnapshot(
        "sustained",
        "hold 1000/s (2/2)",
        clock,
        Duration.ofSeconds(70),
        Duration.ofSeconds(1810),
        1000.0,
        999.0,
        WINDOW,
        70_000,
        VerdictEvaluator.evaluate(stats, SettingsLoader.fromMap(Map.of()).slo()),
        warning,
        300,
        isFinal,
        Optional.empty());
  }

  @Test
  void showsModelPhaseTimesRatesWindowTiersAndInjector() {
    String line = LiveLine.format(snapshot(null, null, false));
    assertThat(line)
        .isEqualTo(
            "phantom-mesh-perf live | sustained | hold 1000/s (2/2) | 0:01:10 of 0:30:10, ETA"
                + " 0:29:00 | asked 1000.0/s achieved 999.0/s | last 10s: P50 2 ms, P99 12 ms,"
                + " errors 0.10 % of 9990 | so far: mean PASS, p50 PASS, p99 PASS, p999 PASS,"
                + " errors PASS, peak PASS | injector ok");
  }

  @Test
  void theSoakClockTakesThePlaceOfPhaseAndTimesAndABottleneckIsFlagged() {
    String line =
        LiveLine.format(
            snapshot(
                "soak day 1 09:02 | peak | 640 users | elapsed 0:09:02 | ETA 1:02:58", "x", false));
    assertThat(line)
        .startsWith("phantom-mesh-perf live | sustained | soak day 1 09:02 | peak | 640 users")
        .doesNotContain("hold 1000/s")
        .endsWith("| injector BOTTLENECK");
  }

  @Test
  void aPercentileBelowGatlingsOneMillisecondReadsLessThanOne() {
    assertThat(LiveLine.wholeMillis(0)).isEqualTo("< 1");
    assertThat(LiveLine.wholeMillis(1)).isEqualTo("1");
    assertThat(LiveLine.wholeMillis(250)).isEqualTo("250");
  }

  @Test
  void theFinalLineCoversTheWholeRun() {
    assertThat(LiveLine.format(snapshot(null, null, true)))
        .startsWith("phantom-mesh-perf live (final) | ")
        .contains("| whole run: P50 2 ms");
  }

  @Test
  void thePhaseFollowsThePlan() {
    LoadPlan plan =
        new LoadPlan(
            "r",
            List.of(
                new Step.Ramp(0, 1000, Duration.ofSeconds(10)),
                new Step.Ramp(1000, 1000, Duration.ofSeconds(60))));
    assertThat(LiveMonitor.phaseAt(plan, Duration.ofSeconds(5))).isEqualTo("ramp 0->1000/s (1/2)");
    assertThat(LiveMonitor.phaseAt(plan, Duration.ofSeconds(11))).isEqualTo("hold 1000/s (2/2)");
    assertThat(LiveMonitor.phaseAt(plan, Duration.ofSeconds(71))).isEqualTo("draining");
  }
}
