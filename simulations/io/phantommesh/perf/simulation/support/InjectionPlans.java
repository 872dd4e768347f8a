package io.phantommesh.perf.simulation.support;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.Step;
import java.util.List;

/**
 * Translates a {@link LoadPlan} into Gatling open injection steps, one step for one step, so the
 * arrivals computed from the plan in unit tests are the arrivals Gatling injects.
 */
public final class InjectionPlans {
  private InjectionPlans() {}

  /** The Gatling steps of a plan, in order. */
  public static List<OpenInjectionStep> toGatling(LoadPlan plan) {
    return plan.steps().stream().map(InjectionPlans::toGatling).toList();
  }

  static OpenInjectionStep toGatling(Step step) {
    if (step instanceof Step.Ramp r) {
      return r.isConstant()
          ? constantUsersPerSec(r.fromRate()).during(r.duration())
          : rampUsersPerSec(r.fromRate()).to(r.toRate()).during(r.duration());
    }
    if (step instanceof Step.AtOnce a) {
      return atOnceUsers(a.users());
    }
    return nothingFor(step.duration());
  }
}
