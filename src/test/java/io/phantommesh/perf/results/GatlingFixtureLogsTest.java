package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.results.fixture.TinyLogSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the decoder and the writer to the committed logs of real runs of every supported Gatling
 * line ({@code src/test/resources/fixtures/gatling-<version>/simulation.log}, made by {@code
 * src/test/fixture-gen/generate.sh}): each decodes to the tiny simulation's known figures and
 * copies byte for byte.
 */
class GatlingFixtureLogsTest {

  private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

  /** The version of every committed fixture folder, e.g. "3.16.0" for gatling-3.16.0. */
  static List<String> fixtureVersions() throws IOException {
    try (Stream<Path> folders = Files.list(FIXTURES)) {
      return folders
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("gatling-"))
          .map(n -> n.substring("gatling-".length()))
          .sorted()
          .toList();
    }
  }

  private static Path fixture(String version) {
    return FIXTURES.resolve("gatling-" + version);
  }

  @ParameterizedTest(name = "Gatling {0}")
  @MethodSource("fixtureVersions")
  void decodesTheRealLogOfEachSupportedVersion(String version) {
    RunStatistics stats = RunAggregator.aggregate(List.of(fixture(version)));

    TinyRunExpectations.assertRunOf(stats, version, TinyLogSimulation.class.getName());
  }

  @ParameterizedTest(name = "Gatling {0}")
  @MethodSource("fixtureVersions")
  void rewritesTheRealLogOfEachSupportedVersionByteForByte(String version) throws IOException {
    byte[] real = Files.readAllBytes(fixture(version).resolve(SimulationLogReader.LOG_FILE_NAME));

    assertThat(SimulationLogWriterTest.copy(real)).isEqualTo(real);
  }

  @Test
  void everyFixtureIsOfASupportedVersion() throws IOException {
    assertThat(fixtureVersions()).isNotEmpty().allMatch(SimulationLogReader::isSupported);
  }

  @Test
  void everySupportedMinorVersionHasAFixture() throws IOException {
    List<String> fixtureMinors = fixtureVersions().stream().map(v -> minor(v)).toList();

    assertThat(SimulationLogReader.SUPPORTED_GATLING_VERSIONS.stream().map(v -> minor(v)))
        .allMatch(fixtureMinors::contains);
    assertThat(fixtureVersions()).contains(SimulationLogReader.PINNED_GATLING_VERSION);
  }

  @Test
  void refusesAnUnknownVersionListingTheSupportedOnes() throws IOException {
    byte[] real = Files.readAllBytes(fixture("3.16.0").resolve(SimulationLogReader.LOG_FILE_NAME));
    byte[] foreign = real.clone();
    // The version string "3.16.0" follows the header byte and its int length: make it "3.17.0".
    assertThat(new String(foreign, 5, 6, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("3.16.0");
    foreign[8] = '7';

    SimulationLogException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SimulationLogException.class,
            () -> {
              try (SimulationLogReader reader =
                  SimulationLogReader.of(new java.io.ByteArrayInputStream(foreign), "f.log")) {
                reader.run();
              }
            });

    assertThat(e.problem()).isEqualTo(SimulationLogException.Problem.WRONG_VERSION);
    assertThat(e.getMessage())
        .contains("Gatling 3.17.0", "3.14.0 to 3.14.9, 3.15.0 to 3.15.1, 3.16.0");
  }

  private static String minor(String version) {
    return version.substring(0, version.lastIndexOf('.'));
  }
}
