package io.phantommesh.perf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.phantommesh.perf.document.BaselineComparison;
import io.phantommesh.perf.document.ResultJson;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Renders a {@link BaselineComparison}: as JSON ({@code compare-<baseline>.json}), as its own
 * Markdown page ({@code compare-<baseline>.md}), and as the "Baseline comparison" section of a
 * run's report.md. Free text is escaped ({@link MarkdownText}); numbers use {@link Locale#ROOT}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ComparisonRenderer {
  private ComparisonRenderer() {}

  /** The comparison as pretty-printed JSON, ending with a newline. */
  public static String json(BaselineComparison comparison) {
    try {
      return ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(comparison)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the comparison: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a comparison this class wrote.
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static BaselineComparison readJson(InputStream in) {
    try {
      return BaselineComparison.fromTree(ResultJson.MAPPER.readTree(in));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a baseline comparison: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the comparison: " + e.getMessage(), e);
    }
  }

  /** The comparison as a page of its own, ending with a newline. */
  public static String markdown(BaselineComparison comparison) {
    StringBuilder md = new StringBuilder(4096);
    md.append("# ")
        .append(MarkdownText.escape(comparison.run().runId()))
        .append(" vs baseline ")
        .append(MarkdownText.escape(comparison.baseline().runId()))
        .append(" · ")
        .append(outcome(comparison.verdict()))
        .append("\n\n");
    body(md, comparison, "##");
    return md.toString();
  }

  /** The "Baseline comparison" section of report.md (a level-2 heading and its tables). */
  static void section(StringBuilder md, BaselineComparison comparison) {
    md.append("## Baseline comparison\n\n");
    md.append("**")
        .append(outcome(comparison.verdict()))
        .append("** against baseline ")
        .append(MarkdownText.escape(comparison.baseline().runId()))
        .append(".\n\n");
    body(md, comparison, "###");
  }

  /** The tier as a regression outcome: the marker and what it means here. */
  static String outcome(Tier tier) {
    return MarkdownReportRenderer.marker(tier)
        + switch (tier) {
          case PASS -> " (no regression)";
          case WARNING -> " (worse, within tolerance)";
          case CRITICAL -> " (regression beyond tolerance)";
        };
  }

  private static void body(StringBuilder md, BaselineComparison c, String subheading) {
    BaselineComparison.RunRef run = c.run();
    BaselineComparison.RunRef base = c.baseline();
    md.append("Run ")
        .append(describe(run))
        .append(", baseline ")
        .append(describe(base))
        .append(".\n\n");
    for (String note : c.notes()) {
      md.append("> ⚠️ ").append(MarkdownText.escape(note)).append("\n");
    }
    if (!c.notes().isEmpty()) {
      md.append('\n');
    }
    md.append("| Figure | Baseline | Run | Delta | Delta % | Tier | Detail |\n");
    md.append("|---|---:|---:|---:|---:|---|---|\n");
    for (BaselineComparison.MetricDelta m : c.metrics()) {
      md.append("| ")
          .append(MarkdownText.escape(m.label()))
          .append(" | ")
          .append(Formats.value(m.baseline(), m.unit()))
          .append(" | ")
          .append(Formats.value(m.current(), m.unit()))
          .append(" | ")
          .append(signed(m.delta(), m.unit()))
          .append(" | ")
          .append(
              m.deltaPercent() == null
                  ? "n/a"
                  : (m.deltaPercent() > 0 ? "+" : "") + Formats.plain(m.deltaPercent()) + " %")
          .append(" | ")
          .append(m.judged() ? MarkdownReportRenderer.marker(m.verdict().tier()) : "not judged")
          .append(" | ")
          .append(MarkdownText.escape(m.verdict().detail()))
          .append(" |\n");
    }
    BaselineComparison.Tolerances t = c.tolerances();
    if (t != null) {
      md.append("\nTolerated worsening: mean +")
          .append(Formats.plain(t.meanPercent()))
          .append(" %, P50 +")
          .append(Formats.plain(t.p50Percent()))
          .append(" %, P99 +")
          .append(Formats.plain(t.p99Percent()))
          .append(" %, P99.9 +")
          .append(Formats.plain(t.p999Percent()))
          .append(" %, error rate +")
          .append(Formats.plain(t.errorRatePoints()))
          .append(" points, peak req/s ")
          .append(Formats.plain(t.peakRpsPercent()))
          .append(" %; WARNING from ")
          .append(Formats.plain(t.softBandPercent()))
          .append(" % of each. Noise floors: ")
          .append(Formats.plain(t.minLatencyDeltaMillis()))
          .append(" ms, ")
          .append(Formats.plain(t.minPeakRpsDelta()))
          .append(" req/s, ")
          .append(t.minTailSamples())
          .append(" responses beyond a percentile (`phantom.compare`).\n");
    }
    if (!c.requests().isEmpty()) {
      md.append('\n').append(subheading).append(" P99 per request (not judged)\n\n");
      md.append(
          "| Request | Group | Baseline count | Run count | Baseline P99 ms | Run P99 ms | Delta ms"
              + " |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|\n");
      for (BaselineComparison.RequestDelta r : c.requests()) {
        md.append("| ")
            .append(MarkdownText.escape(r.name()))
            .append(" | ")
            .append(r.group().isEmpty() ? "" : MarkdownText.escape(String.join(" / ", r.group())))
            .append(" | ")
            .append(Formats.count(r.baselineCount()))
            .append(" | ")
            .append(Formats.count(r.currentCount()))
            .append(" | ")
            .append(Formats.millis(r.baselineP99()))
            .append(" | ")
            .append(Formats.millis(r.currentP99()))
            .append(" | ")
            .append(signed(r.deltaP99(), Units.MILLIS))
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private static String describe(BaselineComparison.RunRef r) {
    return MarkdownText.escape(r.runId())
        + " ("
        + MarkdownText.escape(r.testName())
        + ", started "
        + MarkdownText.escape(r.startedAt())
        + ", "
        + Formats.count(r.requestCount())
        + " requests, own verdict "
        + (r.verdict() == null ? "n/a" : r.verdict().name())
        + ")";
  }

  private static String signed(double value, String unit) {
    String text = Units.FRACTION.equals(unit) ? Formats.percent(value) : Formats.value(value, unit);
    return value > 0 ? "+" + text : text;
  }
}
