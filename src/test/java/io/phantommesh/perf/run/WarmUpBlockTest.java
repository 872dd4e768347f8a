package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.ConsoleVerdictTable;
import io.phantommesh.perf.report.MarkdownReportRenderer;
import io.phantommesh.perf.report.ReportFixtures;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.WarmUpWindow;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result's warm-up block, from the log's warm-up window and the sidecar's facts. */
class WarmUpBlockTest {
  private static final RunStatistics GOLDEN = ReportFixtures.goldenStats();

  /** The golden figures after a 16.25 s warm-up: Gatling's run started that much earlier. */
  private static RunStatistics warmed() {
    long measured = GOLDEN.startEpochMillis();
    long runStart = measured - 16_250;
    return new RunStatistics(
        GOLDEN.runs(),
        measured,
        GOLDEN.endEpochMillis(),
        GOLDEN.global(),
        GOLDEN.requests(),
        GOLDEN.groups(),
        GOLDEN.errors(),
        GOLDEN.timeline(),
        GOLDEN.peakRps(),
        GOLDEN.avgRps(),
        false,
        "",
        runStart,
        new WarmUpWindow(1_200, runStart + 5, measured, 0),
        GOLDEN.latencyDistribution());
  }

  private static ResultDocument assemble(RunStatistics stats, RunMetadata meta) {
    return ResultAssembler.assemble(
        stats, meta, VerdictEvaluator.evaluate(stats, ReportFixtures.smokeSlo()));
  }

  @Test
  void aRunWithoutWarmUpHasNoBlock() {
    assertThat(assemble(GOLDEN, ReportFixtures.goldenMeta()).warmUp()).isNull();
  }

  @Test
  void theBlockKeepsTheRunsOwnStartAndTheMeasuredWindowStartsAfterIt() {
    WarmUpFacts facts =
        new WarmUpFacts(
                "embedded warm-up service (http://127.0.0.1:40001)", true, 500, 15, 7_500, null)
            .withSentRequests(7_481);

    ResultDocument doc = assemble(warmed(), ReportFixtures.goldenMeta().withWarmUp(facts));

    assertThat(doc.startedAt()).isEqualTo("2026-01-04T12:34:56.000Z");
    assertThat(doc.duration()).isEqualTo(25.0);
    assertThat(doc.warmUp())
        .isEqualTo(
            new ResultDocument.WarmUp(
                "2026-01-04T12:34:39.750Z", // 16.25 s before the measured start
                16.245, // from the first warm-up user, 5 ms after the run start
                1_200,
                500.0,
                7_481L, // the separate service's own count, not the plan
                "embedded warm-up service (http://127.0.0.1:40001)",
                0));
  }

  @Test
  void aWarmUpOnTheTargetCountsItsPlannedRequestsWithoutCredentials() {
    WarmUpFacts facts =
        new WarmUpFacts("https://u:pw@vpn.example.com/core", false, 100, 15, 1_500, null);

    ResultDocument.WarmUp w =
        assemble(warmed(), ReportFixtures.goldenMeta().withWarmUp(facts)).warmUp();

    assertThat(w.requests()).isEqualTo(1_500);
    assertThat(w.target()).isEqualTo("https://vpn.example.com/core");
  }

  @Test
  void theMarkdownAndTheConsoleSayWhatWasLeftOut() {
    WarmUpFacts facts =
        new WarmUpFacts(
            "embedded warm-up service (http://127.0.0.1:40001)", true, 500, 15, 7_500, 7_481L);
    ResultDocument doc = assemble(warmed(), ReportFixtures.goldenMeta().withWarmUp(facts));

    String expected =
        "16.245 s silent warm-up at 500.00 req/s, 7,481 requests to embedded warm-up service"
            + " (http://127.0.0.1:40001), left out of every figure";
    assertThat(MarkdownReportRenderer.render(doc))
        .contains("| Warm-up (not measured) | " + expected)
        .contains("| Duration | 25.000 s |");
    assertThat(ConsoleVerdictTable.render(doc, List.of()))
        .contains("Measured window: 25.000 s from 2026-01-04T12:34:56.000Z, avg 40.00 req/s;")
        .contains(expected);
  }
}
