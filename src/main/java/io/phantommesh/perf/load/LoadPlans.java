package io.phantommesh.perf.load;

import io.phantommesh.perf.config.RampUpProfile;
import io.phantommesh.perf.config.SmokeProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The request-rate plans of the load models, built from settings (no number lives in code).
 *
 * <p>Stateless. Rates are requests per second over all injectors; {@link TrafficMix} turns them
 * into this injector's user arrivals.
 */
public final class LoadPlans {
  private LoadPlans() {}

  /** Seed ramp-up: linear from start-rate to peak-rate over the ramp, then hold to the end. */
  public static LoadPlan rampUp(RampUpProfile p) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step.Ramp(p.startRate(), p.peakRate(), p.ramp()));
    if (!p.hold().isZero()) {
      steps.add(new Step.Ramp(p.peakRate(), p.peakRate(), p.hold()));
    }
    return new LoadPlan("requests", steps);
  }

  /** Smoke: a constant low rate for a few seconds. */
  public static LoadPlan smoke(SmokeProfile p) {
    return new LoadPlan("requests", List.of(new Step.Ramp(p.rate(), p.rate(), p.duration())));
  }
}
