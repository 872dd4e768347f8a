package io.phantommesh.perf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options parse durations and sizes exactly as settings do. */
class SettingsValuesTest {

  @Test
  void aDurationMeansTheSameAsInSettings() {
    for (String text : new String[] {"500ms", "1.5s", "2m", "250us", "0", "750", "3 seconds"}) {
      Duration fromSettings =
          SettingsLoader.fromMap(Map.of("phantom.embedded.latency.fixed", text))
              .embedded()
              .latencyFixed();
      assertThat(SettingsValues.duration(text)).as(text).isEqualTo(fromSettings);
    }
  }

  @Test
  void aSizeMeansTheSameAsInSettings() {
    for (String text : new String[] {"256M", "1G", "1024", "64KiB"}) {
      long fromSettings =
          SettingsLoader.fromMap(Map.of("phantom.embedded.leak-cap", text))
              .embedded()
              .leakCapBytes();
      assertThat(SettingsValues.bytes(text)).as(text).isEqualTo(fromSettings);
    }
  }

  @Test
  void refusesNegativesAndTextThatIsNoValueNamingTheSyntax() {
    assertThatThrownBy(() -> SettingsValues.duration("-5ms")).hasMessageContaining("negative");
    assertThatThrownBy(() -> SettingsValues.duration("soon"))
        .hasMessageContaining("'soon'")
        .hasMessageContaining("500ms");
    assertThatThrownBy(() -> SettingsValues.bytes("lots")).hasMessageContaining("256M");
  }
}
