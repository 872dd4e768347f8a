package io.phantommesh.perf.report;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@code reports/index.html}: every run of a reports folder, newest first, with its
 * verdict, key figures and links; then per load model a trend chart of P99 and of peak req/s across
 * runs; then the folders skipped, with the reason.
 *
 * <p>One self-contained page: inline CSS and inline SVG, no script, nothing fetched, so it works
 * from {@code file://} and in CI artifact viewers. Every piece of free text (run ids, test names,
 * request names, error messages) is HTML-escaped, in text and in attributes alike; links are given
 * ready-made (relative and percent-encoded) by the caller, which checked that they exist.
 *
 * <p>Pure and stateless: the caller passes the clock's reading and the folder's contents.
 */
public final class RunIndexRenderer {
  /** Characters of the top error message shown in a row; result.json holds the whole text. */
  static final int ERROR_CHARS = 120;

  private static final int CHART_WIDTH = 520;
  private static final int CHART_HEIGHT = 170;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 24;
  private static final int BOTTOM = 30;

  private RunIndexRenderer() {}

  /**
   * A link of a run's row.
   *
   * @param label the link text
   * @param href relative, percent-encoded path from the index to an existing file
   */
  public record Link(String label, String href) {}

  /** One folder of the reports folder. */
  public sealed interface Entry permits Run, Skipped {
    /** The folder's name. */
    String folder();
  }

  /**
   * A folder holding a readable result.
   *
   * @param folder the folder's name
   * @param document its result.json
   * @param links result.json, report.md, Gatling's HTML report, comparisons… (existing files only)
   */
  public record Run(String folder, ResultDocument document, List<Link> links) implements Entry {
    public Run {
      links = List.copyOf(links);
    }
  }

  /**
   * A folder left out, with the reason shown in the page.
   *
   * @param folder the folder's name
   * @param reason why, e.g. {@code no result.json}
   */
  public record Skipped(String folder, String reason) implements Entry {}

  /**
   * The page.
   *
   * @param title the reports folder as shown in the heading
   * @param generatedAt when the page is made, ISO-8601
   * @param entries the folders, in any order
   */
  public static String render(String title, String generatedAt, List<Entry> entries) {
    List<Run> runs = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Entry e : entries) {
      if (e instanceof Run r) {
        runs.add(r);
      } else if (e instanceof Skipped s) {
        skipped.add(s);
      }
    }
    runs.sort(NEWEST_FIRST);
    skipped.sort(Comparator.comparing(Skipped::folder));

    StringBuilder h = new StringBuilder(16384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>phantom-mesh-perf runs · ")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>phantom-mesh-perf runs</h1>\n<p class=\"meta\">")
        .append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs")
        .append(" in <code>")
        .append(esc(title))
        .append("</code>, newest first")
        .append(
            skipped.isEmpty()
                ? ""
                : "; "
                    + skipped.size()
                    + " folder"
                    + (skipped.size() == 1 ? "" : "s")
                    + " skipped (listed below)")
        .append(". Generated ")
        .append(esc(generatedAt))
        .append(". Figures are exact (HdrHistogram), latencies in ms.</p>\n");
    table(h, runs);
    trends(h, runs);
    skippedList(h, skipped);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** Newest start first; runs without a readable start last; then by folder name, descending. */
  static final Comparator<Run> NEWEST_FIRST =
      Comparator.comparing((Run r) -> startOf(r).orElse(Instant.MIN), Comparator.reverseOrder())
          .thenComparing(Run::folder, Comparator.reverseOrder());

  private static Optional<Instant> startOf(Run r) {
    String s = r.document().startedAt();
    if (s == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static void table(StringBuilder h, List<Run> runs) {
    h.append("<h2 id=\"runs\">Runs</h2>\n");
    if (runs.isEmpty()) {
      h.append("<p class=\"empty\">No readable result yet.</p>\n");
      return;
    }
    h.append("<table class=\"runs\">\n<thead><tr>")
        .append("<th>Run</th><th>Model</th><th>Started (UTC)</th><th>Verdict</th>")
        .append("<th class=\"num\">Requests</th><th class=\"num\">Error rate</th>")
        .append("<th class=\"num\">Mean</th><th class=\"num\">P99</th>")
        .append("<th class=\"num\">Peak req/s</th><th class=\"num\">Injectors</th><th>Links</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (Run r : runs) {
      ResultDocument d = r.document();
      ResultDocument.Metrics m = d.metrics();
      String tier = d.verdict() == null ? "unknown" : d.verdict().name();
      h.append("<tr class=\"run\" data-run=\"")
          .append(esc(r.folder()))
          .append("\"><td class=\"id\">")
          .append(esc(r.folder()));
      if (d.partial()) {
        h.append(" <span class=\"badge partial\" title=\"")
            .append(esc(d.partialReason()))
            .append("\">partial</span>");
      }
      if (!d.errors().isEmpty()) {
        ResultDocument.ErrorEntry top = d.errors().get(0);
        h.append("<div class=\"err\">top error (")
            .append(Formats.count(top.count()))
            .append("×): ")
            .append(esc(shorten(top.message())))
            .append("</div>");
      }
      h.append("</td><td>")
          .append(esc(d.testName()))
          .append("</td><td>")
          .append(esc(date(d.startedAt())))
          .append("</td><td><span class=\"badge ")
          .append(tier.toLowerCase(Locale.ROOT))
          .append("\">")
          .append(tier)
          .append("</span></td><td class=\"num\">")
          .append(Formats.count(d.requestCount()))
          .append("</td><td class=\"num\">")
          .append(m == null ? "n/a" : Formats.percent(m.errorRate()))
          .append("</td><td class=\"num\">")
          .append(m == null ? "n/a" : Formats.millis(m.latencyMean()))
          .append("</td><td class=\"num\">")
          .append(
              m == null || m.latencyPercentiles() == null
                  ? "n/a"
                  : Formats.millis(m.latencyPercentiles().p99()))
          .append("</td><td class=\"num\">")
          .append(m == null ? "n/a" : String.valueOf(m.peakRps()))
          .append("</td><td class=\"num\">")
          .append(d.injectorCount() == null ? "n/a" : d.injectorCount())
          .append("</td><td class=\"links\">");
      for (int i = 0; i < r.links().size(); i++) {
        Link l = r.links().get(i);
        h.append(i == 0 ? "" : " · ")
            .append("<a href=\"")
            .append(esc(l.href()))
            .append("\">")
            .append(esc(l.label()))
            .append("</a>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void skippedList(StringBuilder h, List<Skipped> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    h.append("<h2 id=\"skipped\">Skipped folders</h2>\n<ul class=\"skipped\">\n");
    for (Skipped s : skipped) {
      h.append("<li><code>")
          .append(esc(s.folder()))
          .append("</code>: ")
          .append(esc(s.reason()))
          .append("</li>\n");
    }
    h.append("</ul>\n");
  }

  private static void trends(StringBuilder h, List<Run> newestFirst) {
    Map<String, List<Run>> byModel = new TreeMap<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      Run r = newestFirst.get(i);
      if (r.document().metrics() != null && r.document().metrics().latencyPercentiles() != null) {
        byModel
            .computeIfAbsent(String.valueOf(r.document().testName()), k -> new ArrayList<>())
            .add(r);
      }
    }
    h.append("<h2 id=\"trends\">Trends per model</h2>\n");
    if (byModel.isEmpty()) {
      h.append("<p class=\"empty\">No runs to chart.</p>\n");
      return;
    }
    h.append("<p class=\"meta\">Oldest run left, newest right; dots coloured by the run's verdict;")
        .append(" the dashed line is the newest run's PASS target. Hover a dot for the run.</p>\n");
    for (Map.Entry<String, List<Run>> e : byModel.entrySet()) {
      List<Run> runs = e.getValue();
      h.append("<section class=\"model\" data-model=\"")
          .append(esc(e.getKey()))
          .append("\">\n<h3>")
          .append(esc(e.getKey()))
          .append(" <span class=\"meta\">")
          .append(runs.size())
          .append(runs.size() == 1 ? " run" : " runs")
          .append("</span></h3>\n<div class=\"charts\">\n");
      Run newest = runs.get(runs.size() - 1);
      chart(
          h,
          e.getKey(),
          "P99 (ms)",
          "p99",
          runs,
          r -> r.document().metrics().latencyPercentiles().p99(),
          target(newest, VerdictEvaluator.LATENCY_P99),
          "ms");
      chart(
          h,
          e.getKey(),
          "Peak req/s",
          "peak-rps",
          runs,
          r -> r.document().metrics().peakRps(),
          target(newest, VerdictEvaluator.PEAK_RPS),
          "req/s");
      h.append("</div>\n</section>\n");
    }
  }

  private static Optional<Double> target(Run run, String metric) {
    return run.document().verdicts().stream()
        .filter(v -> metric.equals(v.metric()))
        .map(Verdict::target)
        .findFirst();
  }

  private static void chart(
      StringBuilder h,
      String model,
      String title,
      String kind,
      List<Run> runs,
      ToDoubleFunction<Run> value,
      Optional<Double> target,
      String unit) {
    double max = runs.stream().mapToDouble(value).max().orElse(0);
    if (target.isPresent()) {
      max = Math.max(max, target.get());
    }
    double top = niceCeiling(max);
    int plotW = CHART_WIDTH - LEFT - RIGHT;
    int plotH = CHART_HEIGHT - TOP - BOTTOM;
    h.append("<svg class=\"chart ")
        .append(kind)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(CHART_WIDTH)
        .append("\" height=\"")
        .append(CHART_HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(CHART_WIDTH)
        .append(' ')
        .append(CHART_HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc(title + " of " + model + " across " + runs.size() + " runs"))
        .append("\">\n<title>")
        .append(esc(title + " · " + model))
        .append("</title>\n");
    h.append("<text x=\"")
        .append(LEFT)
        .append("\" y=\"16\" class=\"t\">")
        .append(esc(title))
        .append("</text>\n");
    // Horizontal grid at 0, 1/2 and 1 of the scale, labelled.
    for (int i = 0; i <= 2; i++) {
      double v = top * i / 2;
      double y = TOP + plotH - plotH * (v / top);
      h.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
                  LEFT,
                  y,
                  LEFT + plotW,
                  y))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%.1f\" class=\"ax\" text-anchor=\"end\">%s</text>\n",
                  LEFT - 6,
                  y + 4,
                  Formats.plain(v)));
    }
    if (target.isPresent() && target.get() > 0) {
      double y = TOP + plotH - plotH * (target.get() / top);
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"target\"><title>PASS"
                  + " target %s %s</title></line>\n",
              LEFT,
              y,
              LEFT + plotW,
              y,
              Formats.plain(target.get()),
              unit));
    }
    int n = runs.size();
    StringBuilder points = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < n; i++) {
      Run r = runs.get(i);
      double v = value.applyAsDouble(r);
      double x = n == 1 ? LEFT + plotW / 2.0 : LEFT + plotW * (double) i / (n - 1);
      double y = TOP + plotH - plotH * (v / top);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      String tier =
          r.document().verdict() == null
              ? "unknown"
              : r.document().verdict().name().toLowerCase(Locale.ROOT);
      dots.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" class=\"dot %s\">",
                  x,
                  y,
                  tier))
          .append("<title>")
          .append(
              esc(
                  r.folder()
                      + " · "
                      + date(r.document().startedAt())
                      + " · "
                      + Formats.plain(v)
                      + " "
                      + unit))
          .append("</title></circle>\n");
    }
    if (n > 1) {
      h.append("<polyline class=\"line\" points=\"")
          .append(points.toString().strip())
          .append("\"/>\n");
    }
    h.append(dots);
    // First and last run's dates under the axis.
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"ax\">%s</text>\n",
            LEFT,
            CHART_HEIGHT - 8,
            esc(shortDate(runs.get(0).document().startedAt()))));
    if (n > 1) {
      h.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"ax\" text-anchor=\"end\">%s</text>\n",
              LEFT + plotW,
              CHART_HEIGHT - 8,
              esc(shortDate(runs.get(n - 1).document().startedAt()))));
    }
    h.append("</svg>\n");
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v} (1 for 0). */
  static double niceCeiling(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String date(String iso) {
    if (iso == null) {
      return "n/a";
    }
    // 2026-01-04T12:34:56.000Z -> 2026-01-04 12:34:56
    return iso.length() >= 19 ? iso.substring(0, 10) + " " + iso.substring(11, 19) : iso;
  }

  private static String shortDate(String iso) {
    return iso == null || iso.length() < 16
        ? String.valueOf(iso)
        : iso.substring(5, 10) + " " + iso.substring(11, 16);
  }

  private static String shorten(String s) {
    String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= ERROR_CHARS ? oneLine : oneLine.substring(0, ERROR_CHARS - 1) + "…";
  }

  /**
   * {@code text} safe in HTML text and in double- or single-quoted attributes; characters HTML
   * forbids (controls other than whitespace) become U+FFFD; {@code ""} for null.
   */
  static String esc(Object text) {
    if (text == null) {
      return "";
    }
    String s = text.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '\n', '\t' -> sb.append(c);
        case '\r' -> sb.append(' ');
        default -> sb.append(Character.isISOControl(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  private static final String CSS =
      """
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
             margin: 24px; color: #1f2328; background: #fff; }
      h1 { font-size: 22px; margin: 0 0 4px; }
      h2 { font-size: 17px; margin: 28px 0 8px; }
      h3 { font-size: 15px; margin: 0 0 6px; }
      .meta { color: #59636e; font-size: 12px; font-weight: normal; }
      code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
      table.runs { border-collapse: collapse; width: 100%; }
      table.runs th, table.runs td { border-bottom: 1px solid #d1d9e0; padding: 6px 8px;
             text-align: left; vertical-align: top; }
      table.runs th { background: #f6f8fa; font-weight: 600; }
      .num { text-align: right !important; font-variant-numeric: tabular-nums; }
      td.id { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
      .err { color: #9a6700; font: 11px system-ui, sans-serif; margin-top: 2px; }
      .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px;
             font-weight: 600; color: #fff; background: #59636e; }
      .badge.pass { background: #1a7f37; } .badge.warning { background: #bf8700; }
      .badge.critical { background: #cf222e; } .badge.partial { background: #8250df; }
      .charts { display: flex; flex-wrap: wrap; gap: 12px; }
      section.model { border: 1px solid #d1d9e0; border-radius: 6px; padding: 10px 12px;
             margin-bottom: 12px; }
      svg.chart { background: #fff; }
      svg .t { font: 600 12px system-ui, "DejaVu Sans", sans-serif; fill: #1f2328; }
      svg .ax { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: #59636e; }
      svg .grid { stroke: #d1d9e0; stroke-width: 1; }
      svg .target { stroke: #1a7f37; stroke-width: 1.5; stroke-dasharray: 5 4; }
      svg .line { fill: none; stroke: #0969da; stroke-width: 2; }
      svg .dot { stroke: #fff; stroke-width: 1.5; fill: #59636e; }
      svg .dot.pass { fill: #1a7f37; } svg .dot.warning { fill: #bf8700; }
      svg .dot.critical { fill: #cf222e; }
      ul.skipped li { color: #59636e; }
      p.empty { color: #59636e; }
      """;
}
