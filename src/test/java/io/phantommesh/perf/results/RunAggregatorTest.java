package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.phantommesh.perf.results.SimulationLogException.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAggregatorTest {

  /** 2023-11-14T22:13:20.500Z: the run starts half-way through second S. */
  private static final long HALF_PAST = TinyLogs.START + 500;

  private static final long S = TinyLogs.START / 1000;

  @TempDir Path dir;

  private Path runFolder(
      String name, long start, List<String> scenarios, Consumer<SimulationLogWriter> records)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    RunInfo run = new RunInfo("3.15.1", "sim.Tiny", start, "", scenarios, 0);
    try (SimulationLogWriter w =
        SimulationLogWriter.create(folder.resolve("simulation.log"), run, List.of())) {
      records.accept(w);
    }
    return folder;
  }

  /**
   * Starts at S + 0.500 s. Offsets below are ms from there; "(S+1 .100)" is the wall-clock second
   * and millisecond. Response times: 100, 100, 200, 800, 10, 50, 100.
   */
  private Path sevenRequests() throws IOException {
    return runFolder(
        "seven",
        HALF_PAST,
        List.of("s"),
        w -> {
          w.writeUser(0, true, 0); //                                      u1 starts (S .500)
          w.writeRequest(List.of(), "a", 0, 100, true, ""); //             (S .500) -> (S .600)
          w.writeRequest(List.of(), "a", 600, 700, true, ""); //           (S+1 .100) -> (S+1 .200)
          w.writeRequest(List.of(), "b", 700, 900, false, "boom"); //      (S+1 .200) -> (S+1 .400)
          w.writeUser(0, false, 1000); //                                  u1 ends (S+1 .500)
          w.writeUser(0, true, 1400); //                                   u2 starts (S+1 .900)
          w.writeRequest(List.of(), "a", 800, 1600, true, ""); //          (S+1 .300) -> (S+2 .100)
          w.writeRequest(List.of(), "a", 1500, 1510, true, ""); //         (S+2 .000) -> (S+2 .010)
          w.writeRequest(List.of(), "b", 2400, 2450, true, ""); //         (S+2 .900) -> (S+2 .950)
          w.writeRequest(List.of(), "a", 2600, 2700, true, ""); //         (S+3 .100) -> (S+3 .200)
          w.writeUser(0, false, 2800); //                                  u2 ends (S+3 .300)
        });
  }

  @Test
  void countsAndLatenciesOfTheWholeRunAreHandDerivable() throws IOException {
    RunStatistics stats = RunAggregator.aggregate(List.of(sevenRequests()));

    // Sorted: 10, 50, 100, 100, 100, 200, 800. Rank ceil(p% * 7):
    // P50 -> 4th, P75 -> 6th, P90 and above -> 7th.
    assertThat(stats.global())
        .isEqualTo(
            new RequestStats(
                "all",
                List.of(),
                6,
                1,
                new LatencyStats(7, 10, 800, 1360 / 7.0, 100, 200, 800, 800, 800, 800)));
    assertThat(stats.startEpochMillis()).isEqualTo(HALF_PAST);
    assertThat(stats.endEpochMillis()).isEqualTo(HALF_PAST + 2800);
    assertThat(stats.durationSeconds()).isEqualTo(2.8);
    assertThat(stats.avgRps()).isCloseTo(7 / 2.8, within(1e-12));
    assertThat(stats.partial()).isFalse();
    assertThat(stats.partialReason()).isEmpty();
  }

  @Test
  void countsPerRequestNameInFirstSeenOrder() throws IOException {
    RunStatistics stats = RunAggregator.aggregate(List.of(sevenRequests()));

    assertThat(stats.requests())
        .extracting(RequestStats::name, RequestStats::okCount, RequestStats::koCount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 5L, 0L),
            org.assertj.core.groups.Tuple.tuple("b", 1L, 1L));
    // b: 200 and 50 ms
    assertThat(stats.requests().get(1).latency())
        .isEqualTo(new LatencyStats(2, 50, 200, 125.0, 50, 200, 200, 200, 200, 200));
  }

  @Test
  void timelineCountsEachWallClockSecond() throws IOException {
    RunStatistics stats = RunAggregator.aggregate(List.of(sevenRequests()));

    assertThat(stats.timeline())
        .containsExactly(
            // second, started, responses (by end), KO, users alive at some instant, P50, P99
            // (P50: the value at rank ceil(n / 2) of the second's responses)
            new TimelineSecond(S, 1, 1, 0, 1, 100, 100),
            new TimelineSecond(S + 1, 3, 2, 1, 2, 100, 200), // u1 ends, u2 starts: both alive
            new TimelineSecond(S + 2, 2, 3, 0, 1, 50, 800),
            new TimelineSecond(S + 3, 1, 1, 0, 1, 100, 100));
    // The percentile distribution ends at 100 % with the slowest response, every one counted.
    assertThat(stats.latencyDistribution()).isNotEmpty();
    assertThat(stats.latencyDistribution().get(stats.latencyDistribution().size() - 1))
        .isEqualTo(new io.phantommesh.perf.results.PercentilePoint(100.0, 800, 7));
  }

  @Test
  void peakRpsLeavesOutThePartialFirstAndLastSeconds() throws IOException {
    Path folder =
        runFolder(
            "edges",
            HALF_PAST,
            List.of("s"),
            w -> {
              for (int i = 0; i < 5; i++) {
                w.writeRequest(List.of(), "a", 100, 110 + i, true, ""); // 5 responses in S
              }
              w.writeRequest(List.of(), "a", 600, 610, true, ""); //       1 in S+1
              w.writeRequest(List.of(), "a", 1600, 1610, true, ""); //     1 in S+2
              for (int i = 0; i < 4; i++) {
                w.writeRequest(List.of(), "a", 2600, 2610 + i, true, ""); // 4 in S+3
              }
            });

    RunStatistics stats = RunAggregator.aggregate(List.of(folder));

    assertThat(stats.timeline())
        .extracting(TimelineSecond::responses)
        .containsExactly(5L, 1L, 1L, 4L);
    assertThat(stats.peakRps()).isEqualTo(1);
  }

  @Test
  void peakRpsOfARunOfTwoSecondsAtMostCountsEverySecond() throws IOException {
    Path folder =
        runFolder(
            "short",
            HALF_PAST,
            List.of("s"),
            w -> {
              w.writeRequest(List.of(), "a", 0, 10, true, "");
              w.writeRequest(List.of(), "a", 600, 610, true, "");
              w.writeRequest(List.of(), "a", 600, 620, true, "");
            });

    RunStatistics stats = RunAggregator.aggregate(List.of(folder));

    assertThat(stats.timeline()).extracting(TimelineSecond::responses).containsExactly(1L, 2L);
    assertThat(stats.peakRps()).isEqualTo(2);
  }

  @Test
  void groupsUseCumulatedResponseTimeAndKeepTheirEnclosingPath() throws IOException {
    Path folder =
        runFolder(
            "groups",
            TinyLogs.START,
            List.of("s"),
            w -> {
              w.writeRequest(List.of("outer", "inner"), "r", 0, 30, true, "");
              // Blocks lasted 100 and 120 ms, but only 30 and 40 ms were spent in requests.
              w.writeGroup(List.of("outer", "inner"), 0, 100, 30, true);
              w.writeGroup(List.of("outer"), 0, 120, 40, false);
            });

    RunStatistics stats = RunAggregator.aggregate(List.of(folder));

    assertThat(stats.groups())
        .containsExactly(
            new RequestStats(
                "inner",
                List.of("outer"),
                1,
                0,
                new LatencyStats(1, 30, 30, 30.0, 30, 30, 30, 30, 30, 30)),
            new RequestStats(
                "outer",
                List.of(),
                0,
                1,
                new LatencyStats(1, 40, 40, 40.0, 40, 40, 40, 40, 40, 40)));
    assertThat(stats.requests())
        .extracting(RequestStats::groupPath)
        .containsExactly(List.of("outer", "inner"));
    assertThat(stats.global().count()).isEqualTo(1); // groups are not requests
  }

  @Test
  void groupsErrorsByMessageMostFrequentFirst() throws IOException {
    Path folder =
        runFolder(
            "errors",
            TinyLogs.START,
            List.of("s"),
            w -> {
              w.writeRequest(List.of(), "a", 0, 1, false, "timeout");
              w.writeRequest(List.of(), "a", 0, 1, false, "500");
              w.writeRequest(List.of(), "a", 0, 1, false, "timeout");
              w.writeRequest(List.of(), "a", 0, 1, false, " "); // blank: no message, as in Gatling
              w.writeRequest(List.of(), "a", 0, 1, true, "");
              w.writeError("a: No attribute named 'x' is defined ", 2);
              w.writeError("400", 2);
            });

    RunStatistics stats = RunAggregator.aggregate(List.of(folder));

    assertThat(stats.errors())
        .containsExactly(
            new ErrorCount("timeout", 2),
            new ErrorCount("400", 1),
            new ErrorCount("500", 1),
            new ErrorCount("a: No attribute named 'x' is defined ", 1));
    assertThat(stats.global().koCount()).isEqualTo(4);
  }

  @Test
  void alignsInjectorsOnTheWallClock() throws IOException {
    // Injector B starts 1.5 s after A; each sends one 100 ms request 600 ms after its own start.
    Path a =
        runFolder(
            "a",
            TinyLogs.START,
            List.of("s"),
            w -> w.writeRequest(List.of(), "r", 600, 700, true, ""));
    Path b =
        runFolder(
            "b",
            TinyLogs.START + 1500,
            List.of("s"),
            w -> w.writeRequest(List.of(), "r", 600, 700, true, ""));

    RunStatistics stats = RunAggregator.aggregate(List.of(b, a));

    assertThat(stats.injectorCount()).isEqualTo(2);
    assertThat(stats.runs())
        .extracting(RunInfo::startEpochMillis)
        .containsExactly(TinyLogs.START, TinyLogs.START + 1500);
    assertThat(stats.startEpochMillis()).isEqualTo(TinyLogs.START);
    assertThat(stats.endEpochMillis()).isEqualTo(TinyLogs.START + 2200);
    // A's response ends at S .700, B's at S+2 .200.
    assertThat(stats.timeline()).extracting(TimelineSecond::responses).containsExactly(1L, 0L, 1L);
    assertThat(stats.global().count()).isEqualTo(2);
  }

  @Test
  void timelineGrowsBothWaysOverLongRunsReadInAnyOrder() throws IOException {
    // B starts 100 s after A and is read first; A then reaches 100 s back and 300 s forward.
    Path b =
        runFolder(
            "late",
            TinyLogs.START + 100_000,
            List.of("s"),
            w -> {
              w.writeUser(0, true, 0);
              w.writeRequest(List.of(), "r", 0, 5, true, "");
              w.writeUser(0, false, 10);
            });
    Path a =
        runFolder(
            "early",
            TinyLogs.START,
            List.of("s"),
            w -> {
              w.writeUser(0, true, 0);
              for (int second = 0; second < 300; second++) {
                w.writeRequest(List.of(), "r", second * 1000, second * 1000 + 7, true, "");
              }
              w.writeUser(0, false, 299_500);
            });
    RunAggregator aggregator = new RunAggregator();
    aggregator.add(b);
    aggregator.add(a);

    List<TimelineSecond> timeline = aggregator.result().timeline();

    assertThat(timeline).hasSize(300);
    assertThat(timeline.get(0).epochSecond()).isEqualTo(S);
    assertThat(timeline)
        .extracting(TimelineSecond::responses)
        .containsOnly(1L, 2L)
        .containsOnlyOnce(2L); // second 100 has A's and B's
    assertThat(timeline.get(100))
        .isEqualTo(new TimelineSecond(S + 100, 2, 2, 0, 2, 5, 7)); // P50 of A's 5 and B's 7 ms
    assertThat(timeline.get(299)).isEqualTo(new TimelineSecond(S + 299, 1, 1, 0, 1, 7, 7));
  }

  @Test
  void percentilesEqualABruteForceNearestRankOnRandomData() throws IOException {
    Random random = new Random(42);
    int n = 20_011;
    long[] values = new long[n];
    Path folder =
        runFolder(
            "random",
            TinyLogs.START,
            List.of("s"),
            w -> {
              for (int i = 0; i < n; i++) {
                // Log-normal-ish body up to a minute and a tail up to the end of the exact range.
                long v =
                    random.nextInt(100) == 0
                        ? random.nextInt((int) LatencyRecorder.EXACT_UP_TO_MILLIS + 1)
                        : (long) Math.min(60_000, Math.exp(random.nextGaussian() + 4));
                values[i] = v;
                int start = random.nextInt(30_000);
                w.writeRequest(List.of(), "r", start, (int) (start + v), true, "");
              }
            });

    LatencyStats latency = RunAggregator.aggregate(List.of(folder)).global().latency();

    long[] sorted = values.clone();
    Arrays.sort(sorted);
    assertThat(
            new long[] {
              latency.p50Millis(),
              latency.p75Millis(),
              latency.p90Millis(),
              latency.p95Millis(),
              latency.p99Millis(),
              latency.p999Millis()
            })
        .containsExactly(
            nearestRank(sorted, "50"),
            nearestRank(sorted, "75"),
            nearestRank(sorted, "90"),
            nearestRank(sorted, "95"),
            nearestRank(sorted, "99"),
            nearestRank(sorted, "99.9"));
    assertThat(latency.minMillis()).isEqualTo(sorted[0]);
    assertThat(latency.maxMillis()).isEqualTo(sorted[n - 1]);
    assertThat(latency.meanMillis())
        .isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-9));
  }

  @Test
  void perSecondP99EqualsABruteForceNearestRank() throws IOException {
    Random random = new Random(7);
    long[][] bySecond = new long[3][];
    Path folder =
        runFolder(
            "p99",
            TinyLogs.START,
            List.of("s"),
            w -> {
              for (int second = 0; second < 3; second++) {
                int count = 150 + 700 * second; // 150, 850, 1550 responses
                bySecond[second] = new long[count];
                for (int i = 0; i < count; i++) {
                  // Mostly under the dense limit, 5 % far above it.
                  int v =
                      random.nextInt(20) == 0
                          ? 1_000 + random.nextInt(90_000)
                          : random.nextInt(900);
                  bySecond[second][i] = v;
                  int end = second * 1000 + random.nextInt(1000);
                  w.writeRequest(List.of(), "r", end - v, end, true, "");
                }
              }
            });

    List<TimelineSecond> timeline = RunAggregator.aggregate(List.of(folder)).timeline();

    for (int second = 0; second < 3; second++) {
      long[] sorted = bySecond[second].clone();
      Arrays.sort(sorted);
      long epochSecond = S + second;
      TimelineSecond entry =
          timeline.stream().filter(t -> t.epochSecond() == epochSecond).findFirst().orElseThrow();
      assertThat(entry.responses()).isEqualTo(sorted.length);
      assertThat(entry.p99Millis()).as("second %d", second).isEqualTo(nearestRank(sorted, "99"));
    }
  }

  @Test
  void valuesBeyondTheExactRangeStayWithinTheStatedRelativeError() {
    LatencyRecorder recorder = new LatencyRecorder();
    long big = 3_600_000; // one hour
    recorder.record(big, true);
    recorder.record(big + 1, true);

    LatencyStats latency = recorder.latency();

    assertThat(latency.minMillis()).isEqualTo(big);
    assertThat(latency.maxMillis()).isEqualTo(big + 1);
    assertThat(latency.p50Millis()).isBetween(big, (long) (big * (1 + Math.pow(2, -17))));
  }

  @Test
  void truncatedLogFailsStrictAggregation() throws IOException {
    Path folder = truncatedCopyOf(sevenRequests());

    SimulationLogException e =
        catchThrowableOfType(
            SimulationLogException.class, () -> RunAggregator.aggregate(List.of(folder)));

    assertThat(e.problem()).isEqualTo(Problem.TRUNCATED);
  }

  @Test
  void truncatedLogGivesPartialFiguresWhenAllowed() throws IOException {
    Path folder = truncatedCopyOf(sevenRequests());

    RunStatistics stats =
        RunAggregator.aggregate(List.of(folder), RunAggregator.Options.ALLOW_PARTIAL);

    assertThat(stats.partial()).isTrue();
    assertThat(stats.partialReason())
        .contains(
            "truncated at byte", "inside a Request record", "complete records before the cut");
    // The cut falls in the last request (a, S+3): the six before it are counted.
    assertThat(stats.global().count()).isEqualTo(6);
  }

  @Test
  void checksEveryLogsVersionBeforeReadingAnyRecord() throws IOException {
    Path good = sevenRequests();
    Path old = Files.createDirectories(dir.resolve("old"));
    Files.write(
        old.resolve("simulation.log"), LogBytes.log().run("3.13.5", TinyLogs.START, "s").bytes());

    assertThatThrownBy(() -> RunAggregator.aggregate(List.of(good, old)))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("Gatling 3.13.5");
  }

  @Test
  void refusesTheSameLogTwice() throws IOException {
    Path folder = sevenRequests();

    assertThatThrownBy(
            () -> RunAggregator.aggregate(List.of(folder, folder.resolve("simulation.log"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the same log was given twice");
  }

  @Test
  void refusesAnEmptyListOfRuns() {
    assertThatThrownBy(() -> RunAggregator.aggregate(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A copy of {@code folder}'s log without its last 7 bytes: the end of the last two records. */
  private Path truncatedCopyOf(Path folder) throws IOException {
    byte[] log = Files.readAllBytes(folder.resolve("simulation.log"));
    Path copy = Files.createDirectories(dir.resolve("truncated"));
    // Last records: Request a (S+3) then User end (10 bytes). Cutting 12 bytes ends inside the
    // Request's message reference.
    Files.write(copy.resolve("simulation.log"), Arrays.copyOf(log, log.length - 12));
    return copy;
  }

  /** The value at {@code percent} by nearest rank, computed with exact decimal arithmetic. */
  private static long nearestRank(long[] sorted, String percent) {
    BigDecimal rank =
        new BigDecimal(percent)
            .multiply(BigDecimal.valueOf(sorted.length))
            .divide(BigDecimal.valueOf(100))
            .setScale(0, RoundingMode.CEILING);
    return sorted[Math.max(1, rank.intValueExact()) - 1];
  }

  @Test
  void aLogReadWhileWrittenHasEmptyFiguresUntilItsFirstMeasuredUser() {
    // The live monitor reads a log as Gatling writes it: after the Run record and warm-up users,
    // the measured window has not begun, and the figures so far are empty, not an error.
    long start = 1_800_000_000_000L;
    RunInfo run =
        new RunInfo("3.16.0", "sim.Tiny", start, "", List.of("warm-up sessions", "sessions"), 0);
    RunAggregator aggregator = new RunAggregator();
    LogRecordVisitor visitor = aggregator.visitorOf(run);
    visitor.onRun(run);
    assertThat(aggregator.result().timeline()).isEmpty();
    visitor.onUser(0, "warm-up sessions", true, 10);
    RunStatistics duringWarmUp = aggregator.result();
    assertThat(duringWarmUp.timeline()).isEmpty();
    assertThat(duringWarmUp.global().count()).isZero();
    visitor.onUser(1, "sessions", true, 5_000);
    visitor.onRequest(List.of(), "r", 5_000, 5_004, true, "");
    RunStatistics measured = aggregator.result();
    assertThat(measured.startEpochMillis()).isEqualTo(start + 5_000);
    assertThat(measured.global().count()).isEqualTo(1);
    assertThat(measured.timeline()).hasSize(1);
  }
}
