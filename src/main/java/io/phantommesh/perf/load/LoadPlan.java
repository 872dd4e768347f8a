package io.phantommesh.perf.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The open-model injection plan of one scenario: steps run one after another.
 *
 * <p>Immutable. Rates are user arrivals per second of this injector.
 */
public record LoadPlan(String scenario, List<Step> steps) {

  public LoadPlan {
    steps = List.copyOf(steps);
  }

  /** Total run length of the plan (the sum of its steps). */
  public Duration duration() {
    return steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** Users arriving over the whole plan. */
  public double arrivals() {
    return steps.stream().mapToDouble(Step::arrivals).sum();
  }

  /**
   * Users arriving in the window {@code [fromSeconds, toSeconds)} measured from the plan start. An
   * {@link Step.AtOnce} step counts in the window that contains its instant.
   */
  public double arrivalsBetween(double fromSeconds, double toSeconds) {
    double offset = 0;
    double total = 0;
    for (Step s : steps) {
      double len = Step.seconds(s.duration());
      if (s instanceof Step.AtOnce) {
        if (offset >= fromSeconds && offset < toSeconds) {
          total += s.arrivals();
        }
      } else {
        total += s.arrivalsBetween(fromSeconds - offset, toSeconds - offset);
      }
      offset += len;
    }
    return total;
  }

  /** The same plan with every rate and user count transformed (for shares of a request rate). */
  public LoadPlan scaled(String newScenario, DoubleUnaryOperator rate) {
    List<Step> out = new ArrayList<>();
    for (Step s : steps) {
      if (s instanceof Step.Ramp r) {
        out.add(
            new Step.Ramp(
                rate.applyAsDouble(r.fromRate()), rate.applyAsDouble(r.toRate()), r.duration()));
      } else if (s instanceof Step.AtOnce a) {
        out.add(new Step.AtOnce((int) Math.round(rate.applyAsDouble(a.users()))));
      } else {
        out.add(s);
      }
    }
    return new LoadPlan(newScenario, out);
  }

  /** True when no user ever arrives. */
  public boolean isEmpty() {
    return arrivals() == 0;
  }
}
