package io.phantommesh.perf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings of the spike, sustained, soak and health-baseline models: defaults and validation. */
class LoadModelSettingsTest {
  private static final String SOAK = "phantom.profiles.soak.";

  @Test
  void loadsTheModelDefaults() {
    PerfSettings s = SettingsLoader.fromString("");
    assertThat(s.spike())
        .isEqualTo(
            new SpikeProfile(
                100,
                Duration.ofSeconds(60),
                1500,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(120),
                5));
    assertThat(s.spike().spikeEndOffset()).isEqualTo(Duration.ofSeconds(95));
    assertThat(s.sustained())
        .isEqualTo(new SustainedProfile(1000, Duration.ofSeconds(10), Duration.ofMinutes(30)));
    assertThat(s.healthBaseline())
        .isEqualTo(new HealthBaselineProfile(1000, 50, Duration.ofMillis(400)));
    assertThat(s.healthBaseline().batches()).isEqualTo(20);

    SoakProfile soak = s.soak();
    assertThat(soak.scheduleInClockOrder())
        .containsExactly(
            new SoakBlock(6 * 60, 9 * 60, 100, "shoulder"),
            new SoakBlock(9 * 60, 17 * 60, 1000, "peak"),
            new SoakBlock(17 * 60, 22 * 60, 100, "shoulder"),
            new SoakBlock(22 * 60, 6 * 60, 100, "low"));
    assertThat(soak.duration()).isEqualTo(Duration.ofHours(72));
    assertThat(soak.timeScale()).isEqualTo(1.0);
    assertThat(soak.expectedSamples()).isEqualTo(864); // 72 h / 5 min
    assertThat(soak.metricsUrl()).isEmpty();
    assertThat(soak.thresholds()).isEqualTo(new SoakProfile.Thresholds(10, 80));
  }

  @Test
  void theHealthBaselineHasTheSeedsOwnLimits() {
    SloSettings slo = SettingsLoader.fromString("").sloFor("health-baseline");
    assertThat(slo.p50Millis()).isEqualTo(new Threshold(100, 150));
    assertThat(slo.p99Millis()).isEqualTo(new Threshold(200, 300));
    assertThat(slo.errorRate()).isEqualTo(new Threshold(0.01, 0.05));
    assertThat(slo.peakRps()).isEqualTo(new Threshold(100, 50));
  }

  @Test
  void everyNumberIsOverridable() {
    PerfSettings s =
        SettingsLoader.fromMap(
            Map.of(
                "phantom.profiles.spike.peak-rate",
                "2000",
                "phantom.profiles.sustained.hold",
                "2m",
                SOAK + "time-scale",
                "3600",
                "phantom.profiles.health-baseline.batch-gap",
                "100ms"));
    assertThat(s.spike().peakRate()).isEqualTo(2000);
    assertThat(s.sustained().hold()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.soak().wallDuration()).isEqualTo(Duration.ofSeconds(72));
    assertThat(s.healthBaseline().batchGap()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aScheduleWithAGapNamesTheMissingHours() {
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    SOAK
                        + "schedule = [ {from = \"07:00\", to = \"09:00\", users = 100},"
                        + " {from = \"09:00\", to = \"17:00\", users = 1000},"
                        + " {from = \"17:00\", to = \"06:00\", users = 100} ]"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("phantom.profiles.soak.schedule = [")
        .hasMessageContaining("leaves 06:00-07:00 uncovered (covers 23 h of 24 h)");
  }

  @Test
  void aScheduleWithAnOverlapNamesTheHoursAndTheBlocks() {
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    SOAK
                        + "schedule = [ {from = \"00:00\", to = \"12:00\", users = 100},"
                        + " {from = \"10:00\", to = \"24:00\", users = 1000} ]"))
        .hasMessageContaining(
            "covers 10:00-12:00 more than once (00:00-12:00 100 users (low) and 10:00-24:00 1000 users (peak))");
  }

  @Test
  void aScheduleShortOfADayIsRejectedAndAGapAcrossMidnightIsOneRange() {
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    SOAK + "schedule = [ {from = \"09:00\", to = \"17:00\", users = 1000} ]"))
        .hasMessageContaining("leaves 17:00-09:00 uncovered (covers 8 h of 24 h)");
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    SOAK + "schedule = [ {from = \"01:00\", to = \"23:30\", users = 10} ]"))
        .hasMessageContaining("leaves 23:30-01:00 uncovered (covers 22 h 30 min of 24 h)");
  }

  @Test
  void aWholeDayBlockAndAWrappingBlockAreValid() {
    assertThat(
            SettingsLoader.fromString(
                    SOAK + "schedule = [ {from = \"00:00\", to = \"24:00\", users = 10} ]")
                .soak()
                .schedule())
        .containsExactly(new SoakBlock(0, 1440, 10, "peak"));
    assertThat(
            SettingsLoader.fromString(
                    SOAK
                        + "schedule = [ {from = \"18:00\", to = \"06:00\", users = 5, phase = night},"
                        + " {from = \"06:00\", to = \"18:00\", users = 50, phase = day} ]")
                .soak()
                .blockAt(3 * 60)
                .phase())
        .isEqualTo("night");
  }

  @Test
  void badBlocksAreNamedByIndexKeyAndValue() {
    InvalidSettingsException e =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                SettingsLoader.fromString(
                    SOAK
                        + "schedule = [ {from = \"25:00\", to = \"09:00\", users = 100},"
                        + " {from = \"09:00\", to = \"17:00\", users = -5},"
                        + " {from = \"17:00\", to = \"17:00\", users = 1},"
                        + " {from = \"9am\", to = \"06:00\", users = 100, level = 3} ]"));
    assertThat(e.getMessage())
        .contains(
            "phantom.profiles.soak.schedule[0].from = \"25:00\": must be a clock time \"hh:mm\" from 00:00 to 23:59")
        .contains("phantom.profiles.soak.schedule[1].users = -5: must be between 0 and 10000000")
        .contains("phantom.profiles.soak.schedule[2] = ")
        .contains("is empty (from = to)")
        .contains("phantom.profiles.soak.schedule[3].from = \"9am\"")
        .contains("phantom.profiles.soak.schedule[3].level = 3: unknown key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-60"})
  void rejectsATimeScaleAtOrBelowZero(String scale) {
    assertThatThrownBy(() -> SettingsLoader.fromString(SOAK + "time-scale = " + scale))
        .hasMessageContaining("phantom.profiles.soak.time-scale = " + scale + ": must be > 0");
  }

  @Test
  void rejectsATimeScaleThatLeavesLessThanASecond() {
    assertThatThrownBy(() -> SettingsLoader.fromString(SOAK + "time-scale = 1000000"))
        .hasMessageContaining(
            "phantom.profiles.soak.time-scale = 1000000: compresses profiles.soak.duration (72h) to 259 ms")
        .hasMessageContaining("time-scale must be <= 259200");
  }

  @Test
  void rejectsASampleIntervalLongerThanTheRun() {
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    SOAK
                        + "duration = 1h\n"
                        + SOAK
                        + "sample-interval = 2h\n"
                        + SOAK
                        + "time-scale = 60"))
        .hasMessageContaining(
            "phantom.profiles.soak.sample-interval = \"2h\": must be <= profiles.soak.duration (1h)");
  }

  @Test
  void rejectsASampleIntervalTooShortAfterScaling() {
    // 5 min / 100,000 = 3 ms of wall-clock time
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    SOAK + "time-scale = 100000\n" + SOAK + "duration = 720h"))
        .hasMessageContaining(
            "phantom.profiles.soak.sample-interval = \"5m\": is 3.0 ms of wall-clock time at time-scale 100000; must be >= 10 ms");
  }

  @Test
  void rejectsARampLongerThanABlockItRampsInto() {
    assertThatThrownBy(() -> SettingsLoader.fromString(SOAK + "ramp-between-levels = 9h"))
        .hasMessageContaining(
            "phantom.profiles.soak.ramp-between-levels = \"9h\": must be <= the length of every block it ramps into; block 09:00-17:00 1000 users (peak) lasts 8h");
  }

  @Test
  void acceptsAScheduleGivenAsIndexedSystemProperties() {
    PerfSettings s =
        SettingsLoader.fromMap(
            Map.of(
                SOAK + "schedule.0.from", "08:00",
                SOAK + "schedule.0.to", "20:00",
                SOAK + "schedule.0.users", "300",
                SOAK + "schedule.1.from", "20:00",
                SOAK + "schedule.1.to", "08:00",
                SOAK + "schedule.1.users", "30"));
    assertThat(s.soak().scheduleInClockOrder())
        .containsExactly(
            new SoakBlock(8 * 60, 20 * 60, 300, "peak"), new SoakBlock(20 * 60, 8 * 60, 30, "low"));
  }

  @Test
  void rejectsASpikeBelowItsBaselineAndAnUnreachableRecovery() {
    assertThatThrownBy(() -> SettingsLoader.fromString("phantom.profiles.spike.peak-rate = 50"))
        .hasMessageContaining(
            "phantom.profiles.spike.peak-rate = 50: must be >= profiles.spike.baseline-rate (100)");
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    "phantom.profiles.spike { recovery = 3s, recovery-stable-seconds = 5 }"))
        .hasMessageContaining(
            "phantom.profiles.spike.recovery-stable-seconds = 5: must be <= profiles.spike.recovery (3s)");
  }

  @Test
  void rejectsABatchLargerThanTheRequests() {
    assertThatThrownBy(
            () ->
                SettingsLoader.fromString(
                    "phantom.profiles.health-baseline { requests = 10, batch-size = 50 }"))
        .hasMessageContaining(
            "phantom.profiles.health-baseline.batch-size = 50: must be <= profiles.health-baseline.requests (10)");
  }
}
