package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.results.fixture.TinyLogSimulation;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
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
 * {@code reportsOnly} of a merged log. A Gatling upgrade that changes the format fails here. The
 * committed logs of the other supported versions are checked by {@code GatlingFixtureLogsTest}.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SimulationLogGatlingCompatibilityTest {

  private static final Duration FORK_TIMEOUT = Duration.ofSeconds(120);

  /** The Gatling on the test classpath, as the pom passes it. */
  private static final String PINNED = System.getProperty("perf.test.gatling-version", "unset");

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

  @Test
  void decodesTheLogOfARealGatlingRun() {
    RunStatistics stats = RunAggregator.aggregate(List.of(realRun));

    TinyRunExpectations.assertRunOf(stats, PINNED, TinyLogSimulation.class.getName());
  }

  @Test
  void thePinnedGatlingIsTheOneOnTheTestClasspath() {
    assertThat(SimulationLogReader.PINNED_GATLING_VERSION)
        .isEqualTo(System.getProperty("perf.test.gatling-version"));
  }

  @Test
  void rewritesARealLogByteForByte() throws IOException {
    byte[] real = Files.readAllBytes(realRun.resolve("simulation.log"));

    assertThat(SimulationLogWriterTest.copy(real)).isEqualTo(real);
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
}
