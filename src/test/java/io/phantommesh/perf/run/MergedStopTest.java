package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.LiveSettings.StopLogic;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.run.live.LiveStop;
import io.phantommesh.perf.run.live.StopDecision;
import io.phantommesh.perf.run.live.StopRule;
import io.phantommesh.perf.testsupport.OneRunStatistics;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A distributed run whose injectors left their facts (as they do with {@code phantom.report.enabled
 * = false}): the merged result is stopped early when any injector was, by the first injector's
 * stop, with the stop's CRITICAL verdict.
 */
class MergedStopTest {
  private static final long S = 1_764_590_400L; // 2025-12-01T12:00:00Z
  private static final PerfSettings SETTINGS = SettingsLoader.fromMap(Map.of());

  @Test
  void theFirstInjectorToStopMarksTheMergedResult() {
    RunSidecar running = injector(0);
    RunSidecar stoppedLate = injector(1).withLiveStop(stop(1, S + 40));
    RunSidecar stoppedFirst = injector(2).withLiveStop(stop(2, S + 25));

    ResultDocument doc = assemble(List.of(running, stoppedLate, stoppedFirst));

    assertThat(doc.stoppedEarly()).isNotNull();
    assertThat(doc.stoppedEarly().firedAt()).isEqualTo("2025-12-01T12:00:25.000Z");
    assertThat(doc.stoppedEarly().detail()).isEqualTo("injector 2's window");
    assertThat(doc.verdicts())
        .filteredOn(v -> v.metric().equals(LiveStop.VERDICT_METRIC))
        .singleElement()
        .satisfies(v -> assertThat(v.tier()).isEqualTo(Tier.CRITICAL));
  }

  @Test
  void noInjectorStoppedNoMark() {
    ResultDocument doc = assemble(List.of(injector(0), injector(1)));

    assertThat(doc.stoppedEarly()).isNull();
    assertThat(doc.verdicts()).noneMatch(v -> v.metric().equals(LiveStop.VERDICT_METRIC));
  }

  private static RunSidecar injector(int index) {
    return RunSidecar.of(
        "sustained", "x.SustainedSimulation", "http://127.0.0.1:1", index, 3, Map.of());
  }

  private static LiveStop stop(int injector, long firedAtSecond) {
    StopRule rule =
        new StopRule(
            "error_rate",
            60,
            Duration.ofSeconds(60),
            StopLogic.EVERY_SECOND,
            "phantom.live.stop.sustained.error-rate");
    Verdict window =
        new Verdict(
            "error_rate",
            "Error rate",
            0.5,
            Units.FRACTION,
            Bound.BELOW,
            0.01,
            0.05,
            Tier.CRITICAL,
            "injector " + injector + "'s window");
    return LiveStop.of(
        new StopDecision(rule, firedAtSecond * 1000, firedAtSecond - 60, firedAtSecond, window),
        S * 1000);
  }

  private static ResultDocument assemble(List<RunSidecar> sidecars) {
    LatencyStats l = new LatencyStats(100, 1, 50, 5, 4, 5, 6, 7, 9, 12);
    RunStatistics stats =
        OneRunStatistics.of("3.16.0", "x.SustainedSimulation", S, S + 60, l, List.of());
    RunInputs inputs =
        new RunInputs(
            List.of(Path.of("injector-0"), Path.of("injector-1"), Path.of("injector-2")),
            stats,
            sidecars,
            Optional.empty(),
            Optional.empty());
    ReportPipeline.Request request =
        new ReportPipeline.Request(
            "merged-x",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(Map.of()),
            Optional.empty(),
            "");
    return ReportPipeline.assemble(inputs, SETTINGS, List.of(), request).document();
  }
}
