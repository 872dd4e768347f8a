package io.phantommesh.perf.run;

import io.phantommesh.perf.spike.SpikeFacts;
import io.phantommesh.perf.spike.SpikeRecovery;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The spike model's recovery: seconds from the end of the spike until the per-second P99 is back
 * under its target for the recorded stable-seconds count in a row. The spike's shape comes from the
 * run's own facts ({@link SpikeFacts} in its sidecar), never from the settings at report time; only
 * the P99 target does. Added under {@code extra.spike}, with a {@code spike_recovery} verdict: PASS
 * when the target recovered within the run's recovery window, WARNING when it did not, or when the
 * run folder does not record its spike (the seed gives no recovery limit, so never CRITICAL).
 */
final class SpikeAnalysis implements ModelAnalysis {
  static final String PROFILE = "spike";
  private static final String METRIC = "spike_recovery";
  private static final String LABEL = "Spike recovery";

  @Override
  public Optional<Contribution> analyze(Context context) {
    RunInputs in = context.inputs();
    if (!context.profile().equals(PROFILE) || in.statistics().runs().isEmpty()) {
      return Optional.empty();
    }
    Optional<SpikeFacts> facts = in.firstFact(RunSidecar::spike);
    if (facts.isEmpty()) {
      String why = missing(in);
      Verdict v =
          Verdict.unmeasured(
              METRIC, LABEL, Units.SECONDS, Bound.AT_MOST, 0, null, Tier.WARNING, why);
      return Optional.of(new Contribution(PROFILE, null, List.of(v), List.of(), List.of(why)));
    }
    SpikeFacts spike = facts.get();
    long loadStart = in.statistics().startEpochMillis() + spike.warmUpMs();
    long p99Target = (long) Math.floor(context.settings().sloFor(PROFILE).p99Millis().target());
    SpikeRecovery.Summary summary =
        SpikeRecovery.summarize(in.statistics().timeline(), loadStart, spike, p99Target);
    double window = spike.recoveryWindowSeconds();
    Verdict verdict =
        summary.recovered()
            ? Verdict.evaluate(
                METRIC,
                LABEL,
                summary.recoverySeconds(),
                Units.SECONDS,
                Bound.AT_MOST,
                window,
                null)
            : Verdict.unmeasured(
                METRIC,
                LABEL,
                Units.SECONDS,
                Bound.AT_MOST,
                window,
                null,
                Tier.WARNING,
                "not recovered: per-second P99 still above "
                    + p99Target
                    + " ms when the run ended");
    return Optional.of(new Contribution(PROFILE, summary, List.of(verdict), List.of(), List.of()));
  }

  private static String missing(RunInputs in) {
    Path first = in.runFolders().get(0);
    return in.sidecars().isEmpty()
        ? "the spike's shape is unknown: "
            + first.resolve(RunSidecar.FILE_NAME)
            + " is missing; re-run the model to judge its recovery"
        : "the spike's shape is unknown: "
            + in.sidecars().get(0).missingFactsNote("the spike that ran", first);
  }
}
