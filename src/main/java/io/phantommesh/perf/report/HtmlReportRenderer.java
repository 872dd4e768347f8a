package io.phantommesh.perf.report;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.html.ChartLibrary;
import io.phantommesh.perf.report.html.ReportPage;
import io.phantommesh.perf.report.html.Templates;

/**
 * Renders a result document as {@code report.html}: the reviewer's page, self-contained (style,
 * scripts, the uPlot library and the chart data inline; no request leaves the page), from the
 * {@code report.jte} template, which escapes every text by its context. Layout and data in {@code
 * docs/html-report.md}.
 *
 * <p>Stateless and thread-safe; no I/O beyond reading its own classpath resources once.
 */
public final class HtmlReportRenderer {
  private static final String RESOURCES = "io/phantommesh/perf/report/html/";

  private HtmlReportRenderer() {}

  /** The page of {@code doc} with uPlot inlined. */
  public static String render(ResultDocument doc) {
    return render(doc, ChartLibrary.bundled());
  }

  /** The page of {@code doc} with {@code library} inlined (a marker in golden files). */
  public static String render(ResultDocument doc, ChartLibrary library) {
    return Templates.render(
        "report.jte", ReportPage.of(doc, library, Resources.SCRIPT, Resources.CSS));
  }

  private static final class Resources {
    static final String SCRIPT = ChartLibrary.text(RESOURCES + "report.js");
    static final String CSS = ChartLibrary.text(RESOURCES + "report.css");
  }
}
