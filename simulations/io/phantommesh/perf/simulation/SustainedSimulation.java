package io.phantommesh.perf.simulation;

import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.simulation.support.PhantomSimulation;

/**
 * The sustained model: a constant rate for a long hold, to see whether latency and errors stay flat
 * over time.
 *
 * <p>Shape (defaults, {@code phantom.profiles.sustained}): a linear ramp-in from 0 to 1,000 req/s
 * over 10 s (so the first seconds do not measure a cold JIT and empty connection pools), then 1,000
 * req/s for 30 min: 5,000 + 1,800,000 = 1,805,000 requests. Targets: the global {@code phantom.slo}
 * block (seed: load-test-harness-summary).
 */
public class SustainedSimulation extends PhantomSimulation {
  public SustainedSimulation() {
    super("sustained");
    setUpMix(LoadPlans.onWholeSeconds(LoadPlans.sustained(settings.sustained())));
  }
}
