package io.phantommesh.perf.run;

import io.phantommesh.perf.soak.SoakAnalysis;
import io.phantommesh.perf.soak.SoakCsv;
import io.phantommesh.perf.soak.SoakRun;
import io.phantommesh.perf.soak.SoakView;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The soak model's target health: memory growth per 24 h (least-squares fit over the samples) and
 * CPU average, from the {@code soak-metrics.csv} the run left in its folder. Added under {@code
 * extra.soak} with two verdicts whose worst tier is WARNING (seed: staging report, "Soak Test
 * Thresholds"); the samples are copied beside the result, and go to {@code extra.soak.series} with
 * the schedule's {@code phases} for the HTML report ({@link SoakView}).
 */
final class SoakResultAnalysis implements ModelAnalysis {

  @Override
  public Optional<Contribution> analyze(Context context) {
    Optional<Path> folder =
        context.runFolders().stream()
            .filter(f -> Files.isRegularFile(f.resolve(SoakRun.CSV)))
            .findFirst();
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    SoakAnalysis.Result r = SoakRun.analyze(folder.get());
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(
        r.memoryGrowthPercentPer24h() == null
            ? noData(
                "soak_memory_growth",
                "Memory growth",
                Units.PERCENT_PER_DAY,
                r.memoryGrowthLimitPercent(),
                r)
            : Verdict.evaluate(
                "soak_memory_growth",
                "Memory growth",
                round2(r.memoryGrowthPercentPer24h()),
                Units.PERCENT_PER_DAY,
                Bound.BELOW,
                r.memoryGrowthLimitPercent(),
                null));
    verdicts.add(
        r.cpuAveragePercent() == null
            ? noData("soak_cpu_avg", "CPU average", Units.PERCENT, r.cpuLimitPercent(), r)
            : Verdict.evaluate(
                "soak_cpu_avg",
                "CPU average",
                round2(r.cpuAveragePercent()),
                Units.PERCENT,
                Bound.BELOW,
                r.cpuLimitPercent(),
                null));
    List<Path> files = new ArrayList<>(List.of(folder.get().resolve(SoakRun.CSV)));
    Path props = folder.get().resolve(SoakRun.PROPERTIES);
    if (Files.isRegularFile(props)) {
      files.add(props);
    }
    SoakRun run = SoakRun.read(folder.get());
    SoakView.Extra extra =
        SoakView.extra(
            r,
            SoakCsv.read(folder.get().resolve(SoakRun.CSV)),
            run.cores(),
            context.settings().soak(),
            run.startHour());
    return Optional.of(new Contribution("soak", extra, verdicts, files));
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
