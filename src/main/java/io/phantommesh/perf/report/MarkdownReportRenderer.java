package io.phantommesh.perf.report;

import io.phantommesh.perf.document.BaselineComparison;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.InjectorHealth;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders a result document as {@code report.md}: a reviewer's one page, readable as plain text and
 * on GitHub.
 *
 * <p>Sections: title (test name, run id, overall verdict), banners (partial run, Gatling
 * disagreements, injector warning), verdicts, summary, requests, groups, top errors, timeline at a
 * glance, Gatling assertions, injector health, baseline comparison, model-specific data, files.
 * Free text is escaped ({@link MarkdownText}); numbers use {@link Locale#ROOT}; lines end with
 * {@code \n}.
 *
 * <p>Stateless and thread-safe. Renders seed-only documents too (absent fields show as n/a).
 *
 * <p>Longer than most classes: one short method per section of the page, in page order, so the page
 * reads top to bottom here.
 */
public final class MarkdownReportRenderer {
  /** Error messages listed; the rest are counted. */
  static final int TOP_ERRORS = 10;

  /** Most rows of the timeline table. */
  static final int TIMELINE_ROWS = 30;

  /** Most characters of a timeline sparkline. */
  static final int SPARKLINE_WIDTH = 60;

  private static final String SPARKS = "▁▂▃▄▅▆▇█";

  private MarkdownReportRenderer() {}

  /** The report of {@code doc}, ending with a newline. */
  public static String render(ResultDocument doc) {
    StringBuilder md = new StringBuilder(8192);
    title(md, doc);
    banners(md, doc);
    verdicts(md, doc);
    summary(md, doc);
    requests(md, "Requests", "Request", "Group", doc.requests());
    if (!doc.groups().isEmpty()) {
      requests(md, "Groups", "Group", "Parent group", doc.groups());
    }
    errors(md, doc);
    timeline(md, doc);
    FaultsMarkdown.section(md, doc);
    gatlingAssertions(md, doc);
    injectorHealth(md, doc);
    baselineComparison(md, doc);
    extra(md, doc);
    files(md, doc);
    return md.toString();
  }

  /** The marker of a tier: an emoji plus the word, so it reads without colour or emoji support. */
  static String marker(Tier tier) {
    if (tier == null) {
      return "n/a";
    }
    return switch (tier) {
      case PASS -> "✅ PASS";
      case WARNING -> "⚠️ WARNING";
      case CRITICAL -> "❌ CRITICAL";
    };
  }

  private static void title(StringBuilder md, ResultDocument doc) {
    md.append("# ")
        .append(esc(doc.testName()))
        .append(" · ")
        .append(esc(doc.runId()))
        .append(" · ")
        .append(marker(doc.verdict()))
        .append("\n\n");
    md.append("Simulation ")
        .append(esc(doc.simulation()))
        .append(" against ")
        .append(esc(doc.target()))
        .append(", ")
        .append(esc(doc.startedAt()))
        .append(" to ")
        .append(esc(doc.endedAt()))
        .append(" (UTC).\n\n");
  }

  private static void banners(StringBuilder md, ResultDocument doc) {
    if (doc.partial()) {
      md.append("> ⚠️ **Partial run:** ")
          .append(esc(doc.partialReason()))
          .append(". The figures cover only the records read before the log ended.\n\n");
    }
    GatlingAssertions ga = doc.gatlingAssertions();
    if (ga != null && !ga.disagreements().isEmpty()) {
      md.append("> ℹ️ **Gatling's assertions disagree with the exact figures** on ")
          .append(ga.disagreements().size())
          .append(ga.disagreements().size() == 1 ? " point" : " points")
          .append(" (see [Gatling assertions](#gatling-assertions)). The verdicts below come from")
          .append(" exact percentiles; Gatling judges random-seeded t-digest estimates.\n\n");
    }
    InjectorHealth h = doc.injectorHealth();
    if (h != null && h.warning() != null && !h.warning().isBlank()) {
      md.append("> ⚠️ **Injector:** ")
          .append(esc(h.warning()))
          .append(". An overloaded injector measures itself, not the target.\n\n");
    }
  }

  private static void verdicts(StringBuilder md, ResultDocument doc) {
    md.append("## Verdicts\n\n");
    if (doc.verdicts().isEmpty()) {
      md.append("No verdicts were recorded.\n\n");
      return;
    }
    md.append("| Metric | Value | PASS | CRITICAL | Tier | Detail |\n");
    md.append("|---|---:|---|---|---|---|\n");
    for (Verdict v : doc.verdicts()) {
      row(
          md,
          esc(v.label()),
          Formats.shownValue(v.value(), v.unit()),
          v.bound().passSymbol() + " " + Formats.limit(v.target(), v.unit()),
          v.critical() == null
              ? "none"
              : v.bound().criticalSymbol() + " " + Formats.limit(v.critical(), v.unit()),
          marker(v.tier()),
          esc(v.detail()));
    }
    Map<Tier, Integer> counts = new EnumMap<>(Tier.class);
    doc.verdicts().forEach(v -> counts.merge(v.tier(), 1, Integer::sum));
    md.append("\n**Overall: ")
        .append(marker(doc.verdict()))
        .append("**, the worst of ")
        .append(doc.verdicts().size())
        .append(" verdicts (")
        .append(counts.getOrDefault(Tier.CRITICAL, 0))
        .append(" CRITICAL, ")
        .append(counts.getOrDefault(Tier.WARNING, 0))
        .append(" WARNING, ")
        .append(counts.getOrDefault(Tier.PASS, 0))
        .append(" PASS).\n\n");
  }

  private static void summary(StringBuilder md, ResultDocument doc) {
    ResultDocument.Metrics m = doc.metrics();
    ResultDocument.LatencyPercentiles p = m.latencyPercentiles();
    ResultDocument.PercentilesExtra x = doc.percentilesExtra();
    md.append("## Summary\n\n");
    md.append("| Figure | Value |\n");
    md.append("|---|---|\n");
    row(md, "Requests", Formats.count(doc.requestCount()));
    row(md, "OK", Formats.count(doc.successCount()));
    row(md, "KO", Formats.count(doc.errorCount()) + " (" + Formats.percent(m.errorRate()) + ")");
    row(md, "Duration", Formats.seconds(doc.duration()) + " s");
    row(
        md,
        "Throughput",
        "avg " + Formats.rate(m.avgRps()) + " req/s, peak " + m.peakRps() + " req/s");
    row(
        md,
        "Latency min / mean / max",
        Formats.latencyMillis(m.latencyMin())
            + " / "
            + Formats.latencyMillis(m.latencyMean())
            + " / "
            + Formats.latencyMillis(m.latencyMax())
            + " ms");
    if (p != null) {
      String extra =
          x == null
              ? ""
              : " · P75 "
                  + Formats.latencyMillis(x.p75())
                  + " · P90 "
                  + Formats.latencyMillis(x.p90());
      row(
          md,
          "Percentiles",
          "P50 "
              + Formats.latencyMillis(p.p50())
              + extra
              + " · P95 "
              + Formats.latencyMillis(p.p95())
              + " · P99 "
              + Formats.latencyMillis(p.p99())
              + " · P99.9 "
              + Formats.latencyMillis(p.p999())
              + " ms");
    }
    row(md, "Target", esc(doc.target()));
    row(md, "Injectors", doc.injectorCount() == null ? "n/a" : doc.injectorCount().toString());
    row(md, "Gatling", esc(doc.gatlingVersion()));
    md.append('\n');
    md.append("Response times are in whole milliseconds, Gatling's resolution: `< 1` ms is a")
        .append(" figure of 0 ms, responses faster than a millisecond.\n\n");
  }

  private static void requests(
      StringBuilder md,
      String heading,
      String nameColumn,
      String groupColumn,
      List<ResultDocument.StatsEntry> rows) {
    md.append("## ").append(heading).append("\n\n");
    if (rows.isEmpty()) {
      md.append("None recorded.\n\n");
      return;
    }
    md.append("| ")
        .append(nameColumn)
        .append(" | ")
        .append(groupColumn)
        .append(" | Count | OK | KO | Error rate | Mean ms | P50 ms | P95 ms | P99 ms")
        .append(" | P99.9 ms | Max ms |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ResultDocument.StatsEntry r : rows) {
      row(
          md,
          esc(r.name()),
          r.group().isEmpty() ? "" : esc(String.join(" / ", r.group())),
          Formats.count(r.count()),
          Formats.count(r.ok()),
          Formats.count(r.ko()),
          Formats.percent(r.errorRate()),
          Formats.latencyMillis(r.mean()),
          Formats.latencyMillis(r.p50()),
          Formats.latencyMillis(r.p95()),
          Formats.latencyMillis(r.p99()),
          Formats.latencyMillis(r.p999()),
          Formats.latencyMillis(r.max()));
    }
    md.append('\n');
  }

  private static void errors(StringBuilder md, ResultDocument doc) {
    md.append("## Errors\n\n");
    List<ResultDocument.ErrorEntry> errors = doc.errors();
    if (errors.isEmpty()) {
      md.append("No errors.\n\n");
      return;
    }
    long total = errors.stream().mapToLong(ResultDocument.ErrorEntry::count).sum();
    int shown = Math.min(TOP_ERRORS, errors.size());
    md.append(
        errors.size() > shown
            ? "Top " + shown + " of " + errors.size() + " messages"
            : errors.size() + (errors.size() == 1 ? " message" : " messages"));
    md.append(", ").append(Formats.count(total)).append(" occurrences in all.\n\n");
    md.append("| # | Message | Count | Share |\n");
    md.append("|---:|---|---:|---:|\n");
    for (int i = 0; i < shown; i++) {
      ResultDocument.ErrorEntry e = errors.get(i);
      row(
          md,
          String.valueOf(i + 1),
          esc(e.message()),
          Formats.count(e.count()),
          Formats.percent(e.share()));
    }
    if (errors.size() > shown) {
      long rest = errors.subList(shown, errors.size()).stream().mapToLong(e -> e.count()).sum();
      md.append("\n")
          .append(errors.size() - shown)
          .append(" more messages (")
          .append(Formats.count(rest))
          .append(" occurrences) are listed in result.json.\n");
    }
    FaultsMarkdown.errorKinds(md, errors);
    md.append('\n');
  }

  private static void timeline(StringBuilder md, ResultDocument doc) {
    md.append("## Timeline at a glance\n\n");
    List<ResultDocument.TimelineEntry> timeline = doc.timeline();
    if (timeline.isEmpty()) {
      md.append("No timeline recorded.\n\n");
      return;
    }
    int seconds = timeline.size();
    int sparkWindow = TimelineBuckets.sparklineWindow(seconds, SPARKLINE_WIDTH);
    List<TimelineBuckets.Bucket> spark = TimelineBuckets.of(timeline, sparkWindow);
    md.append("One character per ")
        .append(sparkWindow == 1 ? "second" : sparkWindow + " seconds")
        .append(", scaled from 0 to the maximum shown.\n\n");
    md.append("```text\n");
    sparkline(md, "req/s ", spark, TimelineBuckets.Bucket::responsesPerSecond, "%.1f");
    sparkline(md, "errors", spark, b -> b.errors(), "%.0f");
    sparkline(md, "P99 ms", spark, b -> b.worstP99(), "%.0f");
    FaultsMarkdown.outageSparkline(md, doc, spark, "outage");
    md.append("```\n\n");

    int window = TimelineBuckets.tableWindow(seconds, TIMELINE_ROWS);
    md.append("| t (s) | Avg req/s | Errors | Max users | Worst P99 ms |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (TimelineBuckets.Bucket b : TimelineBuckets.of(timeline, window)) {
      row(
          md,
          b.fromT() + "–" + b.toT(),
          String.format(Locale.ROOT, "%.1f", b.responsesPerSecond()),
          Formats.count(b.errors()),
          Formats.count(b.maxUsers()),
          b.worstP99() == 0 && b.responsesPerSecond() > 0 ? "< 1" : String.valueOf(b.worstP99()));
    }
    md.append("\nWorst P99 is the highest per-second P99 of the window. Per-second figures are in")
        .append(" result.json (`timeline`).\n\n");
  }

  private static void sparkline(
      StringBuilder md,
      String label,
      List<TimelineBuckets.Bucket> buckets,
      ToDoubleFunction<TimelineBuckets.Bucket> value,
      String maxFormat) {
    double max = buckets.stream().mapToDouble(value).max().orElse(0);
    md.append(label).append(' ');
    for (TimelineBuckets.Bucket b : buckets) {
      double v = value.applyAsDouble(b);
      // Level 0 only for zero, so a small non-zero value stays visible.
      int level = v <= 0 || max <= 0 ? 0 : 1 + (int) Math.min(6, Math.floor(v / max * 7));
      md.append(SPARKS.charAt(level));
    }
    md.append("  max ").append(String.format(Locale.ROOT, maxFormat, max)).append('\n');
  }

  private static void gatlingAssertions(StringBuilder md, ResultDocument doc) {
    GatlingAssertions ga = doc.gatlingAssertions();
    if (ga == null) {
      return;
    }
    md.append("## Gatling assertions\n\n");
    md.append("Gatling's overall outcome: ")
        .append(ga.passed() == null ? "unknown" : ga.passed() ? "passed" : "failed")
        .append(".\n\n");
    if (!ga.outcomes().isEmpty()) {
      md.append("| Assertion | Gatling | Metric |\n");
      md.append("|---|---|---|\n");
      for (GatlingAssertions.Outcome o : ga.outcomes()) {
        row(md, esc(o.description()), o.passed() ? "passed" : "failed", esc(o.metric()));
      }
      md.append('\n');
    }
    if (ga.disagreements().isEmpty()) {
      md.append("Gatling's outcomes agree with the exact figures.\n\n");
      return;
    }
    md.append("Disagreements with the exact figures:\n\n");
    for (GatlingAssertions.Disagreement d : ga.disagreements()) {
      md.append("- ")
          .append(esc(d.description()))
          .append(": Gatling ")
          .append(d.gatlingPassed() ? "passed" : "failed")
          .append(", exact figure ")
          .append(marker(d.exactTier()))
          .append(" (")
          .append(esc(d.detail()))
          .append(")\n");
    }
    md.append('\n');
  }

  private static void injectorHealth(StringBuilder md, ResultDocument doc) {
    InjectorHealth h = doc.injectorHealth();
    if (h == null) {
      return;
    }
    md.append("## Injector health\n\n");
    md.append("| Figure | Value |\n");
    md.append("|---|---|\n");
    if (h.cpuPercentAvg() != null) {
      row(
          md,
          "CPU average",
          String.format(Locale.ROOT, "%.1f %%", h.cpuPercentAvg())
              + (h.cores() == null ? "" : " of " + h.cores() + " cores"));
    }
    if (h.cpuPercentMax() != null) {
      row(md, "CPU max", String.format(Locale.ROOT, "%.1f %%", h.cpuPercentMax()));
    }
    if (h.gcTimeMs() != null) {
      row(md, "GC time", Formats.count(h.gcTimeMs()) + " ms");
    }
    if (h.gcTimePercent() != null) {
      row(md, "GC share of wall time", String.format(Locale.ROOT, "%.2f %%", h.gcTimePercent()));
    }
    if (h.heapMaxMb() != null) {
      row(
          md,
          "Heap max",
          String.format(Locale.ROOT, "%.1f MiB", h.heapMaxMb())
              + (h.heapLimitMb() == null
                  ? ""
                  : String.format(Locale.ROOT, " of %.0f MiB", h.heapLimitMb())));
    }
    if (h.lateArrivalsPercent() != null) {
      row(
          md,
          "Late arrivals",
          String.format(
              Locale.ROOT,
              "%.2f %% started %.0f ms or more late",
              h.lateArrivalsPercent(),
              h.lateThresholdMs() == null ? 0.0 : h.lateThresholdMs()));
    }
    if (h.eventLoopLagP99Ms() != null) {
      row(
          md,
          "Event-loop lag P99 / max",
          String.format(
              Locale.ROOT,
              "%.1f / %.1f ms",
              h.eventLoopLagP99Ms(),
              h.eventLoopLagMaxMs() == null ? 0.0 : h.eventLoopLagMaxMs()));
    }
    row(md, "Warning", h.warning() == null ? "none" : esc(h.warning()));
    md.append('\n');
  }

  private static void baselineComparison(StringBuilder md, ResultDocument doc) {
    BaselineComparison comparison = doc.baselineComparison();
    if (comparison != null) {
      ComparisonRenderer.section(md, comparison);
    }
  }

  private static void extra(StringBuilder md, ResultDocument doc) {
    if (doc.extra().isEmpty()) {
      return;
    }
    md.append("## Model-specific data\n\n");
    md.append("In result.json under `extra`: ")
        .append(String.join(", ", doc.extra().keySet().stream().map(MarkdownText::escape).toList()))
        .append(".\n\n");
  }

  private static void files(StringBuilder md, ResultDocument doc) {
    md.append("## Files\n\n");
    md.append("- [result.json](result.json): every figure, machine-readable\n");
    md.append("- [junit.xml](junit.xml): one test case per verdict\n");
    if (doc.gatlingReport() != null && !doc.gatlingReport().isBlank()) {
      md.append("- [Gatling HTML report](")
          .append(MarkdownText.linkTarget(doc.gatlingReport()))
          .append(")\n");
    }
  }

  private static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String c : cells) {
      md.append(' ').append(c).append(" |");
    }
    md.append('\n');
  }

  private static String esc(String text) {
    return MarkdownText.escape(text);
  }
}
