package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.document.JsonResultRoundTripTest;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.ErrorCount;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {
  private static final Locale DEFAULT_LOCALE = Locale.getDefault();

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(DEFAULT_LOCALE);
  }

  @Test
  void showsZeroMillisecondFiguresAsBelowOneMillisecondAndSaysTheResolutionOnce() {
    ResultDocument doc = ReportFixtures.subMillisecondDocument();

    String md = MarkdownReportRenderer.render(doc);

    assertThat(md).contains("| P50 | < 1 ms |").contains("P50 < 1 · P75 < 1 · P90 2.0 · P95 2.0");
    assertThat(md)
        .contains("P99 2.0 · P99.9 8.0 ms")
        .contains("< 1 ms <= target 50 ms")
        .doesNotContain("0.0 ms");
    assertThat(md.split("Gatling's resolution", -1)).hasSize(2);
    // result.json keeps the number.
    assertThat(doc.metrics().latencyPercentiles().p50()).isEqualTo(0.0);
    assertThat(JsonResultWriter.writeToString(doc)).contains("\"p50\": 0.0,");
  }

  @Test
  void titlesTheReportWithTestNameRunIdAndOverallVerdict() {
    String md = MarkdownReportRenderer.render(ReportFixtures.goldenDocument());

    assertThat(md).startsWith("# smoke · smokesimulation-20260104123456000 · ❌ CRITICAL\n");
  }

  @Test
  void keepsAHostileRequestNameInsideItsTableCell() {
    String md = MarkdownReportRenderer.render(ReportFixtures.goldenDocument());

    String row = line(md, "&lt;script>");
    assertThat(row).startsWith("| &lt;script>\\|x |");
    assertThat(cells(row)).hasSize(12);
    assertThat(md).doesNotContain("<script>").doesNotContain("</b>");
  }

  @Test
  void escapesMarkdownAndHtmlInErrorMessages() {
    String md = MarkdownReportRenderer.render(ReportFixtures.goldenDocument());

    String row = line(md, "ConnectException");
    assertThat(row).contains("&lt;b>\\|\\*x\\*&lt;/b> & more");
    assertThat(cells(row)).hasSize(4);
  }

  @Test
  void escapesEveryFreeTextSpecialCharacter() {
    assertThat(MarkdownText.escape("a|b`c*d_e[f]g~h\\i"))
        .isEqualTo("a\\|b\\`c\\*d\\_e\\[f\\]g\\~h\\\\i");
    assertThat(MarkdownText.escape("<img src=x> < 5 &amp; & x"))
        .isEqualTo("&lt;img src=x> < 5 &amp;amp; & x");
    assertThat(MarkdownText.escape("line1\nline2\r\tend")).isEqualTo("line1 line2  end");
    assertThat(MarkdownText.escape(null)).isEqualTo("n/a");
  }

  @Test
  void rendersTheSameTextInEveryDefaultLocale() {
    ResultDocument doc = JsonResultRoundTripTest.fullDocument();
    List<String> renderings = new ArrayList<>();
    for (Locale locale : List.of(Locale.ROOT, Locale.US, Locale.GERMANY, Locale.FRANCE)) {
      Locale.setDefault(locale);
      renderings.add(MarkdownReportRenderer.render(doc));
    }

    assertThat(renderings).containsOnly(renderings.get(0));
    assertThat(renderings.get(0)).contains("| Duration | 25.000 s |").contains("avg 40.00 req/s");
  }

  @Test
  void warnsOfAPartialRunAtTheTop() {
    RunStatistics empty = ReportFixtures.emptyStats();
    ResultDocument doc =
        ResultAssembler.assemble(
            empty,
            RunMetadata.of("r", "ramp-up", null, "embedded"),
            VerdictEvaluator.evaluate(empty, ReportFixtures.seedSlo()));

    String md = MarkdownReportRenderer.render(doc);

    assertThat(md.indexOf("> ⚠️ **Partial run:** simulation.log ended after the Run record."))
        .isPositive()
        .isLessThan(md.indexOf("## Verdicts"));
    assertThat(md)
        .contains("| Mean | n/a | ≤ 100 ms | > 150 ms | ❌ CRITICAL | no requests were recorded |");
    assertThat(md)
        .contains("No errors.")
        .contains("No timeline recorded.")
        .contains("None recorded.");
  }

  @Test
  void notesGatlingDisagreementsOnlyWhenThereAreSome() {
    String withDisagreement = MarkdownReportRenderer.render(ReportFixtures.goldenDocument());
    RunStatistics passing = ReportFixtures.passingStats();
    String agreeing =
        MarkdownReportRenderer.render(
            ResultAssembler.assemble(
                passing,
                RunMetadata.of("r", "ramp-up", null, "embedded")
                    .withGatlingAssertions(GatlingAssertions.of(true, List.of())),
                VerdictEvaluator.evaluate(passing, ReportFixtures.seedSlo())));

    assertThat(withDisagreement)
        .contains("Gatling's assertions disagree with the exact figures** on 1 point");
    assertThat(agreeing)
        .doesNotContain("disagree with the exact figures**")
        .contains("Gatling's outcomes agree with the exact figures.");
  }

  @Test
  void listsTheTopTenErrorsAndCountsTheRest() {
    RunStatistics golden = ReportFixtures.goldenStats();
    List<ErrorCount> errors =
        IntStream.rangeClosed(1, 12).mapToObj(i -> new ErrorCount("error " + i, 13 - i)).toList();
    RunStatistics many =
        new RunStatistics(
            golden.runs(),
            golden.startEpochMillis(),
            golden.endEpochMillis(),
            golden.global(),
            golden.requests(),
            golden.groups(),
            errors,
            golden.timeline(),
            golden.peakRps(),
            golden.avgRps(),
            false,
            "");

    String md =
        MarkdownReportRenderer.render(
            ResultAssembler.assemble(
                many,
                ReportFixtures.goldenMeta(),
                VerdictEvaluator.evaluate(many, ReportFixtures.smokeSlo())));

    // counts 12, 11, ..., 1: 78 in all; the last two (2 + 1) are not listed
    assertThat(md).contains("Top 10 of 12 messages, 78 occurrences in all.");
    assertThat(md).contains("| 10 | error 10 | 3 |").doesNotContain("| error 11 |");
    assertThat(md).contains("2 more messages (3 occurrences) are listed in result.json.");
  }

  @Test
  void foldsALongTimelineIntoAtMostThirtyRowsAndSixtySparks() {
    RunStatistics golden = ReportFixtures.goldenStats();
    List<io.phantommesh.perf.results.TimelineSecond> hour = new ArrayList<>();
    for (int t = 0; t < 3600; t++) {
      hour.add(
          new io.phantommesh.perf.results.TimelineSecond(
              ReportFixtures.START_SECOND + t, 10, 10, 0, 5, 20));
    }
    RunStatistics longRun =
        new RunStatistics(
            golden.runs(),
            golden.startEpochMillis(),
            golden.startEpochMillis() + 3_600_000,
            golden.global(),
            golden.requests(),
            golden.groups(),
            golden.errors(),
            hour,
            golden.peakRps(),
            golden.avgRps(),
            false,
            "");

    String md =
        MarkdownReportRenderer.render(
            ResultAssembler.assemble(
                longRun,
                ReportFixtures.goldenMeta(),
                VerdictEvaluator.evaluate(longRun, ReportFixtures.smokeSlo())));

    // 3,600 s: 120 s windows give 30 rows; 60 s per spark give 60 characters
    assertThat(md).contains("| 0–119 | 10.0 | 0 | 5 | 20 |").contains("| 3480–3599 |");
    assertThat(md).contains("One character per 60 seconds");
    assertThat(line(md, "req/s  ")).isEqualTo("req/s  " + "█".repeat(60) + "  max 10.0");
  }

  @Test
  void linksTheOtherFilesRelatively() {
    String md = MarkdownReportRenderer.render(ReportFixtures.goldenDocument());

    assertThat(md)
        .contains("[result.json](result.json)")
        .contains("[junit.xml](junit.xml)")
        .contains("[Gatling HTML report](gatling/index.html)");
    assertThat(MarkdownText.linkTarget("gatling run (1)/index.html"))
        .isEqualTo("gatling%20run%20%281%29/index.html");
  }

  @Test
  void showsInjectorHealthAndExtrasWhenPresent() {
    String md = MarkdownReportRenderer.render(JsonResultRoundTripTest.fullDocument());

    assertThat(md).contains("> ⚠️ **Injector:** CPU above 90 %.");
    assertThat(md).contains("| CPU average | 91.5 % |").contains("| GC time | 1,234 ms |");
    assertThat(md).contains("In result.json under `extra`: spike.");
    assertThat(md).contains("| Spike recovery | 12.5 s | ≤ 30 s | > 60 s | ✅ PASS |");
  }

  @Test
  void rendersASeedOnlyDocument() {
    String md =
        MarkdownReportRenderer.render(
            JsonResultRoundTripTest.read(JsonResultRoundTripTest.SEED_DOCUMENT));

    assertThat(md).startsWith("# ramp-up · n/a · n/a\n");
    assertThat(md).contains("| Requests | 150,000 |").contains("No verdicts were recorded.");
  }

  private static String line(String text, String containing) {
    return text.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow();
  }

  /** The cells of a table row, split on unescaped pipes. */
  private static List<String> cells(String row) {
    String inner = row.substring(1, row.length() - 1);
    return List.of(inner.split("(?<!\\\\)\\|", -1));
  }
}
