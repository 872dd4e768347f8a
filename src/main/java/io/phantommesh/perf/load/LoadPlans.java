package io.phantommesh.perf.load;

import io.phantommesh.perf.config.HealthBaselineProfile;
import io.phantommesh.perf.config.RampUpProfile;
import io.phantommesh.perf.config.SmokeProfile;
import io.phantommesh.perf.config.SoakProfile;
import io.phantommesh.perf.config.SpikeProfile;
import io.phantommesh.perf.config.SustainedProfile;
import io.phantommesh.perf.soak.SoakSchedule;
import java.time.Duration;
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

  /**
   * Spike: baseline, linear climb to the peak, hold, linear return, recovery at the baseline. A
   * zero ramp-up or ramp-down is a step (no ramp step in the plan).
   */
  public static LoadPlan spike(SpikeProfile p) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step.Ramp(p.baselineRate(), p.baselineRate(), p.baseline()));
    if (!p.rampUp().isZero()) {
      steps.add(new Step.Ramp(p.baselineRate(), p.peakRate(), p.rampUp()));
    }
    steps.add(new Step.Ramp(p.peakRate(), p.peakRate(), p.hold()));
    if (!p.rampDown().isZero()) {
      steps.add(new Step.Ramp(p.peakRate(), p.baselineRate(), p.rampDown()));
    }
    steps.add(new Step.Ramp(p.baselineRate(), p.baselineRate(), p.recovery()));
    return new LoadPlan("requests", steps);
  }

  /** Sustained: a linear ramp-in from 0 (if any), then the rate for the whole hold. */
  public static LoadPlan sustained(SustainedProfile p) {
    List<Step> steps = new ArrayList<>();
    if (!p.rampIn().isZero()) {
      steps.add(new Step.Ramp(0, p.rate(), p.rampIn()));
    }
    steps.add(new Step.Ramp(p.rate(), p.rate(), p.hold()));
    return new LoadPlan("requests", steps);
  }

  /**
   * Health baseline: the /health users (one request each), in batches that arrive at once, a batch
   * gap apart. Users, not a request-rate plan: it goes to the probe scenario as it is.
   */
  public static LoadPlan healthBaseline(HealthBaselineProfile p) {
    List<Step> steps = new ArrayList<>();
    int left = p.requests();
    while (left > 0) {
      int batch = Math.min(p.batchSize(), left);
      steps.add(new Step.AtOnce(batch));
      left -= batch;
      if (left > 0 && !p.batchGap().isZero()) {
        steps.add(new Step.Pause(p.batchGap()));
      }
    }
    return new LoadPlan(TrafficMix.HEALTH_SCENARIO, steps);
  }

  /**
   * Soak: the daily schedule from start-hour for the simulated duration, compressed by the time
   * scale. One {@link Step.Ramp} per linear piece of the schedule (constant pieces are ramps with
   * equal rates); rates are kept and durations divided by the time scale. Each piece's wall-clock
   * bounds are its simulated bounds divided by the time scale and rounded to the millisecond, so
   * rounding never accumulates: the plan lasts exactly {@code round(duration / time-scale)} ms. A
   * piece that scales to under 1 ms (a ramp at a huge time scale) becomes a step.
   *
   * <p>Gatling injects only in whole seconds of a step (see {@link #onWholeSeconds}); hand this
   * plan through that before translating it.
   */
  public static LoadPlan soak(SoakProfile p) {
    long start = p.startOffset().toMillis();
    long end = start + p.duration().toMillis();
    List<Step> steps = new ArrayList<>();
    for (SoakSchedule.Piece piece : new SoakSchedule(p).between(start, end)) {
      long wallFrom = Math.round((piece.startMillis() - start) / p.timeScale());
      long wallTo = Math.round((piece.endMillis() - start) / p.timeScale());
      if (wallTo > wallFrom) {
        steps.add(
            new Step.Ramp(piece.fromRate(), piece.toRate(), Duration.ofMillis(wallTo - wallFrom)));
      }
    }
    return new LoadPlan("requests", steps);
  }

  /**
   * The same arrivals on Gatling's whole-second grid: every second {@code [k, k+1)} of the result
   * holds exactly the arrivals of that second of {@code plan}, and the result lasts exactly as
   * long.
   *
   * <p>Why: a Gatling rate step of d seconds injects only in its first {@code floor(d)} whole
   * seconds (its users are counted per second, its length is kept to the millisecond), so a step of
   * 83 ms injects nobody and one of 7.917 s leaves its last 0.917 s empty. Here a run of whole
   * seconds inside one step of {@code plan} stays one ramp, a second that a step boundary cuts
   * becomes a one-second constant step carrying that second's arrivals, and a final partial second
   * becomes its arrivals at once plus a pause. A plan on whole seconds comes back unchanged.
   *
   * @param plan a plan of {@link Step.Ramp} and {@link Step.Pause} steps
   * @throws IllegalArgumentException for a plan holding {@link Step.AtOnce} steps
   */
  public static LoadPlan onWholeSeconds(LoadPlan plan) {
    List<Long> bounds = new ArrayList<>();
    long t = 0;
    bounds.add(0L);
    for (Step s : plan.steps()) {
      if (s instanceof Step.AtOnce) {
        throw new IllegalArgumentException(
            "a plan with at-once steps is already Gatling's own: " + plan);
      }
      if (s.duration().toNanos() % 1_000_000 != 0) {
        throw new IllegalArgumentException(
            "step durations must be whole milliseconds, was " + s.duration());
      }
      t += s.duration().toMillis();
      bounds.add(t);
    }
    long totalMillis = t;
    long seconds = totalMillis / 1000;
    List<Step> out = new ArrayList<>();
    int i = 0; // the step holding the current second's start
    long k = 0;
    while (k < seconds) {
      while (bounds.get(i + 1) <= k * 1000) {
        i++;
      }
      long stepEnd = bounds.get(i + 1);
      long cleanEnd = Math.min(seconds, stepEnd / 1000); // whole seconds inside step i from k on
      if (cleanEnd > k) {
        Step s = plan.steps().get(i);
        long stepStart = bounds.get(i);
        if (s instanceof Step.Ramp r) {
          double from = rateAt(r, k * 1000 - stepStart);
          double to = rateAt(r, cleanEnd * 1000 - stepStart);
          out.add(new Step.Ramp(from, to, Duration.ofSeconds(cleanEnd - k)));
        } else {
          out.add(new Step.Pause(Duration.ofSeconds(cleanEnd - k)));
        }
        k = cleanEnd;
      } else {
        double n = plan.arrivalsBetween(k, k + 1);
        out.add(
            n > 0
                ? new Step.Ramp(n, n, Duration.ofSeconds(1))
                : new Step.Pause(Duration.ofSeconds(1)));
        k++;
      }
    }
    long rest = totalMillis - seconds * 1000;
    if (rest > 0) {
      long n = Math.round(plan.arrivalsBetween(seconds, totalMillis / 1000.0));
      if (n > 0) {
        out.add(new Step.AtOnce((int) n));
      }
      out.add(new Step.Pause(Duration.ofMillis(rest)));
    }
    return new LoadPlan(plan.scenario(), out);
  }

  private static double rateAt(Step.Ramp r, long millisIntoStep) {
    return r.fromRate() + (r.toRate() - r.fromRate()) * millisIntoStep / r.duration().toMillis();
  }
}
