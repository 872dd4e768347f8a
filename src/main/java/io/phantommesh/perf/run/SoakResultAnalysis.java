package io.phantommesh.perf.run;

import io.phantommesh.perf.soak.SoakAnalysis;
import io.phantommesh.perf.soak.SoakRun;
import io.phantommesh.perf.soak.SoakView;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The soak model's target health: memory growth per 24 h (least-squares fit over the samples) and
 * CPU average, from the {@code soak-metrics.csv} the run left in its folder, judged by the schedule
 * and scale the run recorded ({@link SoakRun} in its sidecar). Added under {@code extra.soak} with
 * two verdicts whose worst tier is WARNING (seed: staging report, "Soak Test Thresholds"); the
 * samples are copied beside the result and, with the schedule's phases, go to {@code
 * extra.soak.series} / {@code phases} for the HTML report ({@link SoakView}). A run folder whose
 * sidecar does not record the soak gets two unmeasured WARNING verdicts saying so.
 */
final class SoakResultAnalysis implements ModelAnalysis {
  private static final String MEMORY = "soak_memory_growth";
  private static final String CPU = "soak_cpu_avg";

  @Override
  public Optional<Contribution> analyze(Context context) {
    RunInputs in = context.inputs();
    if (in.soak().isEmpty()) {
      return Optional.empty();
    }
    RunInputs.SoakSamples samples = in.soak().get();
    Optional<SoakRun> facts = in.firstFact(RunSidecar::soak);
    if (facts.isEmpty()) {
      String why =
          "the soak's schedule is unknown: "
              + in.sidecars().stream()
                  .findFirst()
                  .map(s -> s.missingFactsNote("the soak's schedule and scale", samples.folder()))
                  .orElse(samples.folder().resolve(RunSidecar.FILE_NAME) + " is missing");
      List<Verdict> unknown =
          List.of(
              unmeasured(MEMORY, "Memory growth", Units.PERCENT_PER_DAY, why),
              unmeasured(CPU, "CPU average", Units.PERCENT, why));
      return Optional.of(
          new Contribution("soak", null, unknown, List.of(samples.csv()), List.of(why)));
    }
    SoakRun run = facts.get();
    SoakAnalysis.Result r =
        SoakAnalysis.analyze(samples.samples(), run.timeScale(), run.cores(), run.thresholds());
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(
        r.memoryGrowthPercentPer24h() == null
            ? noData(
                MEMORY, "Memory growth", Units.PERCENT_PER_DAY, r.memoryGrowthLimitPercent(), r)
            : Verdict.evaluate(
                MEMORY,
                "Memory growth",
                round2(r.memoryGrowthPercentPer24h()),
                Units.PERCENT_PER_DAY,
                Bound.BELOW,
                r.memoryGrowthLimitPercent(),
                null));
    verdicts.add(
        r.cpuAveragePercent() == null
            ? noData(CPU, "CPU average", Units.PERCENT, r.cpuLimitPercent(), r)
            : Verdict.evaluate(
                CPU,
                "CPU average",
                round2(r.cpuAveragePercent()),
                Units.PERCENT,
                Bound.BELOW,
                r.cpuLimitPercent(),
                null));
    // The page's soak chart: the samples and the schedule's phases (the settings' schedule, from
    // the
    // start hour the run recorded).
    SoakView.Extra extra =
        SoakView.extra(
            r, samples.samples(), run.cores(), context.settings().soak(), run.startHour());
    return Optional.of(
        new Contribution("soak", extra, verdicts, List.of(samples.csv()), List.of()));
  }

  private static Verdict unmeasured(String metric, String label, String unit, String why) {
    return Verdict.unmeasured(metric, label, unit, Bound.BELOW, 0, null, Tier.WARNING, why);
  }

  private static Verdict noData(
      String metric, String label, String unit, double limit, SoakAnalysis.Result r) {
    return Verdict.unmeasured(
        metric,
        label,
        unit,
        Bound.BELOW,
        limit,
        null,
        Tier.WARNING,
        "not enough samples (" + r.samples() + " taken, " + r.missing() + " missing)");
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
