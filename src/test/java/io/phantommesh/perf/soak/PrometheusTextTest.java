package io.phantommesh.perf.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextTest {

  @Test
  void readsThePageOfAProcessCollector() {
    String page =
        """
        # HELP process_resident_memory_bytes Resident memory size in bytes.
        # TYPE process_resident_memory_bytes gauge
        process_resident_memory_bytes 4.12876800e+08
        # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
        # TYPE process_cpu_seconds_total counter
        process_cpu_seconds_total 12.34 1700000000000
        vpn_requests_total{endpoint="health",status="200"} 42
        """;
    assertThat(PrometheusText.firstValue(page, "process_resident_memory_bytes"))
        .contains(412_876_800.0);
    assertThat(PrometheusText.firstValue(page, "process_cpu_seconds_total")).contains(12.34);
    assertThat(PrometheusText.parse(page))
        .contains(
            new PrometheusText.Sample(
                "vpn_requests_total", "endpoint=\"health\",status=\"200\"", 42));
  }

  @Test
  void labelValuesMayHoldSpacesBracesAndEscapedQuotes() {
    String page = "process_cpu_seconds_total{job=\"vpn core\",note=\"a } \\\" b\"} 7.5\n";
    assertThat(PrometheusText.firstValue(page, "process_cpu_seconds_total")).contains(7.5);
  }

  @ParameterizedTest
  @CsvSource({"NaN,NaN", "+Inf,Infinity", "-Inf,-Infinity", "1e3,1000", "-2.5E-1,-0.25", ".5,0.5"})
  void readsSpecialValuesAndExponents(String token, double expected) {
    assertThat(PrometheusText.firstValue("m " + token + "\n", "m")).contains(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<html><body>502 Bad Gateway</body></html>",
        "process_resident_memory_bytes",
        "process_resident_memory_bytes=12",
        "process_resident_memory_bytes twelve",
        "process_resident_memory_bytes 0x1p3",
        "process_resident_memory_bytes Infinity",
        "process_resident_memory_bytes 12 now",
        "process_resident_memory_bytes{job=\"x\" 12",
        "{} 12",
        "# process_resident_memory_bytes 12"
      })
  void garbageHasNoValue(String line) {
    assertThat(PrometheusText.firstValue(line + "\n", "process_resident_memory_bytes"))
        .isEqualTo(Optional.empty());
  }

  @Test
  void aBadLineDoesNotHideTheGoodOnes() {
    String page = "garbage line ###\r\nprocess_resident_memory_bytes 100\r\n\r\n";
    assertThat(PrometheusText.firstValue(page, "process_resident_memory_bytes")).contains(100.0);
  }

  @Test
  void theSamplerTurnsPagesIntoReadingsOrReasons() {
    assertThat(
            MetricsSampler.parse("process_resident_memory_bytes 10\nprocess_cpu_seconds_total 2\n"))
        .isEqualTo(new MetricsSampler.Reading(10, 2.0, Optional.empty()));
    assertThat(
            MetricsSampler.parse("process_resident_memory_bytes NaN\nprocess_cpu_seconds_total 2\n")
                .problem())
        .contains("process_resident_memory_bytes is NaN");
    assertThat(MetricsSampler.parse("process_resident_memory_bytes 10\n").problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("answered garbage: no process_cpu_seconds_total"));
    assertThat(MetricsSampler.parse("").problem())
        .contains("answered garbage: no process_resident_memory_bytes in its page (0 chars)");
  }

  @Test
  void labelsAreReadInOrderWithEscapesUndone() {
    assertThat(PrometheusText.labels("endpoint=\"GET /health\",status=\"200\""))
        .containsExactly(Map.entry("endpoint", "GET /health"), Map.entry("status", "200"));
    assertThat(PrometheusText.labels(" a = \"x \\\"q\\\" \\\\ y\" , b=\"line\\nnext\","))
        .containsExactly(Map.entry("a", "x \"q\" \\ y"), Map.entry("b", "line\nnext"));
    assertThat(PrometheusText.labels("")).isEmpty();
    // what precedes a pair that does not parse stays; nothing after it is guessed
    assertThat(PrometheusText.labels("a=\"1\",b=unquoted,c=\"3\""))
        .containsExactly(Map.entry("a", "1"));
  }
}
