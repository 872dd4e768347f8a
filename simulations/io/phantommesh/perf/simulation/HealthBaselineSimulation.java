package io.phantommesh.perf.simulation;

import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.simulation.support.HttpProtocols;
import io.phantommesh.perf.simulation.support.InjectionPlans;
import io.phantommesh.perf.simulation.support.PhantomSimulation;
import io.phantommesh.perf.simulation.support.SloAssertions;

/**
 * The staging report's health baseline: 1,000 {@code GET /health} requests, each from its own
 * virtual user on its own connection, started in batches of 50.
 *
 * <p>Shape (defaults, {@code phantom.profiles.health-baseline}): 20 batches of 50 users arriving at
 * once, 400 ms apart (the seed's pace: 20 batches in 8.36 s), so the arrivals span 7.6 s: 1,000
 * requests, no VPN sessions. Targets: the seed's own, in {@code
 * phantom.profiles.health-baseline.slo}: P50 <= 100 ms, P99 <= 200 ms, errors below 1 %, peak req/s
 * >= 100 (two batches per second).
 */
public class HealthBaselineSimulation extends PhantomSimulation {
  public HealthBaselineSimulation() {
    super("health-baseline");
    LoadPlan users =
        LoadPlans.healthBaseline(settings.healthBaseline())
            .scaled(TrafficMix.HEALTH_SCENARIO, settings.injector()::share);
    setUp(
            journeys
                .healthScenario()
                .injectOpen(InjectionPlans.toGatling(users))
                .protocols(HttpProtocols.ownConnectionProbes(target.settings())))
        .assertions(SloAssertions.of(settings.sloFor(profile)))
        .maxDuration(maxDuration(users.duration()));
  }
}
