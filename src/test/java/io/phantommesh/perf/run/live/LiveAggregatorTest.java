package io.phantommesh.perf.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.results.RunAggregator;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.SimulationLogReader;
import io.phantommesh.perf.results.SimulationLogWriter;
import io.phantommesh.perf.results.TimelineSecond;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live figures of a log read while it is being written equal the post-processor's figures of
 * the finished log: run so far, every second of the timeline, and a 10 s window against a plain
 * sort of the same responses.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveAggregatorTest {
  private static final long START = 1_764_590_400_250L; // not on a whole second, as real runs
  private static final int SECONDS = 20;

  /** One synthetic response. */
  private record Response(String name, int start, int end, boolean ok) {}

  @Test
  void liveFiguresOfAGrowingLogEqualTheFinishedLogsFigures(@TempDir Path dir) throws Exception {
    List<Response> responses = responses(new Random(42));
    Path log = dir.resolve("simulation.log");
    RunInfo run =
        new RunInfo(
            SimulationLogReader.SUPPORTED_GATLING_VERSION,
            "io.example.LiveSimulation",
            START,
            "",
            List.of("sessions"),
            0);
    SimulationLogWriter writer = SimulationLogWriter.create(log, run, List.of());
    LogTail tail = new LogTail(log, 5);
    LiveAggregator live =
        new LiveAggregator(120, System::currentTimeMillis, LiveAggregator.LiveMetricsSink.NONE);
    Thread reader =
        new Thread(
            () -> {
              try (SimulationLogReader r = SimulationLogReader.of(tail, log.toString())) {
                live.onRun(r.run());
                while (r.next(live)) {
                  // visit
                }
              }
            });
    reader.start();
    // The writer flushes whole 8 KiB blocks, cutting records anywhere, as Gatling's does.
    for (int i = 0; i < responses.size(); i++) {
      Response x = responses.get(i);
      if (i % 50 == 0) {
        writer.writeUser(0, true, x.start());
      }
      writer.writeRequest(
          List.of(), x.name(), x.start(), x.end(), x.ok(), x.ok() ? "" : "status 500");
      if (i % 500 == 0) {
        Thread.sleep(2);
      }
    }
    writer.close();
    tail.finish();
    reader.join(30_000);
    assertThat(reader.isAlive()).isFalse();

    RunStatistics finished = RunAggregator.aggregate(List.of(log));
    RunStatistics soFar = live.runSoFar().orElseThrow();
    assertThat(soFar.global()).isEqualTo(finished.global());
    assertThat(soFar.requests()).isEqualTo(finished.requests());
    assertThat(soFar.timeline()).isEqualTo(finished.timeline());
    assertThat(soFar.peakRps()).isEqualTo(finished.peakRps());
    assertThat(live.responses()).isEqualTo(finished.global().count()).isEqualTo(responses.size());

    for (TimelineSecond s : finished.timeline()) {
      WindowFigures w = live.seconds().window(s.epochSecond(), s.epochSecond() + 1);
      assertThat(w.responses()).as("second %d", s.epochSecond()).isEqualTo(s.responses());
      assertThat(w.errors()).as("second %d", s.epochSecond()).isEqualTo(s.errors());
      assertThat(w.latency().p99Millis()).as("second %d", s.epochSecond()).isEqualTo(s.p99Millis());
    }

    long from = START / 1000 + 5;
    WindowFigures w = live.seconds().window(from, from + 10);
    List<Long> times = new ArrayList<>();
    long ko = 0;
    for (Response x : responses) {
      long endSecond = Math.floorDiv(START + x.end(), 1000L);
      if (endSecond >= from && endSecond < from + 10) {
        times.add((long) x.end() - x.start());
        ko += x.ok() ? 0 : 1;
      }
    }
    times.sort(null);
    assertThat(w.responses()).isEqualTo(times.size());
    assertThat(w.errors()).isEqualTo(ko);
    assertThat(w.latency().p50Millis()).isEqualTo(nearestRank(times, 50));
    assertThat(w.latency().p99Millis()).isEqualTo(nearestRank(times, 99));
    assertThat(w.latency().p999Millis()).isEqualTo(nearestRank(times, 99.9));
    assertThat(w.latency().maxMillis()).isEqualTo(times.get(times.size() - 1));
  }

  /** Plain nearest rank: the smallest value with at least p % of values at or below it. */
  private static long nearestRank(List<Long> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }

  /** ~150 responses per second for 20 s, ends in order, 5 % KO, a slow tail past 1 s. */
  private static List<Response> responses(Random random) {
    List<Response> out = new ArrayList<>();
    int end = 0;
    for (int i = 0; end < SECONDS * 1000; i++) {
      end += random.nextInt(14);
      double u = random.nextDouble();
      int rt =
          u < 0.9
              ? random.nextInt(40)
              : u < 0.995 ? 40 + random.nextInt(900) : 1000 + random.nextInt(3000);
      out.add(
          new Response(
              i % 3 == 0 ? "open tunnel" : "health",
              Math.max(0, end - rt),
              end,
              random.nextDouble() >= 0.05));
    }
    return out;
  }
}
