package io.phantommesh.perf.report.html;

import java.util.List;

/**
 * What the {@code index.jte} template shows of a reports folder: the runs, newest first, each with
 * its figures as text and its links; the folders skipped; and the per-model trend data for the
 * charts as script-safe JSON ({@link ScriptJson}). Built by {@code report.RunIndexRenderer}.
 * Immutable.
 *
 * @param title the reports folder as shown in the heading
 * @param summary the line under the heading
 * @param runs one row per run, newest first
 * @param models the load models with a trend chart, in name order
 * @param skipped folders left out, with the reason
 */
public record IndexPage(
    String title,
    String summary,
    List<RunRow> runs,
    List<String> models,
    List<ReportPage.Fact> skipped,
    String libraryName,
    String libraryScript,
    String libraryCss,
    String pageScript,
    String pageCss,
    String chartData) {

  /**
   * One run.
   *
   * @param partialReason why the figures are partial; null when complete
   * @param topError the most frequent error, shortened, with its count; null without errors
   */
  public record RunRow(
      String folder,
      String testName,
      String started,
      String verdict,
      String verdictClass,
      String requests,
      String errorRate,
      String mean,
      String p99,
      String peak,
      String injectors,
      String partialReason,
      String topError,
      List<ReportPage.Link> links) {}

  /** The Content-Security-Policy script sources: the page's two scripts by SHA-256. */
  public String scriptSources() {
    return Csp.hashes(libraryScript, pageScript);
  }
}
