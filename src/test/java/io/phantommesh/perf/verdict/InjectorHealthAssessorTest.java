package io.phantommesh.perf.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.phantommesh.perf.document.JsonResultRoundTripTest;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.MarkdownReportRenderer;
import io.phantommesh.perf.results.InjectorSamples;
import io.phantommesh.perf.run.RunSidecar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectorHealthAssessorTest {

  /**
   * A 10 s window on 2 cores: 6 s of CPU = 30 % of both cores; 200 ms GC = 2 %; 2 loops probed for
   * 10 s each (20,000 ms), 40 ms beyond the 5 ms threshold = 0.2 % late.
   */
  static InjectorSamples healthy() {
    return new InjectorSamples(
        2, 10_000, 6_000, 55.0, 200, 12, 300.0, 40.0, 2048.0, 2, 2_000, 2.5, 17.0, 40.0, 5.0);
  }

  @Test
  void derivesAveragesFromTheRawFigures() {
    InjectorSamples s = healthy();

    assertThat(s.cpuPercentAvg()).isCloseTo(30.0, within(1e-9));
    assertThat(s.gcPercent()).isCloseTo(2.0, within(1e-9));
    assertThat(s.lateArrivalsPercent()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void aHealthyInjectorGetsItsFiguresAndNoWarning() {
    InjectorHealth h = InjectorHealthAssessor.assess(List.of(healthy()));

    assertThat(h.warning()).isNull();
    assertThat(h.cpuPercentAvg()).isEqualTo(30.0);
    assertThat(h.cpuPercentMax()).isEqualTo(55.0);
    assertThat(h.gcTimeMs()).isEqualTo(200L);
    assertThat(h.gcTimePercent()).isEqualTo(2.0);
    assertThat(h.heapMaxMb()).isEqualTo(300.0);
    assertThat(h.heapLimitMb()).isEqualTo(2048.0);
    assertThat(h.cores()).isEqualTo(2);
    assertThat(h.lateArrivalsPercent()).isEqualTo(0.2);
    assertThat(h.lateThresholdMs()).isEqualTo(5.0);
    assertThat(h.eventLoopLagP99Ms()).isEqualTo(2.5);
    assertThat(h.eventLoopLagMaxMs()).isEqualTo(17.0);
  }

  @Test
  void warnsWhenArrivalsStartLate() {
    // 2 loops x 10 s = 20,000 ms probed; 1,000 ms late = 5 %
    InjectorSamples late = copy(healthy(), 6_000, 200, 40.0, 1_000.0);

    InjectorHealth h = InjectorHealthAssessor.assess(List.of(late));

    assertThat(h.warning())
        .startsWith("injector was the bottleneck: ")
        .contains("5.0 % of arrivals started 5 ms or more late (limit " + limit() + " %)");
  }

  @Test
  void warnsWhenTheCpuIsSaturated() {
    // 19 s of CPU in 10 s on 2 cores = 95 %
    InjectorHealth h =
        InjectorHealthAssessor.assess(List.of(copy(healthy(), 19_000, 200, 40.0, 40.0)));

    assertThat(h.warning()).contains("CPU averaged 95 % of 2 cores (limit 90 %)");
  }

  @Test
  void warnsWhenGcTakesATenthOfTheTime() {
    InjectorHealth h =
        InjectorHealthAssessor.assess(List.of(copy(healthy(), 6_000, 1_000, 40.0, 40.0)));

    assertThat(h.warning()).contains("GC took 10.0 % of the time (limit 10 %)");
  }

  @Test
  void warnsWhenTheLiveHeapNearsItsLimit() {
    InjectorHealth h =
        InjectorHealthAssessor.assess(List.of(copy(healthy(), 6_000, 200, 1_900.0, 40.0)));

    assertThat(h.warning()).contains("live heap at 93 % of its limit (limit 90 %)");
  }

  @Test
  void takesTheWorstFigureOfSeveralInjectors() {
    InjectorHealth h =
        InjectorHealthAssessor.assess(
            List.of(healthy(), copy(healthy(), 19_000, 200, 40.0, 1_000.0)));

    assertThat(h.cpuPercentAvg()).isEqualTo(95.0);
    assertThat(h.lateArrivalsPercent()).isEqualTo(5.0);
    assertThat(h.warning()).contains("CPU averaged").contains("arrivals started");
  }

  @Test
  void noSamplesMeansNoHealth() {
    assertThat(InjectorHealthAssessor.assess(List.of())).isNull();
  }

  @Test
  void withoutProbesTheLagFiguresAreLeftOut() {
    InjectorSamples s =
        new InjectorSamples(
            2, 10_000, 6_000, 55.0, 200, 12, 300.0, 40.0, 2048.0, 0, 0, 0, 0, 0, 5.0);

    InjectorHealth h = InjectorHealthAssessor.assess(List.of(s));

    assertThat(h.lateArrivalsPercent()).isNull();
    assertThat(h.eventLoopLagP99Ms()).isNull();
    assertThat(h.warning()).isNull();
  }

  @Test
  void samplesTravelThroughTheSidecarTyped(@org.junit.jupiter.api.io.TempDir Path dir) {
    RunSidecar.of("smoke", "x.SmokeSimulation", "embedded", 0, 1, Map.of())
        .withInjectorSamples(healthy())
        .write(dir);

    RunSidecar back = RunSidecar.read(dir).orElseThrow();
    assertThat(back.injectorSamples()).isEqualTo(healthy());
    assertThat(back.format()).isEqualTo(RunSidecar.FORMAT);
  }

  @Test
  void aSidecarWithoutSamplesHasNone(@org.junit.jupiter.api.io.TempDir Path dir) {
    RunSidecar.of("smoke", "x", "embedded", 0, 1, Map.of()).write(dir);

    assertThat(RunSidecar.read(dir).orElseThrow().injectorSamples()).isNull();
  }

  @Test
  void theReportShowsTheNewFigures() {
    InjectorHealth h =
        InjectorHealthAssessor.assess(List.of(copy(healthy(), 6_000, 200, 40.0, 1_000.0)));
    ResultDocument doc = JsonResultRoundTripTest.fullDocument().withInjectorHealth(h);

    String md = MarkdownReportRenderer.render(doc);

    assertThat(md).contains("> ⚠️ **Injector:** injector was the bottleneck: 5.0 % of arrivals");
    assertThat(md)
        .contains("| CPU average | 30.0 % of 2 cores |")
        .contains("| Late arrivals | 5.00 % started 5 ms or more late |")
        .contains("| Event-loop lag P99 / max | 2.5 / 17.0 ms |")
        .contains("| Heap max | 300.0 MiB of 2048 MiB |");
  }

  private static String limit() {
    double l = InjectorHealthAssessor.LATE_ARRIVALS_PERCENT;
    return String.format(java.util.Locale.ROOT, "%.0f", l);
  }

  private static InjectorSamples copy(
      InjectorSamples s, long cpuMillis, long gcMillis, double heapAfterGcMb, double lateMillis) {
    return new InjectorSamples(
        s.cores(),
        s.wallMillis(),
        cpuMillis,
        s.cpuPercentMax(),
        gcMillis,
        s.gcCount(),
        s.heapUsedMaxMb(),
        heapAfterGcMb,
        s.heapLimitMb(),
        s.eventLoops(),
        s.lagProbes(),
        s.lagP99Millis(),
        s.lagMaxMillis(),
        lateMillis,
        s.lateThresholdMillis());
  }
}
