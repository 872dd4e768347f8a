package io.phantommesh.perf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

  @Test
  void loadsTheSeedDefaults() {
    PerfSettings s = SettingsLoader.fromString("");
    assertThat(s.target().isEmbedded()).isTrue();
    assertThat(s.rampUp())
        .isEqualTo(new RampUpProfile(100, 1000, Duration.ofSeconds(60), Duration.ofSeconds(300)));
    assertThat(s.slo().p99Millis()).isEqualTo(new Threshold(200, 300));
    assertThat(s.slo().errorRate()).isEqualTo(new Threshold(0.01, 0.05));
    assertThat(s.slo().peakRps()).isEqualTo(new Threshold(1000, 800));
    assertThat(s.journey().requestsPerSession()).isEqualTo(8);
    assertThat(s.injector()).isEqualTo(InjectorSettings.single());
  }

  @Test
  void rejectsAMistypedKeyNamingItAndSuggestingTheRightOne() {
    assertThatThrownBy(() -> SettingsLoader.fromString("phantom.profiles.ramp-up.peak-rat = 2000"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.profiles.ramp-up.peak-rat = 2000")
        .hasMessageContaining("unknown setting")
        .hasMessageContaining("did you mean phantom.profiles.ramp-up.peak-rate?");
  }

  @ParameterizedTest
  @CsvSource({"0", "-3"})
  void rejectsAZeroOrNegativeRateNamingKeyAndValue(String rate) {
    assertThatThrownBy(
            () -> SettingsLoader.fromString("phantom.profiles.ramp-up.start-rate = " + rate))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.profiles.ramp-up.start-rate = " + rate)
        .hasMessageContaining("must be > 0");
  }

  @ParameterizedTest
  @CsvSource({
    "htp://vpn.example.com",
    "vpn.example.com:8080",
    "http://user:pw@vpn.example.com",
    "http://" // no host at all: malformed on purpose, not an address
  })
  void rejectsAMalformedBaseUrl(String url) {
    assertThatThrownBy(() -> SettingsLoader.fromMap(Map.of("phantom.target.base-url", url)))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.target.base-url")
        .hasMessageContaining("absolute http(s) URL");
  }

  @Test
  void credentialsInARejectedUrlAreNotEchoedBackAsAValidUrl() {
    assertThatThrownBy(
            () -> SettingsLoader.fromMap(Map.of("phantom.target.base-url", "http://u:p@localhost")))
        .hasMessageContaining("no credentials");
  }

  @Test
  void rejectsAValueOfTheWrongTypeNamingTheKey() {
    assertThatThrownBy(() -> SettingsLoader.fromString("phantom.profiles.ramp-up.ramp = soon"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("profiles.ramp-up.ramp")
        .hasMessageContaining("soon");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidSettingsException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.fromString(
                    "phantom { journey.session-share = 1.5, embedded.error-ratio = -0.1, injector { index = 3, count = 2 } }"));
    assertThat(e.problems()).hasSize(3);
    assertThat(e.getMessage())
        .contains("phantom.journey.session-share = 1.5")
        .contains("phantom.embedded.error-ratio = -0.1")
        .contains("phantom.injector.index = 3: must be < phantom.injector.count (2)");
  }

  @Test
  void aPeakBelowTheStartIsRejected() {
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    "phantom.profiles.ramp-up { start-rate = 500, peak-rate = 100 }"))
        .hasMessageContaining(
            "phantom.profiles.ramp-up.peak-rate = 100: must be >= profiles.ramp-up.start-rate");
  }

  @Test
  void aProfileOverridesOneTargetAndInheritsTheOthers() {
    PerfSettings s =
        SettingsLoader.fromString(
            "phantom.slo.p99.target = 150ms\nphantom.profiles.ramp-up.slo.mean.target = 80ms");
    assertThat(s.sloFor("ramp-up").meanMillis().target()).isEqualTo(80);
    assertThat(s.sloFor("ramp-up").p99Millis().target()).isEqualTo(150);
    assertThat(s.sloFor("smoke").meanMillis().target()).isEqualTo(100);
    assertThat(s.sloFor("smoke").peakRps().target()).isEqualTo(20);
  }

  @Test
  void rejectsAnUnknownTargetInAProfileOverride() {
    assertThatThrownBy(
            () -> SettingsLoader.fromString("phantom.profiles.ramp-up.slo.p98.target = 80ms"))
        .hasMessageContaining("phantom.profiles.ramp-up.slo.p98.target")
        .hasMessageContaining("unknown setting");
  }

  @Test
  void rejectsACriticalLimitLooserThanNothing() {
    assertThatThrownBy(
            () -> SettingsLoader.fromString("phantom.slo.p99 { target = 300ms, critical = 200ms }"))
        .hasMessageContaining("phantom.slo.p99.critical")
        .hasMessageContaining("must be >= slo.p99.target (300)");
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString("phantom.slo.peak-rps { target = 800, critical = 1000 }"))
        .hasMessageContaining("phantom.slo.peak-rps.critical = 1000")
        .hasMessageContaining("is a floor");
  }

  @Test
  void aRealTargetKeepsItsUrlAndHidesItsToken() {
    PerfSettings s =
        SettingsLoader.fromMap(
            Map.of(
                "phantom.target.base-url",
                "https://vpn.example.com:8443/",
                "phantom.target.api-token",
                "s3cr3t"));
    assertThat(s.target().isEmbedded()).isFalse();
    assertThat(s.target().displayBaseUrl()).isEqualTo("https://vpn.example.com:8443");
    assertThat(s.target().apiToken().reveal()).isEqualTo("s3cr3t");
    assertThat(s.toString()).doesNotContain("s3cr3t");
    assertThat(s.target().effectiveMetricsUrl())
        .hasToString("https://vpn.example.com:8443/metrics");
  }

  @Test
  void rejectsAMistypedSystemProperty() {
    System.setProperty("phantom.profiles.smoke.rat", "0");
    try {
      assertThatThrownBy(SettingsLoader::load)
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining(
              "phantom.profiles.smoke.rat = \"0\": unknown setting (system properties)")
          .hasMessageContaining("did you mean phantom.profiles.smoke.rate?");
    } finally {
      System.clearProperty("phantom.profiles.smoke.rat");
      com.typesafe.config.ConfigFactory.invalidateCaches();
    }
  }

  @Test
  void theEmbeddedServiceGetsItsOwnJvmForTheSoakByDefault() {
    EmbeddedProcessSettings p = SettingsLoader.fromString("").embeddedProcess();
    assertThat(p.mode()).isEqualTo(EmbeddedProcessSettings.Mode.AUTO);
    assertThat(p.ownJvm(true)).isTrue();
    assertThat(p.ownJvm(false)).isFalse();
    assertThat(p.jvmOptions()).contains("-XX:+UseSerialGC").allMatch(o -> o.startsWith("-"));

    EmbeddedProcessSettings shared =
        SettingsLoader.fromMap(Map.of("phantom.embedded.process", "shared")).embeddedProcess();
    assertThat(shared.ownJvm(true)).isFalse();
    EmbeddedProcessSettings own =
        SettingsLoader.fromMap(Map.of("phantom.embedded.process", " OWN ")).embeddedProcess();
    assertThat(own.ownJvm(false)).isTrue();
  }

  @Test
  void rejectsAnUnknownPlacementOrAJvmOptionWithoutADash() {
    assertThatThrownBy(() -> SettingsLoader.fromMap(Map.of("phantom.embedded.process", "separate")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.embedded.process = \"separate\"")
        .hasMessageContaining("must be one of auto, shared, own");
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    "phantom.embedded.own-jvm-options = [\"-Xmx1g\", \"Xms64m\"]"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.embedded.own-jvm-options")
        .hasMessageContaining("not 'Xms64m'");
  }

  @Test
  void aSectionGivenAsAValueIsNamedOnceWithItsKeys() {
    InvalidSettingsException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidSettingsException.class,
            () -> SettingsLoader.fromMap(Map.of("phantom.slo", "abc")));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith(
            "phantom.slo = \"abc\": must be a section with the keys [error-rate, mean, p50, p99,"
                + " p999, peak-rps]");
  }

  @Test
  void anOverlayThatDoesNotParseIsASettingsError() {
    assertThatThrownBy(() -> SettingsLoader.fromString("phantom { slo { "))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("end of file");
  }
}
