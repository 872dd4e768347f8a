package io.phantommesh.perf.simulation;

import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.simulation.support.PhantomSimulation;

/**
 * A few seconds of the real journeys at a low rate: CI's proof that settings, target, journeys,
 * assertions and post-processing are wired.
 *
 * <p>Shape (defaults, {@code phantom.profiles.smoke}): 40 req/s for 5 s, about 200 requests. Its
 * peak req/s floor is lowered to 20 (a wiring check, not a capacity test); latency and error
 * targets are the seed's.
 */
public class SmokeSimulation extends PhantomSimulation {
  public SmokeSimulation() {
    super("smoke");
    setUpMix(LoadPlans.smoke(settings.smoke()));
  }
}
