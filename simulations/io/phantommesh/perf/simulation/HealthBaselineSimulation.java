package io.phantommesh.perf.simulation;

import io.gatling.javaapi.core.PopulationBuilder;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.simulation.support.HttpProtocols;
import io.phantommesh.perf.simulation.support.InjectionPlans;
import io.phantommesh.perf.simulation.support.PhantomSimulation;
import io.phantommesh.perf.simulation.support.SloAssertions;
import io.phantommesh.perf.simulation.support.WarmUp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The staging report's health baseline: 1,000 {@code GET /health} requests, each from its own
 * virtual user on its own connection, started in batches of 50.
 *
 * <p>Shape (defaults, {@code phantom.profiles.health-baseline}): 20 batches of 50 users arriving at
 * once, 400 ms apart (the seed's pace: 20 batches in 8.36 s), so the arrivals span 7.6 s: 1,000
 * requests, no VPN sessions. Before them, the silent warm-up ({@code phantom.journey.warm-up})
 * sends /health probes the same way, unrecorded, to its own embedded service (to the target, at
 * most at 150 req/s, with {@code warm-up-target = target}, as the staging service was warm).
 * Targets: the seed's own, in {@code phantom.profiles.health-baseline.slo}: P50 <= 100 ms, P99 <=
 * 200 ms, errors below 1 %, peak req/s >= 100 (two batches per second).
 */
public class HealthBaselineSimulation extends PhantomSimulation {
  public HealthBaselineSimulation() {
    super("health-baseline");
    LoadPlan users =
        LoadPlans.healthBaseline(settings.healthBaseline())
            .scaled(TrafficMix.HEALTH_SCENARIO, settings.injector()::share);
    // One request per user: the users' plan is the request plan.
    liveOn(users);
    WarmUp warmUp = openWarmUp(users.arrivalsBetween(0, 1) * settings.injector().count());
    Optional<String> gatlingWarmUp = warmUp.protocolWarmUpUrl();
    PopulationBuilder measured =
        journeys
            .healthScenario()
            .injectOpen(InjectionPlans.toGatling(users))
            .protocols(HttpProtocols.ownConnectionProbes(target.settings(), gatlingWarmUp));
    List<PopulationBuilder> warmUps =
        warmUp.isOn()
            ? List.of(
                warmUpJourneys(warmUp)
                    .healthScenario()
                    .injectOpen(
                        InjectionPlans.toGatling(
                            warmUp.plan().scaled("warm-up", settings.injector()::share)))
                    .protocols(
                        HttpProtocols.warmUp(
                            HttpProtocols.ownConnectionProbes(
                                warmUp.destination(), gatlingWarmUp))))
            : List.of();
    Duration warmUpLength = settings.journey().warmUp();
    setUp(afterWarmUp(warmUps, List.of(measured)))
        .assertions(SloAssertions.of(settings.sloFor(profile)))
        .maxDuration(maxDuration(warmUpLength.plus(users.duration())));
  }
}
