package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.html.ChartLibrary;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * report.html as text: the golden page (uPlot left out, see {@link ChartLibrary#marker()}), markup
 * in names kept as text, no address that would make the page fetch anything, uPlot inlined.
 */
class HtmlReportRendererTest {
  /** uPlot's licence header names its home page; the page never requests it. */
  private static final String UPLOT_HOME = "https:" + "//github.com/leeoniya/uPlot";

  private static final Locale DEFAULT_LOCALE = Locale.getDefault();

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(DEFAULT_LOCALE);
  }

  @ParameterizedTest
  @MethodSource("io.phantommesh.perf.report.GoldenFilesTest#locales")
  void rendersTheGoldenPage(Locale locale) {
    Locale.setDefault(locale);

    GoldenFiles.assertMatches(
        "report.html",
        HtmlReportRenderer.render(ReportFixtures.goldenDocument(), ChartLibrary.marker()));
  }

  @Test
  void inlinesUplotAndFetchesNothing() {
    String html = HtmlReportRenderer.render(ReportFixtures.goldenDocument());

    assertThat(html).contains("var uPlot=function()").contains(".uplot");
    // No element loads anything: no src or stylesheet link, no http(s) address outside the
    // library's own licence comment.
    assertThat(html).doesNotContainPattern("<script[^>]*\\ssrc=").doesNotContain("<link");
    String page = html.replace(UPLOT_HOME, "");
    assertThat(page).doesNotContain("http:" + "//").doesNotContain("https:" + "//");
  }

  @Test
  void markupInNamesAndMessagesStaysText() {
    ResultDocument doc = ReportFixtures.goldenDocument();
    String html = HtmlReportRenderer.render(doc, ChartLibrary.marker());

    // The request "<script>|x" and the error with <b>: escaped in the tables.
    assertThat(html).contains("<td class=\"name\">&lt;script&gt;|x</td>");
    assertThat(html).contains("Connection refused &lt;b&gt;|*x*&lt;/b&gt; &amp; more");
    // Three script elements, all the page's own: the data block, the library, the page script.
    assertThat(count(Pattern.compile("<script"), html)).isEqualTo(3);
    assertThat(count(Pattern.compile("</script"), html)).isEqualTo(3);
  }

  @Test
  void aStoppedRunSaysByWhichRuleAtTheTop() {
    ResultDocument doc =
        ReportFixtures.goldenDocument()
            .withStoppedEarly(
                new ResultDocument.StoppedEarly(
                    "phantom.live.stop.sustained.error-rate",
                    "error_rate",
                    "window",
                    "30s",
                    30,
                    "2026-01-04T12:35:00Z",
                    "2026-01-04T12:35:30Z",
                    "2026-01-04T12:35:30.120Z",
                    34.12,
                    "0.5 > critical 0.05"),
                io.phantommesh.perf.verdict.Verdict.evaluate(
                    "live_stop",
                    "Stop rule",
                    0.5,
                    io.phantommesh.perf.verdict.Units.FRACTION,
                    io.phantommesh.perf.verdict.Bound.BELOW,
                    0.01,
                    0.05));

    String html = HtmlReportRenderer.render(doc, ChartLibrary.marker());

    assertThat(html)
        .contains("<p class=\"banner stopped\">Stopped early by the live monitor's stop rule")
        .contains("phantom.live.stop.sustained.error-rate after 34.12 s")
        .contains("<tr data-metric=\"live_stop\">");
  }

  @Test
  void escapesScriptEndsAndCommentsInsideTheDataBlock() {
    String json =
        io.phantommesh.perf.report.html.ScriptJson.of(
            java.util.Map.of("name", "</script><!--<script>alert(1)</script>&"));

    assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    assertThat(json)
        .isEqualTo(
            "{\"name\":\"\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026\"}");
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
