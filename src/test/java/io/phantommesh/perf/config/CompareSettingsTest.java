package io.phantommesh.perf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code phantom.compare}: defaults, percent syntax, ranges, and messages naming path and value.
 */
class CompareSettingsTest {

  @Test
  void defaultsAreTheDocumentedTolerances() {
    CompareSettings c = SettingsLoader.fromString("").compare();
    assertThat(c)
        .isEqualTo(new CompareSettings(0.10, 0.10, 0.10, 0.20, 0.005, -0.10, 0.5, 5.0, 5.0, 5));
    // P99 needs 5 responses beyond it: 500 in all; P99.9 5,000; P50 10.
    assertThat(c.minimumResponsesFor(99)).isEqualTo(500);
    assertThat(c.minimumResponsesFor(99.9)).isEqualTo(5000);
    assertThat(c.minimumResponsesFor(50)).isEqualTo(10);
  }

  @Test
  void readsPercentagesInlineAndFromMaps() {
    CompareSettings c =
        SettingsLoader.fromString(
                "phantom.compare { p99 = 25%, peak-rps = -5.5%, min-latency-delta = 2ms }")
            .compare();
    assertThat(c.p99Tolerance()).isEqualTo(0.25);
    assertThat(c.peakRpsTolerance()).isEqualTo(-0.055);
    assertThat(c.minLatencyDeltaMillis()).isEqualTo(2.0);
    assertThat(
            SettingsLoader.fromMap(Map.of("phantom.compare.error-rate", "1%"))
                .compare()
                .errorRateTolerance())
        .isEqualTo(0.01);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "p99 = 0.1 | phantom.compare.p99 = 0.1: must be a percentage such as 10% (or -10%), in (0%,"
            + " 10000%]",
        "p99 = 0% | phantom.compare.p99 = \"0%\": must be in (0%, 10000%]",
        "peak-rps = 10% | phantom.compare.peak-rps = \"10%\": must be in (-100%, 0%)",
        "error-rate = 100% | phantom.compare.error-rate = \"100%\": must be in (0%, 100%)",
        "soft-band = 120% | phantom.compare.soft-band = \"120%\": must be in (0%, 100%]",
        "min-latency-delta = -1ms | phantom.compare.min-latency-delta = \"-1ms\": must be >= 0",
        "min-peak-rps-delta = -2 | phantom.compare.min-peak-rps-delta = -2: must be >= 0",
        "min-tail-samples = 0 | phantom.compare.min-tail-samples = 0: must be between 1 and 10000",
      })
  void rejectsOutOfRangeValuesNamingPathAndValue(String setting, String message) {
    assertThatThrownBy(() -> SettingsLoader.fromString("phantom.compare." + setting))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsAMistypedKeyWithAHint() {
    assertThatThrownBy(() -> SettingsLoader.fromString("phantom.compare.p9999 = 10%"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.compare.p9999")
        .hasMessageContaining("did you mean phantom.compare.p999?");
  }
}
