package io.phantommesh.perf.run.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.phantommesh.perf.config.InvalidSettingsException;
import io.phantommesh.perf.config.LiveSettings;
import io.phantommesh.perf.config.LiveSettings.StopLogic;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code phantom.live}: defaults, stop rules per model, and refusals before any load. */
class LiveSettingsTest {

  private static LiveSettings live(Map<String, ?> overrides) {
    return SettingsLoader.fromMap(overrides).live();
  }

  @Test
  void defaultsAreOnWithRulesForTheLongModelsOnly() {
    LiveSettings s = live(Map.of());
    assertThat(s.enabled()).isTrue();
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.logic()).isEqualTo(StopLogic.EVERY_SECOND);
    assertThat(s.rulesFor("sustained"))
        .extracting(LiveSettings.StopRuleSetting::metric, LiveSettings.StopRuleSetting::window)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("error_rate", Duration.ofSeconds(60)),
            org.assertj.core.groups.Tuple.tuple("latency_p99", Duration.ofSeconds(120)));
    assertThat(s.rulesFor("soak")).hasSize(2);
    for (String model : List.of("ramp-up", "smoke", "spike", "health-baseline")) {
      assertThat(s.rulesFor(model)).as(model).isEmpty();
    }
    assertThat(s.prometheus().host()).isEqualTo("127.0.0.1");
    assertThat(s.prometheus().port()).isZero();
  }

  @Test
  void everyStopKeyNamesAVerdictMetric() {
    Set<String> metrics = new TreeSet<>(LiveSettings.STOP_METRICS.values());
    assertThat(metrics).isEqualTo(new TreeSet<>(StopRule.METRICS));
  }

  @Test
  void aTypoedMetricIsASettingsErrorNamingTheKey() {
    InvalidSettingsException e =
        assertThrows(
            InvalidSettingsException.class,
            () -> live(Map.of("phantom.live.stop.sustained.error-rat", "10s")));
    assertThat(e.getMessage()).contains("phantom.live.stop.sustained.error-rat");
  }

  @Test
  void aBadWindowIsASettingsErrorNamingKeyAndValue() {
    InvalidSettingsException zero =
        assertThrows(
            InvalidSettingsException.class,
            () -> live(Map.of("phantom.live.stop.sustained.p99", "0s")));
    assertThat(zero.getMessage()).contains("phantom.live.stop.sustained.p99").contains("0s");
    InvalidSettingsException word =
        assertThrows(
            InvalidSettingsException.class,
            () -> live(Map.of("phantom.live.stop.sustained.p99", "soon")));
    assertThat(word.getMessage()).contains("phantom.live.stop.sustained.p99").contains("soon");
  }

  @Test
  void aBadIntervalOrLogicOrPortIsRefused() {
    assertThat(
            assertThrows(
                    InvalidSettingsException.class,
                    () -> live(Map.of("phantom.live.interval", "1500ms")))
                .getMessage())
        .contains("phantom.live.interval")
        .contains("whole seconds");
    assertThat(
            assertThrows(
                    InvalidSettingsException.class,
                    () -> live(Map.of("phantom.live.stop-logic", "sometimes")))
                .getMessage())
        .contains("phantom.live.stop-logic")
        .contains("sometimes");
    assertThat(
            assertThrows(
                    InvalidSettingsException.class,
                    () -> live(Map.of("phantom.live.prometheus.port", "70000")))
                .getMessage())
        .contains("phantom.live.prometheus.port");
  }

  @Test
  void offTurnsADefaultRuleOff() {
    assertThat(live(Map.of("phantom.live.stop.sustained.error-rate", "off")).rulesFor("sustained"))
        .extracting(LiveSettings.StopRuleSetting::metric)
        .containsExactly("latency_p99");
  }

  @Test
  void theSoaksWindowsAreSimulatedTime() {
    PerfSettings s = SettingsLoader.fromMap(Map.of());
    List<StopRule> at60 = StopRule.of(s.live(), "soak", 60);
    assertThat(at60)
        .extracting(StopRule::metric, StopRule::windowSeconds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("error_rate", 30),
            org.assertj.core.groups.Tuple.tuple("latency_p99", 60));
    // Compressed below the monitor's one-second resolution: one second.
    assertThat(StopRule.of(s.live(), "soak", 3600))
        .extracting(StopRule::windowSeconds)
        .containsExactly(1, 1);
    assertThat(StopRule.of(s.live(), "sustained", 1))
        .extracting(StopRule::windowSeconds)
        .containsExactly(60, 120);
  }
}
