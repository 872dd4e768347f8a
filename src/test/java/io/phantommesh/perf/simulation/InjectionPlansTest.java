package io.phantommesh.perf.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.core.controller.inject.open.ConstantRateOpenInjection;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.simulation.support.InjectionPlans;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Gatling steps are the plan's steps: same rates, same durations, same user counts. */
class InjectionPlansTest {
  private final PerfSettings defaults = SettingsLoader.fromString("");

  @Test
  void rampUpSessionsBecomeARampThenAConstantRate() {
    LoadPlan sessions =
        TrafficMix.split(
                LoadPlans.rampUp(defaults.rampUp()), defaults.journey(), defaults.injector())
            .sessions();
    List<OpenInjectionStep> steps = InjectionPlans.toGatling(sessions);
    assertThat(steps).hasSize(2);
    RampRateOpenInjection ramp = (RampRateOpenInjection) steps.get(0).asScala();
    assertThat(ramp.startRate()).isEqualTo(100 * 0.9 / 8);
    assertThat(ramp.endRate()).isEqualTo(1000 * 0.9 / 8);
    assertThat(ramp.duration().toSeconds()).isEqualTo(60);
    ConstantRateOpenInjection hold = (ConstantRateOpenInjection) steps.get(1).asScala();
    assertThat(hold.rate()).isEqualTo(112.5);
    assertThat(hold.duration().toSeconds()).isEqualTo(240);
  }

  @Test
  void gatlingCountsTheSameUsersAsThePlan() {
    TrafficMix.Split split =
        TrafficMix.split(
            LoadPlans.rampUp(defaults.rampUp()), defaults.journey(), defaults.injector());
    for (LoadPlan plan : List.of(split.sessions(), split.probes())) {
      long gatlingUsers =
          InjectionPlans.toGatling(plan).stream().mapToLong(s -> s.asScala().users()).sum();
      assertThat((double) gatlingUsers)
          .isCloseTo(plan.arrivals(), org.assertj.core.data.Offset.offset(1.0));
    }
  }
}
