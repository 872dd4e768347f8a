package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.phantommesh.perf.results.fixture.TinyLogSimulation;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the decoder, the writer and the merger to what the Gatling on the test classpath really
 * writes and reads: one forked run of {@link TinyLogSimulation} (a few seconds) and one forked
 * {@code reportsOnly} of a merged log. A Gatling upgrade that changes the format fails here.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SimulationLogGatlingCompatibilityTest {

  private static final Duration FORK_TIMEOUT = Duration.ofSeconds(120);
  private static final String KO_MESSAGE = "status.find.is(200), found 500";
  private static final String CRASH = "crash: No attribute named 'missing' is defined ";

  @TempDir static Path results;
  private static Path realRun;

  @BeforeAll
  static void runTinySimulationInGatling() throws IOException {
    GatlingProcess.Result run =
        GatlingProcess.run(
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            List.of("-s", TinyLogSimulation.class.getName(), "-rf", results.toString(), "-nr"),
            FORK_TIMEOUT,
            results.resolve("gatling-run.out"));
    assertThat(run.exitCode()).as("Gatling run failed:\n%s", run.tail(40)).isZero();
    try (Stream<Path> folders = Files.list(results)) {
      realRun = folders.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  private static byte[] committedFixture() throws IOException {
    try (InputStream in =
        SimulationLogGatlingCompatibilityTest.class.getResourceAsStream(
            "/fixtures/gatling-3.15.1/simulation.log")) {
      return in.readAllBytes();
    }
  }

  @Test
  void decodesTheLogOfARealGatlingRun() {
    RunStatistics stats = RunAggregator.aggregate(List.of(realRun));

    assertRunOfTinySimulation(stats);
  }

  @Test
  void decodesTheCommittedRealLog() throws IOException {
    Path folder = Files.createDirectories(results.resolve("committed"));
    Files.write(folder.resolve("simulation.log"), committedFixture());

    assertRunOfTinySimulation(RunAggregator.aggregate(List.of(folder)));
  }

  @Test
  void rewritesARealLogByteForByte() throws IOException {
    byte[] real = Files.readAllBytes(realRun.resolve("simulation.log"));

    assertThat(SimulationLogWriterTest.copy(real)).isEqualTo(real);
  }

  @Test
  void rewritesTheCommittedRealLogByteForByte() throws IOException {
    byte[] committed = committedFixture();

    assertThat(SimulationLogWriterTest.copy(committed)).isEqualTo(committed);
  }

  @Test
  void gatlingReportsOnlyRendersAMergedLogOfTwoInjectors() throws IOException {
    // A second "injector": the same records, started 700 ms later.
    Path shifted = results.resolve("shifted.log");
    try (SimulationLogReader reader = SimulationLogReader.open(realRun)) {
      RunInfo run = reader.run();
      RunInfo later =
          new RunInfo(
              run.gatlingVersion(),
              run.simulationClass(),
              run.startEpochMillis() + 700,
              run.runDescription(),
              run.scenarios(),
              run.assertionCount());
      try (SimulationLogWriter writer =
          SimulationLogWriter.create(shifted, later, reader.pickledAssertions())) {
        reader.readAll(new SimulationLogWriterTest.CopyingVisitor(writer));
      }
    }
    Path mergedRun = Files.createDirectories(results.resolve("merged-run"));
    LogMerger.merge(List.of(realRun, shifted), mergedRun.resolve("simulation.log"));

    GatlingProcess.Result report =
        GatlingProcess.run(
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            List.of("-ro", "merged-run", "-rf", results.toString()),
            FORK_TIMEOUT,
            results.resolve("gatling-reports-only.out"));

    assertThat(report.exitCode()).as("reportsOnly failed:\n%s", report.tail(40)).isZero();
    assertThat(mergedRun.resolve("index.html")).exists();
    // Gatling re-evaluates the run's assertion on the merged log: 3 KO per injector.
    assertThat(report.output())
        .contains("count of failed events is less than or equal to 100.0 : true (actual : 6.0)");
    assertThat(RunAggregator.aggregate(List.of(mergedRun)).global().count()).isEqualTo(24);
  }

  private static void assertRunOfTinySimulation(RunStatistics stats) {
    RunInfo run = stats.runs().get(0);
    assertThat(run.gatlingVersion()).isEqualTo("3.15.1");
    assertThat(run.simulationClass()).isEqualTo(TinyLogSimulation.class.getName());
    assertThat(run.scenarios()).containsExactly("Zürich users", "東京 🔒 users");
    assertThat(run.assertionCount()).isEqualTo(1);
    assertThat(stats.global().okCount()).isEqualTo(9);
    assertThat(stats.global().koCount()).isEqualTo(3);
    assertThat(stats.requests())
        .extracting(
            RequestStats::groupPath,
            RequestStats::name,
            RequestStats::okCount,
            RequestStats::koCount)
        .containsExactlyInAnyOrder(
            tuple(List.of("outer", "inner"), "Zürich", 3L, 0L),
            tuple(List.of("outer"), "東京 🔒", 0L, 3L),
            tuple(List.of(), "Zürich", 3L, 0L),
            tuple(List.of(), "plain", 3L, 0L));
    assertThat(stats.groups())
        .extracting(
            RequestStats::groupPath,
            RequestStats::name,
            RequestStats::okCount,
            RequestStats::koCount)
        .containsExactlyInAnyOrder(
            tuple(List.of("outer"), "inner", 3L, 0L), tuple(List.of(), "outer", 0L, 3L));
    // "inner" holds one request, so its cumulated response times are that request's.
    RequestStats innerRequest =
        stats.requests().stream().filter(r -> r.groupPath().size() == 2).findFirst().orElseThrow();
    RequestStats innerGroup =
        stats.groups().stream().filter(g -> g.name().equals("inner")).findFirst().orElseThrow();
    assertThat(innerGroup.latency()).isEqualTo(innerRequest.latency());
    assertThat(stats.errors())
        .containsExactlyInAnyOrder(new ErrorCount(KO_MESSAGE, 3), new ErrorCount(CRASH, 3));
    assertThat(stats.timeline().stream().mapToLong(TimelineSecond::responses).sum()).isEqualTo(12);
    assertThat(stats.timeline().stream().mapToLong(TimelineSecond::activeUsers).max().orElseThrow())
        .isEqualTo(3);
  }
}
