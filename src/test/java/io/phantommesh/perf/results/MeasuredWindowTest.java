package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator measures the window after a silent warm-up: warm-up users never count, and the
 * measured start is the first measured user's start, found in the log alone.
 */
class MeasuredWindowTest {
  /** A whole second: wall-clock seconds below are counted from it. */
  private static final long T0 = 1_700_000_000_000L;

  private static final long S = T0 / 1000;

  @TempDir Path dir;

  private Path runFolder(String name, long start, Consumer<SimulationLogWriter> records)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    // scenario 0 measured, 1 its warm-up twin, as the simulations name them
    RunInfo run =
        new RunInfo(
            "3.15.1",
            "sim.Tiny",
            start,
            "",
            List.of("vpn-session", WarmUpWindow.warmUpScenario("vpn-session")),
            0);
    try (SimulationLogWriter w =
        SimulationLogWriter.create(folder.resolve("simulation.log"), run, List.of())) {
      records.accept(w);
    }
    return folder;
  }

  /**
   * Warm-up users every 500 ms from 0 to 9,500 ms (20 users, each 300 ms long, silent requests:
   * nothing logged), then measured users at 10,200 and 10,700 ms with 4 requests, the last ending
   * at 13,200 ms.
   */
  private Path warmedRun(String name, long start, boolean warmUpError) throws IOException {
    return runFolder(
        name,
        start,
        w -> {
          for (int t = 0; t < 10_000; t += 500) {
            w.writeUser(1, true, t);
            w.writeUser(1, false, t + 300);
          }
          if (warmUpError) {
            w.writeError("crash in a warm-up session", 9_900);
          }
          w.writeUser(0, true, 10_200);
          w.writeRequest(List.of(), "a", 10_200, 10_250, true, "");
          w.writeRequest(List.of(), "a", 10_300, 11_300, true, "");
          w.writeUser(0, true, 10_700);
          w.writeRequest(List.of(), "b", 10_700, 12_000, false, "boom");
          w.writeUser(0, false, 11_300);
          w.writeRequest(List.of(), "a", 12_100, 13_200, true, "");
          w.writeUser(0, false, 13_200);
        });
  }

  @Test
  void theWindowStartsAtTheFirstMeasuredUserAndLastsToTheLastRecord() throws IOException {
    RunStatistics stats = RunAggregator.aggregate(List.of(warmedRun("one", T0, false)));

    assertThat(stats.runStartEpochMillis()).isEqualTo(T0);
    assertThat(stats.startEpochMillis()).isEqualTo(T0 + 10_200);
    assertThat(stats.endEpochMillis()).isEqualTo(T0 + 13_200);
    assertThat(stats.durationSeconds()).isEqualTo(3.0);
    assertThat(stats.global().count()).isEqualTo(4);
    // 4 responses over 3.0 s
    assertThat(stats.avgRps()).isEqualTo(4 / 3.0);
  }

  @Test
  void theTimelineHoldsNoWarmUpSecondAndNoWarmUpUser() throws IOException {
    RunStatistics stats = RunAggregator.aggregate(List.of(warmedRun("one", T0, false)));

    assertThat(stats.timeline())
        .extracting(TimelineSecond::epochSecond)
        .containsExactly(S + 10, S + 11, S + 12, S + 13);
    // second 10: both measured users alive; 11: the second ends at .300; 12, 13: one left
    assertThat(stats.timeline())
        .extracting(TimelineSecond::activeUsers)
        .containsExactly(2L, 2L, 1L, 1L);
    assertThat(stats.timeline())
        .extracting(TimelineSecond::responses)
        .containsExactly(1L, 1L, 1L, 1L);
  }

  @Test
  void theWarmUpIsDescribedFromTheLogAlone() throws IOException {
    RunStatistics stats = RunAggregator.aggregate(List.of(warmedRun("one", T0, true)));

    assertThat(stats.warmUp()).isEqualTo(new WarmUpWindow(20, T0, T0 + 10_200, 1));
    assertThat(stats.warmUp().durationSeconds()).isEqualTo(10.2);
    // the warm-up's error record is left out of the figures
    assertThat(stats.errors()).extracting(ErrorCount::message).containsExactly("boom");
  }

  @Test
  void aRunWithoutWarmUpIsMeasuredFromItsRunStart() throws IOException {
    Path folder =
        runFolder(
            "cold",
            T0 + 500,
            w -> {
              w.writeUser(0, true, 100);
              w.writeRequest(List.of(), "a", 100, 200, true, "");
              w.writeUser(0, false, 1_500);
            });

    RunStatistics stats = RunAggregator.aggregate(List.of(folder));

    assertThat(stats.startEpochMillis()).isEqualTo(T0 + 500);
    assertThat(stats.runStartEpochMillis()).isEqualTo(T0 + 500);
    assertThat(stats.warmUp().happened()).isFalse();
    assertThat(stats.durationSeconds()).isEqualTo(1.5);
  }

  @Test
  void severalInjectorsAreMeasuredFromTheEarliestMeasuredStart() throws IOException {
    Path a = warmedRun("a", T0, false);
    // injector b started 2 s later: its warm-up overlaps a's measured window and never counts
    Path b = warmedRun("b", T0 + 2_000, false);

    RunStatistics stats = RunAggregator.aggregate(List.of(a, b));

    assertThat(stats.startEpochMillis()).isEqualTo(T0 + 10_200);
    assertThat(stats.endEpochMillis()).isEqualTo(T0 + 15_200);
    assertThat(stats.global().count()).isEqualTo(8);
    assertThat(stats.warmUp().users()).isEqualTo(40);
    assertThat(stats.timeline().get(0).epochSecond()).isEqualTo(S + 10);
    // second 12: a's last user and b's two (started at 12.2 and 12.7)
    assertThat(stats.timeline().get(2).activeUsers()).isEqualTo(3);
  }
}
