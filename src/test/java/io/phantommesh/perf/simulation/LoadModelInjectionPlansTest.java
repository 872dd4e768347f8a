package io.phantommesh.perf.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.simulation.support.InjectionPlans;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.collection.Iterator;
import scala.concurrent.duration.FiniteDuration;

/**
 * Gatling injects what the plans of the new models say: its own step user counts, and for the
 * compressed soak the injection times Gatling itself computes, second by second.
 */
class LoadModelInjectionPlansTest {
  private final PerfSettings defaults = SettingsLoader.fromString("");

  private static long gatlingUsers(LoadPlan plan) {
    return InjectionPlans.toGatling(plan).stream().mapToLong(s -> s.asScala().users()).sum();
  }

  /**
   * Gatling's injection instants of a plan (milliseconds from the start), as its Injector chains
   * them.
   */
  private static long[] gatlingArrivalsPerSecond(LoadPlan plan, int seconds) {
    List<OpenInjectionStep> steps = InjectionPlans.toGatling(plan);
    Iterator<FiniteDuration> it = scala.collection.Iterator$.MODULE$.empty();
    for (int i = steps.size() - 1; i >= 0; i--) {
      it = steps.get(i).asScala().chain(it);
    }
    long[] perSecond = new long[seconds + 1];
    while (it.hasNext()) {
      long ms = it.next().toMillis();
      perSecond[(int) Math.min(seconds, ms / 1000)]++;
    }
    return perSecond;
  }

  @Test
  void gatlingCountsTheSpikesUsers() {
    TrafficMix.Split split =
        TrafficMix.split(
            LoadPlans.onWholeSeconds(LoadPlans.spike(defaults.spike())),
            defaults.journey(),
            defaults.injector());
    for (LoadPlan plan : List.of(split.sessions(), split.probes())) {
      // Gatling rounds each step's users to a whole number: at most one apart per step
      assertThat((double) gatlingUsers(plan))
          .isCloseTo(plan.arrivals(), within((double) plan.steps().size()));
    }
    // 71,000 requests: 7,987.5 sessions of 8 requests and 7,100 probes
    assertThat(split.sessions().arrivals()).isCloseTo(71_000 * 0.9 / 8, within(1e-6));
    assertThat(split.probes().arrivals()).isCloseTo(7_100, within(1e-6));
  }

  @Test
  void gatlingCountsTheHealthBaselinesUsersBatchByBatch() {
    LoadPlan plan = LoadPlans.healthBaseline(defaults.healthBaseline());
    List<OpenInjectionStep> steps = InjectionPlans.toGatling(plan);
    assertThat(steps).hasSize(39);
    assertThat(steps.stream().mapToLong(s -> s.asScala().users()).filter(u -> u > 0))
        .hasSize(20)
        .allMatch(u -> u == 50);
    assertThat(gatlingUsers(plan)).isEqualTo(1000);
    // Gatling's own instants: batches at 0, 400, 800 ms ... 7,600 ms
    long[] perSecond = gatlingArrivalsPerSecond(plan, 8);
    assertThat(perSecond).containsExactly(150, 100, 150, 100, 150, 100, 150, 100, 0);
  }

  @Test
  void gatlingInjectsTheCompressedSoakSecondBySecond() {
    // 72 h at time-scale 3600: 72 s; levels 100 and 1,000 req/s; 5-min ramps become 83 ms
    PerfSettings s = SettingsLoader.fromString("phantom.profiles.soak.time-scale = 3600");
    LoadPlan requests = LoadPlans.soak(s.soak());
    LoadPlan grid = LoadPlans.onWholeSeconds(requests);
    long[] perSecond = gatlingArrivalsPerSecond(grid, 72);
    for (int k = 0; k < 72; k++) {
      // Gatling carries fractions from second to second: within one arrival of the plan
      assertThat((double) perSecond[k])
          .as("second %d", k)
          .isCloseTo(requests.arrivalsBetween(k, k + 1), within(1.0));
    }
    assertThat(perSecond[72]).isZero();
    assertThat((double) java.util.Arrays.stream(perSecond).sum()).isCloseTo(28_800, within(2.0));
    // without the grid Gatling cannot even chain the plan: an 83 ms rate ramp has 0 whole seconds
    // and RampRateOpenInjection divides by them
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gatlingArrivalsPerSecond(requests, 72))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void gatlingCountsTheSustainedUsers() {
    TrafficMix.Split split =
        TrafficMix.split(
            LoadPlans.sustained(defaults.sustained()), defaults.journey(), defaults.injector());
    assertThat((double) gatlingUsers(split.probes())).isCloseTo(180_500, within(2.0));
  }
}
