package io.phantommesh.perf.simulation.support;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.simulation.journey.VpnJourneys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of every load model: loads and validates settings, opens the target, wires journeys,
 * injection plans and the assertion block, and closes the target when the run ends.
 *
 * <p>Subclasses stay thin: they name their profile and hand over a plan built from settings.
 * Gatling instantiates a simulation once per run.
 */
public abstract class PhantomSimulation extends Simulation {
  protected final String profile;
  protected final PerfSettings settings;
  protected final RunTarget target;
  protected final VpnJourneys journeys;

  /**
   * Loads settings and opens the target; fails before any load on a bad setting or target.
   *
   * @param profile the key of the model under {@code phantom.profiles}, e.g. {@code "ramp-up"}
   */
  protected PhantomSimulation(String profile) {
    this.profile = profile;
    this.settings = SettingsLoader.load();
    this.target = RunTarget.open(settings);
    this.journeys =
        new VpnJourneys(target.settings(), settings.journey(), new Feeders(settings.injector()));
  }

  /**
   * Sets up the traffic mix of VPN sessions and /health probes for a plan of request rates, with
   * the model's assertion block and a hard time bound.
   */
  protected final void setUpMix(LoadPlan requestRates) {
    TrafficMix.Split split = TrafficMix.split(requestRates, settings.journey(), settings.injector());
    List<PopulationBuilder> populations = new ArrayList<>();
    if (!split.sessions().isEmpty()) {
      populations.add(
          journeys
              .sessionScenario()
              .injectOpen(InjectionPlans.toGatling(split.sessions()))
              .protocols(HttpProtocols.sessions(target.settings())));
    }
    if (!split.probes().isEmpty()) {
      populations.add(
          journeys
              .healthScenario()
              .injectOpen(InjectionPlans.toGatling(split.probes()))
              .protocols(HttpProtocols.probes(target.settings())));
    }
    setUp(populations)
        .assertions(SloAssertions.of(settings.sloFor(profile)))
        .maxDuration(maxDuration(requestRates.duration()));
  }

  /** The plan's length plus time for the last sessions to finish, so no run can hang. */
  protected Duration maxDuration(Duration planLength) {
    Duration sessionLength =
        settings.journey().keepaliveInterval().multipliedBy(settings.journey().keepalives());
    Duration grace = settings.target().requestTimeout().multipliedBy(3).plus(sessionLength);
    return planLength.plus(grace.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : grace);
  }

  @Override
  public void after() {
    target.close();
  }
}
