package io.phantommesh.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.config.SoakProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Arrivals per time window of the spike, sustained, soak and health-baseline plans. */
class LoadModelPlansTest {
  private final PerfSettings defaults = SettingsLoader.fromString("");

  private static SoakProfile soak(String overrides) {
    return SettingsLoader.fromString(overrides).soak();
  }

  @Test
  void theSpikeJumpsFifteenfoldAndSendsItsHandDerivedTotal() {
    LoadPlan plan = LoadPlans.spike(defaults.spike());
    assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(220));
    // the second before the climb vs a second of the hold: 100 vs 1,500 req/s
    assertThat(plan.arrivalsBetween(59, 60)).isCloseTo(100, within(1e-9));
    assertThat(plan.arrivalsBetween(80, 81)).isCloseTo(1500, within(1e-9));
    assertThat(plan.arrivalsBetween(80, 81) / plan.arrivalsBetween(59, 60))
        .isCloseTo(15, within(1e-9));
    // climb: rate 100 + 280 t over 5 s, so its first second carries 100 + 140 = 240
    assertThat(plan.arrivalsBetween(60, 61)).isCloseTo(240, within(1e-9));
    // 100 x 60 + (100 + 1500) / 2 x 5 + 1500 x 30 + (1500 + 100) / 2 x 5 + 100 x 120
    // = 6,000 + 4,000 + 45,000 + 4,000 + 12,000
    assertThat(plan.arrivals()).isCloseTo(71_000, within(1e-6));
    assertThat(plan.arrivalsBetween(95, 100)).isCloseTo(4_000, within(1e-6));
    assertThat(plan.arrivalsBetween(200, 201)).isCloseTo(100, within(1e-9));
  }

  @Test
  void aSpikeWithoutRampsIsAStep() {
    LoadPlan plan =
        LoadPlans.spike(
            SettingsLoader.fromString("phantom.profiles.spike { ramp-up = 0s, ramp-down = 0s }")
                .spike());
    assertThat(plan.steps()).hasSize(3);
    assertThat(plan.arrivalsBetween(59, 60)).isCloseTo(100, within(1e-9));
    assertThat(plan.arrivalsBetween(60, 61)).isCloseTo(1500, within(1e-9));
  }

  @Test
  void sustainedRampsInThenHolds() {
    LoadPlan plan = LoadPlans.sustained(defaults.sustained());
    assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(1810));
    // ramp-in: rate 100 t, so [0,1) carries 50 and [9,10) 950; then 1,000 a second
    assertThat(plan.arrivalsBetween(0, 1)).isCloseTo(50, within(1e-9));
    assertThat(plan.arrivalsBetween(9, 10)).isCloseTo(950, within(1e-9));
    assertThat(plan.arrivalsBetween(10, 11)).isCloseTo(1000, within(1e-9));
    // 1000 / 2 x 10 + 1000 x 1800
    assertThat(plan.arrivals()).isCloseTo(1_805_000, within(1e-6));
  }

  @Test
  void theHealthBaselineIsTwentyBatchesOfFifty() {
    LoadPlan plan = LoadPlans.healthBaseline(defaults.healthBaseline());
    List<Step> batches = plan.steps().stream().filter(s -> s instanceof Step.AtOnce).toList();
    assertThat(batches).hasSize(20).allMatch(s -> ((Step.AtOnce) s).users() == 50);
    assertThat(plan.steps().stream().filter(s -> s instanceof Step.Pause))
        .hasSize(19)
        .allMatch(s -> s.duration().equals(Duration.ofMillis(400)));
    assertThat(plan.arrivals()).isEqualTo(1000);
    assertThat(plan.duration()).isEqualTo(Duration.ofMillis(7600));
    // batches start at 0, 0.4 and 0.8 s: three in the first second
    assertThat(plan.arrivalsBetween(0, 1)).isEqualTo(150);
    assertThat(plan.scenario()).isEqualTo(TrafficMix.HEALTH_SCENARIO);
  }

  @Test
  void aBatchSizeThatDoesNotDivideLeavesASmallerLastBatch() {
    LoadPlan plan =
        LoadPlans.healthBaseline(
            SettingsLoader.fromString(
                    "phantom.profiles.health-baseline { requests = 120, batch-size = 50 }")
                .healthBaseline());
    assertThat(
            plan.steps().stream()
                .filter(s -> s instanceof Step.AtOnce)
                .map(s -> ((Step.AtOnce) s).users()))
        .containsExactly(50, 50, 20);
  }

  @Test
  void theSoakDayIsTenTimesBusierAtPeakThanAtNight() {
    LoadPlan plan = LoadPlans.soak(defaults.soak());
    assertThat(plan.duration()).isEqualTo(Duration.ofHours(72));
    double h = 3600;
    // day 1, 09:00-17:00: the 5-min ramp 100 -> 1000 (550 x 300 = 165,000) + 1000 x 28,500 s
    double peak = plan.arrivalsBetween(9 * h, 17 * h);
    assertThat(peak).isCloseTo(28_665_000, within(1e-3));
    // day 1 22:00 - day 2 06:00: 100 x 8 h
    double night = plan.arrivalsBetween(22 * h, 30 * h);
    assertThat(night).isCloseTo(2_880_000, within(1e-3));
    assertThat(peak / night).isCloseTo(10, within(0.05));
    // away from the ramps the ratio is exactly the ratio of the levels
    assertThat(plan.arrivalsBetween(10 * h, 16 * h) / plan.arrivalsBetween(23 * h, 29 * h))
        .isCloseTo(10, within(1e-9));
  }

  @Test
  void theSoakSendsItsHandDerivedTotal() {
    LoadPlan plan = LoadPlans.soak(defaults.soak());
    // a day: 1000 users x 8 h + 100 users x 16 h at one request per second each
    // = 28,800,000 + 5,760,000 = 34,560,000 (the two ramps cancel: up loses what down adds)
    assertThat(plan.arrivalsBetween(0, 24 * 3600)).isCloseTo(34_560_000, within(1e-3));
    assertThat(plan.arrivals()).isCloseTo(103_680_000, within(1e-2));
  }

  @ParameterizedTest
  @ValueSource(doubles = {60, 3600, 4320, 7})
  void compressionDividesDurationsAndTotalKeepsRatesAndShape(double scale) {
    LoadPlan real = LoadPlans.soak(defaults.soak());
    LoadPlan compressed = LoadPlans.soak(soak("phantom.profiles.soak.time-scale = " + scale));
    assertThat(compressed.duration())
        .isEqualTo(Duration.ofMillis(Math.round(72 * 3600_000 / scale)));
    // time-scale 60: 103,680,000 / 60 = 1,728,000; 3600: 28,800; 4320: 24,000. Rounding a
    // piece's end to the millisecond moves at most 1000 req/s x 0.5 ms = 0.5 arrivals.
    assertThat(compressed.arrivals())
        .isCloseTo(real.arrivals() / scale, within(0.5 * compressed.steps().size()));
    double h = 3600 / scale;
    assertThat(
            compressed.arrivalsBetween(9 * h, 17 * h) / compressed.arrivalsBetween(22 * h, 30 * h))
        .isCloseTo(
            real.arrivalsBetween(9 * 3600, 17 * 3600) / real.arrivalsBetween(22 * 3600, 30 * 3600),
            within(0.01));
    assertThat(compressed.arrivalsBetween(10 * h, 16 * h) / (6 * h)).isCloseTo(1000, within(1e-6));
    assertThat(compressed.arrivalsBetween(23 * h, 29 * h) / (6 * h)).isCloseTo(100, within(1e-6));
  }

  @Test
  void compressedTotalsAreTheRealTotalOverTheScale() {
    assertThat(LoadPlans.soak(soak("phantom.profiles.soak.time-scale = 60")).arrivals())
        .isCloseTo(1_728_000, within(1.0));
    assertThat(LoadPlans.soak(soak("phantom.profiles.soak.time-scale = 3600")).arrivals())
        .isCloseTo(28_800, within(1.0));
  }

  @Test
  void theSoakStartsAtItsStartHour() {
    LoadPlan plan =
        LoadPlans.soak(soak("phantom.profiles.soak { start-hour = 22, time-scale = 3600 }"));
    // 22:00-06:00 is the first 8 s at 100 req/s; 09:05-17:00 of day 2 is 11.083 s .. 19 s
    assertThat(plan.arrivalsBetween(0, 8)).isCloseTo(800, within(1e-6));
    assertThat(plan.arrivalsBetween(12, 18)).isCloseTo(6000, within(1e-6));
  }

  @Test
  void onWholeSecondsKeepsEverySecondsArrivalsAndTheLength() {
    for (double scale : new double[] {3600, 4320, 7, 1234.5}) {
      LoadPlan plan = LoadPlans.soak(soak("phantom.profiles.soak.time-scale = " + scale));
      LoadPlan grid = LoadPlans.onWholeSeconds(plan);
      assertThat(grid.duration()).isEqualTo(plan.duration());
      long seconds = plan.duration().toSeconds();
      for (long k = 0; k < seconds; k++) {
        assertThat(grid.arrivalsBetween(k, k + 1))
            .as("second %d at time-scale %s", k, scale)
            .isCloseTo(plan.arrivalsBetween(k, k + 1), within(1e-6));
      }
      assertThat(grid.arrivals()).isCloseTo(plan.arrivals(), within(1.0));
      // every step but a final partial second is a whole number of seconds long
      List<Step> steps = grid.steps();
      for (Step s :
          steps.subList(0, steps.size() - (plan.duration().toMillis() % 1000 == 0 ? 0 : 2))) {
        assertThat(s.duration().toMillis() % 1000).as("%s", s).isZero();
      }
      // and it stays short: Gatling chains steps, so it must not be one step per second
      assertThat(steps.size()).isLessThan(40);
    }
  }

  @Test
  void aSubSecondRampLandsInTheSecondItBelongsTo() {
    LoadPlan grid =
        LoadPlans.onWholeSeconds(LoadPlans.soak(soak("phantom.profiles.soak.time-scale = 3600")));
    // time-scale 3600: 09:00 is 9 s in; the 83 ms ramp (550 req/s on average, 45.65 arrivals)
    // and 917 ms at 1000 req/s (917) share the second [9, 10): one 1 s step carrying 962.65
    assertThat(grid.arrivalsBetween(9, 10)).isCloseTo(45.65 + 917, within(1e-6));
    assertThat(grid.arrivalsBetween(8, 9)).isCloseTo(100, within(1e-6));
    assertThat(grid.arrivalsBetween(10, 11)).isCloseTo(1000, within(1e-6));
  }

  @Test
  void onWholeSecondsLeavesAWholeSecondPlanAlone() {
    LoadPlan spike = LoadPlans.spike(defaults.spike());
    assertThat(LoadPlans.onWholeSeconds(spike)).isEqualTo(spike);
    LoadPlan sustained = LoadPlans.sustained(defaults.sustained());
    assertThat(LoadPlans.onWholeSeconds(sustained)).isEqualTo(sustained);
  }

  @Test
  void aFinalPartialSecondArrivesAtOnce() {
    LoadPlan plan = new LoadPlan("x", List.of(new Step.Ramp(10, 10, Duration.ofMillis(2500))));
    LoadPlan grid = LoadPlans.onWholeSeconds(plan);
    assertThat(grid.steps())
        .containsExactly(
            new Step.Ramp(10, 10, Duration.ofSeconds(2)),
            new Step.AtOnce(5),
            new Step.Pause(Duration.ofMillis(500)));
    assertThatThrownBy(
            () -> LoadPlans.onWholeSeconds(LoadPlans.healthBaseline(defaults.healthBaseline())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
