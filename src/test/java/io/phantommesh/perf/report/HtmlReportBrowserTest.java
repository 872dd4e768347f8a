package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.document.JsonResultReader;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.run.GatlingHtmlReport;
import io.phantommesh.perf.run.ModelAnalyses;
import io.phantommesh.perf.run.PostProcessor;
import io.phantommesh.perf.run.RunIndex;
import io.phantommesh.perf.testsupport.Chromium;
import io.phantommesh.perf.testsupport.ReportPageCheck;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real headless Chromium, from {@code file://}: a spike, a time-compressed soak, a
 * merged 2-injector run and a baseline comparison (both post-processed from the real Gatling 3.15.1
 * fixture log), and a run whose names carry markup; plus the size and load time of a full-length 72
 * h soak's page. The smoke run's page, from a live forked Gatling run, is checked in {@code
 * cli.EndToEndRunTest}. Each page: no console error, no request but its own, every chart drawn, the
 * verdict of result.json, nothing injected ran ({@link ReportPageCheck}).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HtmlReportBrowserTest {
  private static final Path FIXTURE_LOG =
      Path.of("src/test/resources/fixtures/gatling-3.15.1/simulation.log");

  @TempDir Path tmp;
  private Chromium browser;

  @BeforeAll
  void startBrowser() throws Exception {
    browser = Chromium.start(Chromium.requireBinary(), 1280, 900);
  }

  @AfterAll
  void stopBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  /** Writes {@code doc}'s result.json and report.html into {@code reports/<name>/}. */
  private Path write(String name, ResultDocument doc) throws Exception {
    Path dir = tmp.resolve("reports").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("result.json"), JsonResultWriter.writeToString(doc));
    Path page = dir.resolve("report.html");
    Files.writeString(page, HtmlReportRenderer.render(doc), StandardCharsets.UTF_8);
    return page;
  }

  @Test
  void spikePageDrawsTheWindowAndTheRecovery() throws Exception {
    ResultDocument doc = PageFixtures.spike();
    Path page = write("spike", doc);

    ReportPageCheck.check(browser, page, 4);
    assertThat(browser.evaluate("document.querySelector('table.spike').textContent").asText())
        .contains("Spike window")
        .contains("s after the spike ended");
  }

  @Test
  void timeCompressedSoakPageDrawsMemoryCpuPhasesAndTrend() throws Exception {
    // 72 simulated hours at x3600: 72 wall seconds.
    Path page = write("soak-x3600", PageFixtures.soak("soak-x3600", 72, 3600));

    ReportPageCheck.check(browser, page, 5);
    assertThat(browser.evaluate("document.querySelector('table.soak').textContent").asText())
        .contains("Memory growth (fitted)")
        .contains("72.0 h");
  }

  @Test
  void mergedRunOfTwoRealLogsShowsEachInjector() throws Exception {
    Path a = tmp.resolve("gatling/injector-a");
    Path b = tmp.resolve("gatling/injector-b");
    for (Path d : List.of(a, b)) {
      Files.createDirectories(d);
      Files.copy(FIXTURE_LOG, d.resolve("simulation.log"));
    }
    PostProcessor.Outcome out = postProcessor().process(List.of(a, b), options("merged"));
    Path page = out.outputDir().resolve("report.html");
    assertThat(out.written()).contains(page);

    ReportPageCheck.check(browser, page, 4);
    assertThat(
            browser
                .evaluate("document.querySelectorAll('table.injectors tbody tr').length")
                .asInt())
        .isEqualTo(2);
    assertThat(browser.evaluate("document.querySelector('table.injectors').textContent").asText())
        .contains("injector-a")
        .contains("injector-b");
  }

  @Test
  void comparedRunShowsTheDeltasAndTolerances() throws Exception {
    Path a = tmp.resolve("gatling/base-run");
    Files.createDirectories(a);
    Files.copy(FIXTURE_LOG, a.resolve("simulation.log"));
    PostProcessor.Outcome base = postProcessor().process(List.of(a), options("base"));
    ResultDocument baseDoc;
    try (InputStream in = Files.newInputStream(base.outputDir().resolve("result.json"))) {
      baseDoc = JsonResultReader.read(in);
    }
    PostProcessor.Outcome compared =
        postProcessor()
            .withBaseline(
                new PostProcessor.Baseline(baseDoc, base.outputDir().resolve("result.json")))
            .process(List.of(a), options("compared"));
    Path page = compared.outputDir().resolve("report.html");

    ReportPageCheck.check(browser, page, 4);
    assertThat(
            browser
                .evaluate("document.querySelectorAll('table.comparison tbody tr').length")
                .asInt())
        .isEqualTo(6);
    assertThat(browser.evaluate("document.querySelector('table.tolerances').textContent").asText())
        .contains("p99_percent");
  }

  @Test
  void markupInNamesMessagesAndTargetIsShownAsTextAndNeverRuns() throws Exception {
    Path page = write("xss", PageFixtures.hostile());

    ReportPageCheck.check(browser, page, 4);
    String text = browser.evaluate("document.body.innerText").asText();
    assertThat(text)
        .contains(PageFixtures.XSS_REQUEST)
        .contains(PageFixtures.XSS_ERROR)
        .contains(PageFixtures.XSS_TARGET);
    assertThat(browser.evaluate("document.title").asText()).startsWith("smoke · <b>xss</b> run");
  }

  @Test
  void indexLinksEachRunsReport() throws Exception {
    write("spike-for-index", PageFixtures.spike());
    RunIndex.write(tmp.resolve("reports"), Clock.systemUTC());
    String index = Files.readString(tmp.resolve("reports/index.html"));

    assertThat(index).contains("href=\"spike-for-index/report.html\"");
  }

  /**
   * A real 72 h soak (259,200 one-second entries, a 1-second spike in the middle): the page stays
   * under 5 MB, the spike survives the downsampling, and the charts are drawn within 2 s.
   */
  @Test
  void fullLength72HourSoakPageIsSmallFastAndKeepsItsSpike() throws Exception {
    ResultDocument doc = PageFixtures.soak("soak-72h", 72 * 3600, 1);
    Path page = write("soak-72h", doc);
    long bytes = Files.size(page);

    long ready = ReportPageCheck.check(browser, page, 5);
    long spike =
        doc.timeline().stream()
            .mapToLong(ResultDocument.TimelineEntry::responses)
            .max()
            .orElseThrow();
    long drawnMax =
        browser
            .evaluate(
                "Math.max(...JSON.parse(document.getElementById('report-data').textContent)"
                    + ".timeline.responses.filter(v => v !== null))")
            .asLong();
    System.out.printf(
        "72 h soak page: %,d bytes, charts drawn %d ms after navigation start%n", bytes, ready);
    assertThat(bytes).isLessThan(5_000_000);
    assertThat(drawnMax).as("the 1-second spike is kept").isEqualTo(spike);
    assertThat(ready).as("interactive within 2 s").isLessThan(2_000);
  }

  private static PostProcessor postProcessor() {
    PerfSettings settings = PageFixtures.settings();
    return new PostProcessor(settings, ModelAnalyses.all())
        .withGatlingHtml(GatlingHtmlReport.off())
        .withIndex(false);
  }

  private PostProcessor.Options options(String runId) {
    return new PostProcessor.Options(
        tmp.resolve("reports"),
        java.util.Optional.of(runId),
        java.util.Optional.of("smoke"),
        false);
  }
}
