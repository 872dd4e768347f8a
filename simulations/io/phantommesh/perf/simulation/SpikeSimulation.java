package io.phantommesh.perf.simulation;

import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.run.RunSidecar;
import io.phantommesh.perf.simulation.support.PhantomSimulation;
import io.phantommesh.perf.spike.SpikeFacts;

/**
 * The spike model: a sudden jump to 15x the baseline rate and back, to see whether the target keeps
 * up and how fast it recovers.
 *
 * <p>Shape (defaults, {@code phantom.profiles.spike}): 100 req/s for 60 s, a linear climb to 1,500
 * req/s over 5 s, 30 s at 1,500 req/s, a linear return to 100 req/s over 5 s, then 120 s at 100
 * req/s: 220 s, 6,000 + 4,000 + 45,000 + 4,000 + 12,000 = 71,000 requests (90 % in VPN sessions of
 * 8 requests, 10 % /health probes), after the silent warm-up. Targets: the global {@code
 * phantom.slo} block (seed: load-test-harness-summary); the post-processor adds the recovery time
 * ({@code io.phantommesh.perf.spike.SpikeRecovery}), counted from the end of the hold:
 * measured-load start + 95 s, i.e. run start + warm-up + 95 s (the run's sidecar records the spike
 * that ran).
 */
public class SpikeSimulation extends PhantomSimulation {
  public SpikeSimulation() {
    super("spike");
    setUpMix(LoadPlans.onWholeSeconds(LoadPlans.spike(settings.spike())));
  }

  /** The spike that runs, which its recovery is judged by. */
  @Override
  protected RunSidecar withModelFacts(RunSidecar facts) {
    return facts.withSpike(SpikeFacts.of(settings.spike(), settings.journey().warmUp()));
  }
}
