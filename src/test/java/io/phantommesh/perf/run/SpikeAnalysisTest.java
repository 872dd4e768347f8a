package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.TimelineSecond;
import io.phantommesh.perf.spike.SpikeFacts;
import io.phantommesh.perf.spike.SpikeRecovery;
import io.phantommesh.perf.testsupport.OneRunStatistics;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The spike analysis on hand-built timelines. The run starts at second S = 1,800,000,000; with no
 * warm-up, a 5 s baseline, no ramps and a 5 s hold, the spike ends in second E = S + 10.
 */
class SpikeAnalysisTest {
  private static final long S = 1_800_000_000L;
  private static final long E = S + 10;
  private final PerfSettings settings =
      SettingsLoader.fromString(
          "phantom.journey.warm-up = 0s\n"
              + "phantom.profiles.spike { baseline = 5s, ramp-up = 0s, hold = 5s, ramp-down = 0s, recovery = 20s }");

  @Test
  void recoveryCountsFromTheSpikesEndUntilFiveCalmSecondsInARow() {
    // P99 500 ms (target 200) from the spike's start until E+6, then 20 ms to the end
    ModelAnalysis.Contribution c = analyze(timeline(E + 7, S + 31));
    Verdict v = c.verdicts().get(0);
    SpikeRecovery.Summary summary = (SpikeRecovery.Summary) c.extra();
    assertThat(summary.recoverySeconds()).isEqualTo(7);
    assertThat(summary.maxP99MillisDuringSpike()).isEqualTo(500);
    assertThat(v.metric()).isEqualTo("spike_recovery");
    assertThat(v.value()).isEqualTo(7.0);
    assertThat(v.tier()).isEqualTo(Tier.PASS);
  }

  @Test
  void aTargetThatNeverCalmsDownIsAWarningNotAFigure() {
    ModelAnalysis.Contribution c = analyze(timeline(S + 31, S + 31));
    assertThat(((SpikeRecovery.Summary) c.extra()).recovered()).isFalse();
    assertThat(c.verdicts().get(0).tier()).isEqualTo(Tier.WARNING);
    assertThat(c.verdicts().get(0).value()).isNull();
    assertThat(c.verdicts().get(0).detail()).contains("not recovered");
  }

  @Test
  void aRunIsJudgedByTheSpikeItRanNotByTheSettingsItIsReportedWith() {
    // The run recorded a spike ending at E (5 s baseline + 5 s hold); reported with settings whose
    // spike would end 60 s later, it is still judged from E: recovery 7 s, not "not recovered".
    PerfSettings other =
        SettingsLoader.fromString(
            "phantom.journey.warm-up = 15s\n"
                + "phantom.profiles.spike { baseline = 60s, ramp-up = 5s, hold = 30s, recovery = 5s,"
                + " recovery-stable-seconds = 2 }");
    ModelAnalysis.Context ran = context("spike", timeline(E + 7, S + 31));
    ModelAnalysis.Context reportedLater = new ModelAnalysis.Context("spike", ran.inputs(), other);
    ModelAnalysis.Contribution c = new SpikeAnalysis().analyze(reportedLater).orElseThrow();
    SpikeRecovery.Summary summary = (SpikeRecovery.Summary) c.extra();
    assertThat(summary.spikeEndEpochSecond()).isEqualTo(E);
    assertThat(summary.stableSeconds()).isEqualTo(5);
    assertThat(summary.recoverySeconds()).isEqualTo(7);
    assertThat(c.verdicts().get(0).tier()).isEqualTo(Tier.PASS);
    assertThat(c.verdicts().get(0).target()).isEqualTo(20.0); // the run's recovery window
  }

  @Test
  void anOldRunFolderWithoutSpikeFactsIsAWarningThatSaysWhy() {
    ModelAnalysis.Context ran = context("spike", timeline(E + 7, S + 31));
    RunSidecar old =
        new RunSidecar(
            0, "spike", "x", "embedded", 0, 1, null, null, null, null, null, null, null, null);
    ModelAnalysis.Context legacy = context("spike", ran.inputs().statistics(), old, settings);
    ModelAnalysis.Contribution c = new SpikeAnalysis().analyze(legacy).orElseThrow();
    assertThat(c.verdicts().get(0).tier()).isEqualTo(Tier.WARNING);
    assertThat(c.verdicts().get(0).value()).isNull();
    assertThat(c.verdicts().get(0).detail())
        .contains("phantom-run.json")
        .contains("older phantom-mesh-perf")
        .contains("re-run");
    assertThat(c.notes()).hasSize(1);
    assertThat(context("spike", ran.inputs().statistics(), null, settings))
        .satisfies(
            noSidecar ->
                assertThat(new SpikeAnalysis().analyze(noSidecar).orElseThrow().notes().get(0))
                    .contains("is missing"));
  }

  @Test
  void otherModelsAreLeftAlone() {
    assertThat(new SpikeAnalysis().analyze(context("ramp-up", timeline(E, S + 31)))).isEmpty();
  }

  private ModelAnalysis.Contribution analyze(List<TimelineSecond> timeline) {
    return new SpikeAnalysis().analyze(context("spike", timeline)).orElseThrow();
  }

  private ModelAnalysis.Context context(String profile, List<TimelineSecond> timeline) {
    LatencyStats l = new LatencyStats(100, 1, 500, 50, 20, 30, 40, 50, 500, 500);
    RunStatistics stats =
        OneRunStatistics.of("3.15.1", "x.SpikeSimulation", S, S + 31, l, timeline);
    RunSidecar facts =
        RunSidecar.of(profile, "x.SpikeSimulation", "embedded", 0, 1, java.util.Map.of())
            .withSpike(SpikeFacts.of(settings.spike(), settings.journey().warmUp()));
    return context(profile, stats, facts, settings);
  }

  private static ModelAnalysis.Context context(
      String profile, RunStatistics stats, RunSidecar facts, PerfSettings settings) {
    RunInputs inputs =
        new RunInputs(
            List.of(Path.of("run-folder")),
            stats,
            facts == null ? List.of() : List.of(facts),
            Optional.empty(),
            Optional.empty());
    return new ModelAnalysis.Context(profile, inputs, settings);
  }

  /** One second per entry from S to {@code end}; P99 500 ms from S+5 until {@code calmFrom}. */
  private static List<TimelineSecond> timeline(long calmFrom, long end) {
    List<TimelineSecond> t = new ArrayList<>();
    for (long s = S; s < end; s++) {
      long p99 = s >= S + 5 && s < calmFrom ? 500 : 20;
      t.add(new TimelineSecond(s, 100, 100, 0, 10, p99));
    }
    return t;
  }
}
