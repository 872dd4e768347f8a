package io.phantommesh.perf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.config.JourneySettings.WarmUpTarget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpTargetSettingsTest {

  @Test
  void theWarmUpGoesToASeparateEmbeddedServiceByDefault() {
    assertThat(SettingsLoader.fromMap(Map.of()).journey().warmUpTarget())
        .isEqualTo(WarmUpTarget.EMBEDDED);
  }

  @Test
  void theTargetCanBeChosen() {
    assertThat(
            SettingsLoader.fromMap(Map.of("phantom.journey.warm-up-target", "target"))
                .journey()
                .warmUpTarget())
        .isEqualTo(WarmUpTarget.TARGET);
  }

  @Test
  void rejectsAnUnknownPlaceNamingTheKeyTheValueAndTheChoices() {
    assertThatThrownBy(
            () -> SettingsLoader.fromMap(Map.of("phantom.journey.warm-up-target", "staging")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.journey.warm-up-target")
        .hasMessageContaining("staging")
        .hasMessageContaining("must be one of embedded, target");
  }
}
