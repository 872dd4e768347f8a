package io.phantommesh.perf.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The feeder files are on the classpath with the columns the journeys read and sane values. */
class FeederFilesTest {
  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          "peers.csv", List.of("public_key", "endpoint"),
          "threat-signals.csv", List.of("source_ip", "signature", "severity"));

  @ParameterizedTest
  @ValueSource(strings = {"peers.csv", "threat-signals.csv"})
  void hasTheRequiredHeaderAndNoEmptyOrQuotedCells(String file) throws IOException {
    List<String> lines = read(file);
    assertThat(Arrays.asList(lines.get(0).split(",", -1)))
        .containsExactlyElementsOf(REQUIRED.get(file));
    assertThat(lines).hasSizeGreaterThan(100);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).as(file + ": " + line).hasSize(REQUIRED.get(file).size());
      // values go into JSON bodies verbatim: no quote, backslash or blank cell
      assertThat(cells).allSatisfy(c -> assertThat(c).isNotBlank().doesNotContain("\"", "\\"));
    }
  }

  @Test
  void peersCarryWireguardKeysAndEndpoints() throws IOException {
    for (String line : rows("peers.csv")) {
      String[] c = line.split(",");
      assertThat(java.util.Base64.getDecoder().decode(c[0])).hasSize(32);
      assertThat(c[1]).matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}");
    }
  }

  @Test
  void threatSignalsUseTheContractsSeveritiesInARealisticMix() throws IOException {
    Map<String, Long> bySeverity =
        rows("threat-signals.csv").stream()
            .map(l -> l.split(",")[2])
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(bySeverity.keySet()).isSubsetOf(Set.of("low", "medium", "high", "critical"));
    assertThat(bySeverity.get("low")).isGreaterThan(bySeverity.get("critical"));
  }

  private static List<String> rows(String file) throws IOException {
    List<String> lines = read(file);
    return lines.subList(1, lines.size());
  }

  private static List<String> read(String file) throws IOException {
    try (InputStream in = FeederFilesTest.class.getClassLoader().getResourceAsStream(file)) {
      assertThat(in).as(file + " on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
