package io.phantommesh.perf.simulation;

import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.simulation.support.PhantomSimulation;

/**
 * The seed's ramp-up model, and the default of {@code mvn gatling:test}.
 *
 * <p>Shape (defaults, {@code phantom.profiles.ramp-up}): the request rate climbs linearly from 100
 * to 1,000 req/s over 60 s, then holds 1,000 req/s until 300 s: 33,000 + 240,000 = 273,000 requests
 * expected, 90 % of them in VPN sessions of 8 requests and 10 % /health probes. Targets: the global
 * {@code phantom.slo} block (seed: load-test-harness-summary, "Target Validation Criteria").
 */
public class RampUpSimulation extends PhantomSimulation {
  public RampUpSimulation() {
    super("ramp-up");
    setUpMix(LoadPlans.rampUp(settings.rampUp()));
  }
}
