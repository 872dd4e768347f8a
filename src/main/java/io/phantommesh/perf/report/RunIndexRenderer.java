package io.phantommesh.perf.report;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.html.ChartLibrary;
import io.phantommesh.perf.report.html.IndexPage;
import io.phantommesh.perf.report.html.ReportPage;
import io.phantommesh.perf.report.html.ScriptJson;
import io.phantommesh.perf.report.html.Templates;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders {@code reports/index.html}: every run of a reports folder, newest first, with its
 * verdict, key figures and links (its report.html first); then per load model a trend chart of P99
 * and of peak req/s across runs (uPlot); then the folders skipped, with the reason.
 *
 * <p>One self-contained page from the {@code index.jte} template, the same engine and charting as
 * report.html: style, scripts and data inline, nothing fetched, so it works from {@code file://}
 * and in CI artifacts. Every piece of free text is escaped by the template; links are given
 * ready-made (relative and percent-encoded) by the caller, which checked that they exist.
 *
 * <p>Pure and stateless: the caller passes the clock's reading and the folder's contents.
 */
public final class RunIndexRenderer {
  /** Characters of the top error message shown in a row; result.json holds the whole text. */
  static final int ERROR_CHARS = 120;

  private static final String RESOURCES = "io/phantommesh/perf/report/html/";

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
   * @param links report.html, result.json, report.md, Gatling's HTML report, comparisons… (existing
   *     files only)
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

  /** The page with uPlot inlined. */
  public static String render(String title, String generatedAt, List<Entry> entries) {
    return render(title, generatedAt, entries, ChartLibrary.bundled());
  }

  /**
   * The page.
   *
   * @param title the reports folder as shown in the heading
   * @param generatedAt when the page is made, ISO-8601
   * @param entries the folders, in any order
   * @param library the charting library to inline
   */
  public static String render(
      String title, String generatedAt, List<Entry> entries, ChartLibrary library) {
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
    String summary =
        runs.size()
            + (runs.size() == 1 ? " run" : " runs")
            + " in "
            + title
            + ", newest first"
            + (skipped.isEmpty()
                ? ""
                : "; "
                    + skipped.size()
                    + " folder"
                    + (skipped.size() == 1 ? "" : "s")
                    + " skipped (listed below)")
            + ". Generated "
            + generatedAt
            + ". Figures are exact (HdrHistogram), latencies in ms.";
    Map<String, Object> trends = trends(runs);
    return Templates.render(
        "index.jte",
        new IndexPage(
            title,
            summary,
            runs.stream().map(RunIndexRenderer::row).toList(),
            new ArrayList<>(trends.keySet()),
            skipped.stream().map(s -> new ReportPage.Fact(s.folder(), s.reason())).toList(),
            library.name(),
            library.script(),
            library.css(),
            Resources.SCRIPT,
            Resources.CSS,
            ScriptJson.of(Map.of("models", trends))));
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

  private static IndexPage.RunRow row(Run r) {
    ResultDocument d = r.document();
    ResultDocument.Metrics m = d.metrics();
    String tier = d.verdict() == null ? "unknown" : d.verdict().name();
    String topError = null;
    if (!d.errors().isEmpty()) {
      ResultDocument.ErrorEntry top = d.errors().get(0);
      topError = "top error (" + Formats.count(top.count()) + "×): " + shorten(top.message());
    }
    return new IndexPage.RunRow(
        r.folder(),
        String.valueOf(d.testName()),
        date(d.startedAt()),
        tier,
        tier.toLowerCase(Locale.ROOT),
        Formats.count(d.requestCount()),
        m == null ? "n/a" : Formats.percent(m.errorRate()),
        m == null ? "n/a" : Formats.millis(m.latencyMean()),
        m == null || m.latencyPercentiles() == null
            ? "n/a"
            : Formats.millis(m.latencyPercentiles().p99()),
        m == null ? "n/a" : String.valueOf(m.peakRps()),
        d.injectorCount() == null ? "n/a" : d.injectorCount().toString(),
        d.partial() ? (d.partialReason() == null ? "partial" : d.partialReason()) : null,
        topError,
        r.links().stream().map(l -> new ReportPage.Link(l.label(), l.href())).toList());
  }

  /** Per model, oldest run first: the chart data the page script draws. */
  private static Map<String, Object> trends(List<Run> newestFirst) {
    Map<String, List<Run>> byModel = new TreeMap<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      Run r = newestFirst.get(i);
      if (r.document().metrics() != null && r.document().metrics().latencyPercentiles() != null) {
        byModel
            .computeIfAbsent(String.valueOf(r.document().testName()), k -> new ArrayList<>())
            .add(r);
      }
    }
    Map<String, Object> out = new TreeMap<>();
    byModel.forEach(
        (model, runs) -> {
          List<Map<String, Object>> points = new ArrayList<>();
          for (Run r : runs) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("folder", r.folder());
            p.put("verdict", r.document().verdict() == null ? "unknown" : r.document().verdict());
            p.put("short_date", shortDate(r.document().startedAt()));
            p.put("p99", r.document().metrics().latencyPercentiles().p99());
            p.put("peak", r.document().metrics().peakRps());
            points.add(p);
          }
          Run newest = runs.get(runs.size() - 1);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("runs", points);
          m.put("p99_target", target(newest, VerdictEvaluator.LATENCY_P99).orElse(null));
          m.put("peak_target", target(newest, VerdictEvaluator.PEAK_RPS).orElse(null));
          out.put(model, m);
        });
    return out;
  }

  private static Optional<Double> target(Run run, String metric) {
    return run.document().verdicts().stream()
        .filter(v -> metric.equals(v.metric()))
        .map(Verdict::target)
        .findFirst();
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

  private static final class Resources {
    static final String SCRIPT = ChartLibrary.text(RESOURCES + "index.js");
    static final String CSS = ChartLibrary.text(RESOURCES + "index.css");
  }
}
