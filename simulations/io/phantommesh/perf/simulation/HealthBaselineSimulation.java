package io.phantommesh.perf.simulation;

import io.gatling.javaapi.core.PopulationBuilder;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.load.Step;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.simulation.support.HttpProtocols;
import io.phantommesh.perf.simulation.support.InjectionPlans;
import io.phantommesh.perf.simulation.support.PhantomSimulation;
import io.phantommesh.perf.simulation.support.SloAssertions;
import java.time.Duration;
import java.util.List;

/**
 * The staging report's health baseline: 1,000 {@code GET /health} requests, each from its own
 * virtual user on its own connection, started in batches of 50.
 *
 * <p>Shape (defaults, {@code phantom.profiles.health-baseline}): 20 batches of 50 users arriving at
 * once, 400 ms apart (the seed's pace: 20 batches in 8.36 s), so the arrivals span 7.6 s: 1,000
 * requests, no VPN sessions. Before them, the silent warm-up ({@code phantom.journey.warm-up})
 * sends /health probes the same way, unrecorded, as the staging service was warm. Targets: the
 * seed's own, in {@code phantom.profiles.health-baseline.slo}: P50 <= 100 ms, P99 <= 200 ms, errors
 * below 1 %, peak req/s >= 100 (two batches per second).
 */
public class HealthBaselineSimulation extends PhantomSimulation {
  public HealthBaselineSimulation() {
    super("health-baseline");
    LoadPlan users =
        LoadPlans.healthBaseline(settings.healthBaseline())
            .scaled(TrafficMix.HEALTH_SCENARIO, settings.injector()::share);
    // One request per user: the users' plan is the request plan.
    liveOn(users);
    PopulationBuilder measured =
        journeys
            .healthScenario()
            .injectOpen(InjectionPlans.toGatling(users))
            .protocols(HttpProtocols.ownConnectionProbes(target.settings()));
    Duration warmUp = settings.journey().warmUp();
    double warmRate = settings.injector().share(settings.journey().warmUpRate());
    PopulationBuilder population =
        warmUp.isZero()
            ? measured
            : journeys
                .silent()
                .healthScenario()
                .injectOpen(
                    InjectionPlans.toGatling(
                        new LoadPlan(
                            "warm-up", List.of(new Step.Ramp(warmRate, warmRate, warmUp)))))
                .protocols(
                    HttpProtocols.warmUp(HttpProtocols.ownConnectionProbes(target.settings())))
                .andThen(measured);
    setUp(population)
        .assertions(SloAssertions.of(settings.sloFor(profile)))
        .maxDuration(maxDuration(warmUp.plus(users.duration())));
  }
}
