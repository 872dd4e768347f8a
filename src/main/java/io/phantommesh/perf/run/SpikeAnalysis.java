package io.phantommesh.perf.run;

import io.phantommesh.perf.config.SpikeProfile;
import io.phantommesh.perf.spike.SpikeRecovery;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The spike model's recovery: seconds from the end of the spike until the per-second P99 is back
 * under its target for {@code recovery-stable-seconds} in a row. Added under {@code extra.spike},
 * with a {@code spike_recovery} verdict: PASS when the target recovered within the run's recovery
 * window, WARNING when it did not (the seed gives no recovery limit, so never CRITICAL).
 */
final class SpikeAnalysis implements ModelAnalysis {
  static final String PROFILE = "spike";

  @Override
  public Optional<Contribution> analyze(Context context) {
    if (!context.profile().equals(PROFILE) || context.statistics().runs().isEmpty()) {
      return Optional.empty();
    }
    SpikeProfile profile = context.settings().spike();
    long warmUpMillis =
        context.sidecars().stream()
            .map(s -> s.modelNumber("warm_up_ms"))
            .flatMap(Optional::stream)
            .findFirst()
            .map(Double::longValue)
            .orElse(context.settings().journey().warmUp().toMillis());
    // The measured window starts where the log shows the first measured user; a log without
    // warm-up users (or the warm-up left unnamed) falls back to run start + configured warm-up.
    long loadStart =
        context.statistics().warmUp().happened()
            ? context.statistics().startEpochMillis()
            : context.statistics().runStartEpochMillis() + warmUpMillis;
    long p99Target = (long) Math.floor(context.settings().sloFor(PROFILE).p99Millis().target());
    SpikeRecovery.Summary summary =
        SpikeRecovery.summarize(context.statistics().timeline(), loadStart, profile, p99Target);
    double window = profile.recovery().toSeconds();
    Verdict verdict =
        summary.recovered()
            ? Verdict.evaluate(
                "spike_recovery",
                "Spike recovery",
                summary.recoverySeconds(),
                Units.SECONDS,
                Bound.AT_MOST,
                window,
                null)
            : Verdict.unmeasured(
                "spike_recovery",
                "Spike recovery",
                Units.SECONDS,
                Bound.AT_MOST,
                window,
                null,
                Tier.WARNING,
                "not recovered: per-second P99 still above "
                    + p99Target
                    + " ms when the run ended");
    return Optional.of(new Contribution("spike", summary, List.of(verdict), List.of()));
  }
}
