package io.phantommesh.perf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code phantom.embedded.faults}: defaults, reading, and every bad value named. */
class FaultSettingsTest {

  @Test
  void defaultsInjectNothing() {
    FaultSettings f = SettingsLoader.fromMap(Map.of()).embedded().faults();
    assertThat(f.isNone()).isTrue();
    assertThat(f.seed()).isEqualTo(FaultSettings.DEFAULT_SEED);
  }

  @Test
  void readsEveryFault() {
    FaultSettings f =
        SettingsLoader.fromMap(
                Map.of(
                    "phantom.embedded.faults.seed", "42",
                    "phantom.embedded.faults.reset-ratio", "0.1",
                    "phantom.embedded.faults.stall-ratio", "0.02",
                    "phantom.embedded.faults.first-byte.fixed", "20ms",
                    "phantom.embedded.faults.first-byte.tail-mean", "50ms",
                    "phantom.embedded.faults.first-byte.tail", "pareto",
                    "phantom.embedded.faults.first-byte.pareto-shape", "1.5",
                    "phantom.embedded.faults.keepalive-max-requests", "3",
                    "phantom.embedded.faults.outages", "10s-20s:refuse, 30s-35s:503"))
            .embedded()
            .faults();
    assertThat(f.seed()).isEqualTo(42);
    assertThat(f.resetRatio()).isEqualTo(0.1);
    assertThat(f.stallRatio()).isEqualTo(0.02);
    assertThat(f.firstByte())
        .isEqualTo(
            new FaultSettings.FirstByte(
                Duration.ofMillis(20), Duration.ofMillis(50), FaultSettings.Tail.PARETO, 1.5));
    assertThat(f.keepAliveMaxRequests()).isEqualTo(3);
    assertThat(f.outages())
        .containsExactly(
            new FaultSettings.Outage(
                Duration.ofSeconds(10), Duration.ofSeconds(20), FaultSettings.OutageMode.REFUSE),
            new FaultSettings.Outage(
                Duration.ofSeconds(30),
                Duration.ofSeconds(35),
                FaultSettings.OutageMode.UNAVAILABLE));
  }

  @Test
  void everyBadValueIsNamedWithItsKeyValueAndRule() {
    Map<String, String> bad =
        Map.of(
            "phantom.embedded.faults.reset-ratio", "1.5",
            "phantom.embedded.faults.stall-ratio", "abc",
            "phantom.embedded.faults.first-byte.fixed", "-1ms",
            "phantom.embedded.faults.first-byte.tail", "gauss",
            "phantom.embedded.faults.first-byte.pareto-shape", "1.0",
            "phantom.embedded.faults.keepalive-max-requests", "-1",
            "phantom.embedded.faults.outages", "20s-10s:refuse");
    InvalidSettingsException e =
        assertThrows(InvalidSettingsException.class, () -> SettingsLoader.fromMap(bad));
    assertThat(e.problems()).hasSize(bad.size());
    bad.forEach((key, value) -> assertThat(e.getMessage()).contains(key).contains(value));
    assertThat(e.getMessage())
        .contains("must be >= 0 and <= 1")
        .contains("must be exponential or pareto")
        .contains("START-END[:refuse|503]");
  }

  @Test
  void outagesParseAndRejectWhatIsNotAWindow() {
    assertThat(FaultSettings.Outage.parse("1.5s-3s").mode())
        .isEqualTo(FaultSettings.OutageMode.REFUSE);
    assertThat(FaultSettings.Outage.parse(" 100ms-200ms:503 ").text()).isEqualTo("100ms-200ms:503");
    for (String wrong : List.of("", "5s", "5s-", "-5s", "5s-4s", "5s-6s:down", "x-6s")) {
      assertThrows(IllegalArgumentException.class, () -> FaultSettings.Outage.parse(wrong), wrong);
    }
    IllegalArgumentException overlap =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FaultSettings(
                    1,
                    0,
                    0,
                    FaultSettings.FirstByte.NONE,
                    0,
                    List.of(
                        FaultSettings.Outage.parse("1s-5s"), FaultSettings.Outage.parse("4s-6s"))));
    assertThat(overlap.getMessage()).contains("must not overlap");
  }
}
