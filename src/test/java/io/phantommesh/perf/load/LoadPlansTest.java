package io.phantommesh.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.phantommesh.perf.config.InjectorSettings;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadPlansTest {
  private final PerfSettings defaults = SettingsLoader.fromString("");

  @Test
  void rampUpSendsTheSeedsRequestCountOverItsFiveMinutes() {
    LoadPlan plan = LoadPlans.rampUp(defaults.rampUp());
    assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(300));
    // ramp: (100 + 1000) / 2 req/s x 60 s = 33,000; hold: 1000 req/s x 240 s = 240,000
    assertThat(plan.arrivalsBetween(0, 60)).isCloseTo(33_000, within(1e-6));
    assertThat(plan.arrivalsBetween(60, 300)).isCloseTo(240_000, within(1e-6));
    assertThat(plan.arrivals()).isCloseTo(273_000, within(1e-6));
  }

  @Test
  void rampUpClimbsLinearlyFromStartToPeak() {
    LoadPlan plan = LoadPlans.rampUp(defaults.rampUp());
    // rate at t = 100 + 15 t, so second [0,1) carries 107.5 and second [59,60) 992.5
    assertThat(plan.arrivalsBetween(0, 1)).isCloseTo(107.5, within(1e-9));
    assertThat(plan.arrivalsBetween(59, 60)).isCloseTo(992.5, within(1e-9));
    assertThat(plan.arrivalsBetween(200, 201)).isCloseTo(1000, within(1e-9));
  }

  @Test
  void theMixTurnsRequestRatesIntoSessionsAndProbes() {
    TrafficMix.Split split =
        TrafficMix.split(
            LoadPlans.rampUp(defaults.rampUp()), defaults.journey(), defaults.injector());
    // at the peak: 1000 req/s x 0.9 / 8 requests = 112.5 sessions/s; 1000 x 0.1 = 100 probes/s
    assertThat(split.sessions().arrivalsBetween(100, 101)).isCloseTo(112.5, within(1e-9));
    assertThat(split.probes().arrivalsBetween(100, 101)).isCloseTo(100, within(1e-9));
    assertThat(split.requests()).isCloseTo(273_000, within(1e-6));
    assertThat(split.requestsBetween(0, 60)).isCloseTo(33_000, within(1e-6));
  }

  @Test
  void eachInjectorCarriesItsShareWithTheSameShape() {
    InjectorSettings second = new InjectorSettings(1, 3);
    TrafficMix.Split one =
        TrafficMix.split(
            LoadPlans.rampUp(defaults.rampUp()), defaults.journey(), defaults.injector());
    TrafficMix.Split third =
        TrafficMix.split(LoadPlans.rampUp(defaults.rampUp()), defaults.journey(), second);
    assertThat(third.requests() * 3).isCloseTo(one.requests(), within(1e-6));
    assertThat(third.requestsBetween(0, 1) / third.requestsBetween(100, 101))
        .isCloseTo(one.requestsBetween(0, 1) / one.requestsBetween(100, 101), within(1e-12));
  }

  @Test
  void smokeIsShortAndSmall() {
    LoadPlan plan = LoadPlans.smoke(defaults.smoke());
    assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(plan.arrivals()).isCloseTo(200, within(1e-9));
  }

  @Test
  void anAtOnceStepCountsInTheWindowOfItsInstant() {
    LoadPlan plan =
        new LoadPlan(
            "x",
            java.util.List.of(
                new Step.AtOnce(50), new Step.Pause(Duration.ofSeconds(1)), new Step.AtOnce(50)));
    assertThat(plan.arrivalsBetween(0, 1)).isEqualTo(50);
    assertThat(plan.arrivalsBetween(1, 2)).isEqualTo(50);
    assertThat(plan.arrivals()).isEqualTo(100);
  }
}
