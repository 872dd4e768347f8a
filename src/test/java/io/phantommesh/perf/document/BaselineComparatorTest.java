package io.phantommesh.perf.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.CompareSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.report.ComparisonRenderer;
import io.phantommesh.perf.report.JUnitXmlRenderer;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.report.MarkdownReportRenderer;
import io.phantommesh.perf.report.ReportFixtures;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of the baseline comparison on hand-built documents, with the defaults of
 * reference.conf: tolerances mean/P50/P99 +10 %, P99.9 +20 %, peak req/s -10 %, error rate +0.5
 * points; soft band 50 %; noise floors 5 ms, 5 req/s, 5 tail samples.
 */
class BaselineComparatorTest {
  private static final CompareSettings DEFAULTS = SettingsLoader.fromString("").compare();

  /** A PASS-ish run of {@code n} responses (ko of them KO) with the given figures. */
  private static ResultDocument run(
      String id, double mean, long p50, long p99, long p999, long n, long ko, long peak) {
    RunStatistics stats = ReportFixtures.statsWith(mean, p50, p99, p999, n - ko, ko, peak);
    return ResultAssembler.assemble(
        stats,
        RunMetadata.of(id, "ramp-up", null, "embedded"),
        VerdictEvaluator.evaluate(stats, ReportFixtures.seedSlo(100, 50)));
  }

  private static Map<String, BaselineComparison.MetricDelta> byMetric(BaselineComparison c) {
    return c.metrics().stream()
        .collect(Collectors.toMap(BaselineComparison.MetricDelta::metric, Function.identity()));
  }

  @Test
  void anUnchangedRunIsNoRegression() {
    ResultDocument base = run("a", 40.0, 38, 150, 400, 100_000, 0, 1200);
    BaselineComparison c = BaselineComparator.compare(base, null, base, null, DEFAULTS);
    assertThat(c.verdict()).isEqualTo(Tier.PASS);
    assertThat(c.metrics()).extracting(m -> m.verdict().tier()).containsOnly(Tier.PASS);
    assertThat(c.metrics()).extracting(BaselineComparison.MetricDelta::delta).containsOnly(0.0);
    assertThat(c.notes()).contains("the baseline is this run itself");
  }

  @Test
  void p99BeyondItsToleranceIsCriticalWithinTheSoftBandWarning() {
    ResultDocument base = run("a", 40.0, 38, 150, 400, 100_000, 0, 1200);
    // P99 150 -> 166: +16 ms > 10 % of 150 = 15 ms -> CRITICAL.
    Map<String, BaselineComparison.MetricDelta> crit =
        byMetric(
            BaselineComparator.compare(
                run("b", 40.0, 38, 166, 400, 100_000, 0, 1200), null, base, null, DEFAULTS));
    assertThat(crit.get("latency_p99").verdict().tier()).isEqualTo(Tier.CRITICAL);
    assertThat(crit.get("latency_p99").delta()).isEqualTo(16.0);
    assertThat(crit.get("latency_p99").deltaPercent()).isEqualTo(10.67);
    assertThat(crit.get("latency_p99").verdict().critical()).isEqualTo(15.0);
    assertThat(crit.get("latency_p99").verdict().target()).isEqualTo(7.5);
    assertThat(crit.get("latency_p99").verdict().metric()).isEqualTo("regression_latency_p99");
    // P99 150 -> 160: +10 ms, beyond 7.5 (half the tolerance), within 15 -> WARNING.
    Map<String, BaselineComparison.MetricDelta> warn =
        byMetric(
            BaselineComparator.compare(
                run("b", 40.0, 38, 160, 400, 100_000, 0, 1200), null, base, null, DEFAULTS));
    assertThat(warn.get("latency_p99").verdict().tier()).isEqualTo(Tier.WARNING);
    // P99 150 -> 157: +7 ms <= 7.5 -> PASS.
    Map<String, BaselineComparison.MetricDelta> pass =
        byMetric(
            BaselineComparator.compare(
                run("b", 40.0, 38, 157, 400, 100_000, 0, 1200), null, base, null, DEFAULTS));
    assertThat(pass.get("latency_p99").verdict().tier()).isEqualTo(Tier.PASS);
  }

  @Test
  void aLargeRelativeChangeBelowTheNoiseFloorIsNoRegression() {
    // Loopback: P50 2 -> 4 ms is +100 %, but +2 ms is within the 5 ms noise floor.
    ResultDocument base = run("a", 2.0, 2, 6, 9, 10_000, 0, 100);
    ResultDocument cur = run("b", 3.5, 4, 10, 14, 10_000, 0, 100);
    BaselineComparison c = BaselineComparator.compare(cur, null, base, null, DEFAULTS);
    Map<String, BaselineComparison.MetricDelta> m = byMetric(c);
    assertThat(m.get("latency_p50").deltaPercent()).isEqualTo(100.0);
    assertThat(m.get("latency_p50").verdict().tier()).isEqualTo(Tier.PASS);
    assertThat(m.get("latency_p50").verdict().critical()).isEqualTo(5.0);
    assertThat(c.verdict()).isEqualTo(Tier.PASS);
    // +50 ms is far beyond the floor.
    ResultDocument slow = run("c", 52.0, 52, 56, 59, 10_000, 0, 100);
    assertThat(BaselineComparator.compare(slow, null, base, null, DEFAULTS).verdict())
        .isEqualTo(Tier.CRITICAL);
  }

  @Test
  void percentilesOfTooFewResponsesAreShownButNotJudged() {
    // 200 responses: P99 needs 5 / 0.01 = 500, P99.9 needs 5,000; P50 needs 10.
    ResultDocument base = run("a", 2.0, 2, 20, 30, 200, 0, 40);
    ResultDocument cur = run("b", 2.0, 2, 90, 120, 200, 0, 40);
    Map<String, BaselineComparison.MetricDelta> m =
        byMetric(BaselineComparator.compare(cur, null, base, null, DEFAULTS));
    assertThat(m.get("latency_p99").judged()).isFalse();
    assertThat(m.get("latency_p99").delta()).isEqualTo(70.0);
    assertThat(m.get("latency_p99").verdict().tier()).isEqualTo(Tier.PASS);
    assertThat(m.get("latency_p99").verdict().value()).isNull();
    assertThat(m.get("latency_p99").verdict().detail())
        .contains("not judged: 200 responses; P99 needs >= 500");
    assertThat(m.get("latency_p999").judged()).isFalse();
    assertThat(m.get("latency_p50").judged()).isTrue();
    assertThat(m.get("latency_mean").judged()).isTrue();
  }

  @Test
  void theErrorRateIsJudgedInPercentagePointsWithAFloorOfExcessErrors() {
    ResultDocument base = run("a", 40.0, 38, 150, 400, 100_000, 0, 1200);
    // 0 -> 0.4 %: within 0.5 points, beyond half of it -> WARNING.
    assertThat(
            byMetric(
                    BaselineComparator.compare(
                        run("b", 40.0, 38, 150, 400, 100_000, 400, 1200),
                        null,
                        base,
                        null,
                        DEFAULTS))
                .get("error_rate")
                .verdict()
                .tier())
        .isEqualTo(Tier.WARNING);
    // 0 -> 0.6 %: beyond 0.5 points -> CRITICAL.
    assertThat(
            byMetric(
                    BaselineComparator.compare(
                        run("b", 40.0, 38, 150, 400, 100_000, 600, 1200),
                        null,
                        base,
                        null,
                        DEFAULTS))
                .get("error_rate")
                .verdict()
                .tier())
        .isEqualTo(Tier.CRITICAL);
    // A short run: 1 error in 160 is 0.625 %, but 1 excess error < 5 -> the floor is 5/160.
    ResultDocument shortBase = run("s", 2.0, 2, 5, 5, 160, 0, 40);
    BaselineComparison.MetricDelta oneError =
        byMetric(
                BaselineComparator.compare(
                    run("t", 2.0, 2, 5, 5, 160, 1, 40), null, shortBase, null, DEFAULTS))
            .get("error_rate");
    assertThat(oneError.delta()).isEqualTo(0.00625);
    assertThat(oneError.verdict().critical()).isEqualTo(0.03125);
    assertThat(oneError.verdict().tier()).isEqualTo(Tier.PASS);
  }

  @Test
  void aPeakRateDropBeyondTenPercentIsCritical() {
    ResultDocument base = run("a", 40.0, 38, 150, 400, 100_000, 0, 1000);
    BaselineComparison.MetricDelta drop =
        byMetric(
                BaselineComparator.compare(
                    run("b", 40.0, 38, 150, 400, 100_000, 0, 880), null, base, null, DEFAULTS))
            .get("peak_rps");
    assertThat(drop.delta()).isEqualTo(-120.0);
    assertThat(drop.deltaPercent()).isEqualTo(-12.0);
    assertThat(drop.verdict().bound()).isEqualTo(Bound.AT_LEAST);
    assertThat(drop.verdict().critical()).isEqualTo(-100.0);
    assertThat(drop.verdict().target()).isEqualTo(-50.0);
    assertThat(drop.verdict().tier()).isEqualTo(Tier.CRITICAL);
    // A higher peak is never a regression.
    assertThat(
            byMetric(
                    BaselineComparator.compare(
                        run("c", 40.0, 38, 150, 400, 100_000, 0, 1500), null, base, null, DEFAULTS))
                .get("peak_rps")
                .verdict()
                .tier())
        .isEqualTo(Tier.PASS);
  }

  @Test
  void tolerancesComeFromSettings() {
    CompareSettings loose =
        SettingsLoader.fromString("phantom.compare { p99 = 50%, soft-band = 100% }").compare();
    ResultDocument base = run("a", 40.0, 38, 150, 400, 100_000, 0, 1200);
    BaselineComparison c =
        BaselineComparator.compare(
            run("b", 40.0, 38, 200, 400, 100_000, 0, 1200), null, base, null, loose);
    assertThat(byMetric(c).get("latency_p99").verdict().tier()).isEqualTo(Tier.PASS);
    assertThat(c.tolerances().p99Percent()).isEqualTo(50.0);
    assertThat(c.tolerances().softBandPercent()).isEqualTo(100.0);
  }

  @Test
  void notesSayWhenRunsAreNotAlike() {
    ResultDocument base = run("a", 40.0, 38, 150, 400, 100_000, 0, 1200);
    RunStatistics stats = ReportFixtures.statsWith(40.0, 38, 150, 400, 10_000, 0, 1200);
    ResultDocument other =
        ResultAssembler.assemble(
            stats,
            RunMetadata.of("b", "spike", null, "https://staging.example.com"),
            VerdictEvaluator.evaluate(stats, ReportFixtures.seedSlo()));
    assertThat(BaselineComparator.compare(other, null, base, null, DEFAULTS).notes())
        .anyMatch(n -> n.startsWith("different load models (spike vs baseline ramp-up)"))
        .anyMatch(n -> n.startsWith("different targets"))
        .anyMatch(n -> n.startsWith("request counts differ"));
  }

  @Test
  void rendersAsJsonThatReadsBackAndAsMarkdown() {
    ResultDocument base = run("a<b>", 40.0, 38, 150, 400, 100_000, 0, 1200);
    BaselineComparison c =
        BaselineComparator.compare(
            run("b", 52.0, 50, 166, 400, 100_000, 0, 1200),
            "result.json",
            base,
            "../a/result.json",
            DEFAULTS);
    String json = ComparisonRenderer.json(c);
    assertThat(
            ComparisonRenderer.readJson(
                new java.io.ByteArrayInputStream(
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isEqualTo(c);
    assertThat(json)
        .contains("\"regression_latency_p99\"")
        .contains("\"location\" : \"../a/result.json\"");
    String md = ComparisonRenderer.markdown(c);
    assertThat(md).startsWith("# b vs baseline a&lt;b> · ❌ CRITICAL (regression beyond tolerance)");
    assertThat(md).contains("| P99 | 150.0 ms | 166.0 ms | +16.0 ms | +10.67 % | ❌ CRITICAL |");
    // In a result document: the verdicts join, the report gets the section.
    ResultDocument doc = base.withBaselineComparison(c);
    assertThat(doc.verdict()).isEqualTo(Tier.CRITICAL);
    assertThat(doc.baselineComparison()).isEqualTo(c);
    // result.json carries it as a typed field, and reads back equal.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    JsonResultWriter.write(doc, out);
    ResultDocument back =
        JsonResultReader.read(new java.io.ByteArrayInputStream(out.toByteArray()));
    assertThat(back.baselineComparison()).isEqualTo(c);
    assertThat(back.extra()).doesNotContainKey(BaselineComparison.EXTRA_KEY);
    // A document of the first compare release, with the comparison under extra, reads the same.
    com.fasterxml.jackson.databind.node.ObjectNode legacy =
        (com.fasterxml.jackson.databind.node.ObjectNode) JsonResultWriter.toTree(doc);
    legacy
        .withObject("extra")
        .set(BaselineComparison.EXTRA_KEY, legacy.remove("baseline_comparison"));
    ResultDocument old =
        JsonResultReader.read(
            new java.io.ByteArrayInputStream(
                legacy.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(old.baselineComparison()).isEqualTo(c);
    assertThat(old.extra()).doesNotContainKey(BaselineComparison.EXTRA_KEY);
    assertThat(MarkdownReportRenderer.render(doc))
        .contains("## Baseline comparison")
        .contains("P99 vs baseline");
    assertThat(JUnitXmlRenderer.render(doc)).contains("name=\"regression_latency_p99\"");
    assertThat(List.of(c.verdicts().size())).containsExactly(6);
  }
}
