package io.phantommesh.perf.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.InjectorHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The report page's banners, summary, injector health and the document's other facts (keys this
 * page does not know by name, such as a warm-up block or a stopped run's reason, shown as they are
 * rather than dropped). Pure and stateless.
 */
final class PageFacts {
  /** Top-level keys the page shows in its own sections. */
  private static final Set<String> KNOWN =
      Set.of(
          "test_name",
          "duration",
          "request_count",
          "success_count",
          "error_count",
          "metrics",
          "schema_version",
          "run_id",
          "simulation",
          "target",
          "started_at",
          "ended_at",
          "gatling_version",
          "injector_count",
          "partial",
          "partial_reason",
          "verdict",
          "verdicts",
          "percentiles_extra",
          "latency_distribution",
          "requests",
          "groups",
          "errors",
          "timeline",
          "gatling_report",
          "gatling_assertions",
          "injector_health",
          "baseline_comparison",
          "stopped_early",
          "extra");

  /** {@code extra} keys the model views show. */
  private static final Set<String> KNOWN_EXTRA =
      Set.of("soak", "spike", "merge", "injectors", "baseline_comparison");

  private PageFacts() {}

  static List<ReportPage.Banner> banners(ResultDocument doc) {
    List<ReportPage.Banner> out = new ArrayList<>();
    ResultDocument.StoppedEarly stop = doc.stoppedEarly();
    if (stop != null) {
      out.add(
          new ReportPage.Banner(
              "stopped",
              "Stopped early by the live monitor's stop rule "
                  + stop.rule()
                  + " after "
                  + Formats.plain(stop.firedAfterSeconds())
                  + " s: "
                  + stop.metric()
                  + " CRITICAL ("
                  + stop.detail()
                  + ") over "
                  + stop.windowFrom()
                  + " → "
                  + stop.windowTo()
                  + ". The figures cover the run until it was stopped."));
    }
    if (doc.partial()) {
      out.add(
          new ReportPage.Banner(
              "partial",
              "Partial result: "
                  + (doc.partialReason() == null ? "a log ended early" : doc.partialReason())
                  + ". The figures cover the records read before."));
    }
    if (doc.gatlingAssertions() != null && !doc.gatlingAssertions().disagreements().isEmpty()) {
      int n = doc.gatlingAssertions().disagreements().size();
      out.add(
          new ReportPage.Banner(
              "gatling",
              "Gatling's assertions disagree with the exact figures on "
                  + n
                  + (n == 1 ? " point" : " points")
                  + ". The verdicts here judge exact percentiles; Gatling judges random-seeded"
                  + " t-digest estimates."));
    }
    InjectorHealth h = doc.injectorHealth();
    if (h != null && h.warning() != null && !h.warning().isBlank()) {
      out.add(
          new ReportPage.Banner(
              "injector",
              "Injector: "
                  + h.warning()
                  + ". An overloaded injector measures itself, not the target."));
    }
    return out;
  }

  static List<ReportPage.Fact> summary(ResultDocument doc) {
    ResultDocument.Metrics m = doc.metrics();
    List<ReportPage.Fact> out = new ArrayList<>();
    out.add(fact("Requests", Formats.count(doc.requestCount())));
    out.add(fact("OK", Formats.count(doc.successCount())));
    out.add(
        fact("KO", Formats.count(doc.errorCount()) + " (" + Formats.percent(m.errorRate()) + ")"));
    out.add(fact("Measured window", Formats.seconds(doc.duration()) + " s"));
    out.add(
        fact(
            "Throughput",
            "avg " + Formats.rate(m.avgRps()) + " req/s · peak " + m.peakRps() + " req/s"));
    out.add(
        fact(
            "Latency min / mean / max",
            Formats.millis(m.latencyMin())
                + " / "
                + Formats.millis(m.latencyMean())
                + " / "
                + Formats.millis(m.latencyMax())
                + " ms"));
    ResultDocument.LatencyPercentiles p = m.latencyPercentiles();
    ResultDocument.PercentilesExtra x = doc.percentilesExtra();
    if (p != null) {
      out.add(
          fact(
              "Percentiles (exact)",
              "P50 "
                  + Formats.millis(p.p50())
                  + (x == null
                      ? ""
                      : " · P75 " + Formats.millis(x.p75()) + " · P90 " + Formats.millis(x.p90()))
                  + " · P95 "
                  + Formats.millis(p.p95())
                  + " · P99 "
                  + Formats.millis(p.p99())
                  + " · P99.9 "
                  + Formats.millis(p.p999())
                  + " ms"));
    }
    out.add(fact("Started / ended", orNa(doc.startedAt()) + " → " + orNa(doc.endedAt())));
    out.add(fact("Target", orNa(doc.target())));
    out.add(fact("Simulation", orNa(doc.simulation())));
    out.add(
        fact("Injectors", doc.injectorCount() == null ? "n/a" : doc.injectorCount().toString()));
    out.add(fact("Gatling", orNa(doc.gatlingVersion())));
    return out;
  }

  static List<ReportPage.Fact> health(ResultDocument doc) {
    return doc.injectorHealth() == null
        ? List.of()
        : ReportPage.facts(JsonResultWriter.toTree(doc.injectorHealth()));
  }

  /** Keys the page has no section for, top level and in {@code extra}, as they are. */
  static List<ReportPage.Fact> other(ResultDocument doc) {
    List<ReportPage.Fact> out = new ArrayList<>();
    JsonNode tree = JsonResultWriter.toTree(doc);
    tree.properties()
        .forEach(
            e -> {
              if (!KNOWN.contains(e.getKey())) {
                out.add(fact(e.getKey(), text(e.getValue())));
              }
            });
    doc.extra()
        .forEach(
            (k, v) -> {
              if (!KNOWN_EXTRA.contains(k)) {
                out.add(fact("extra." + k, text(v)));
              }
            });
    return out;
  }

  /**
   * A JSON value as one line: numbers to at most two decimals ({@link Formats#plain}), other
   * scalars as they are, objects and arrays as compact JSON.
   */
  static String text(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    if (v.isNumber()) {
      return Formats.plain(Math.round(v.asDouble() * 100) / 100.0);
    }
    String s = v.isValueNode() ? v.asText() : v.toString();
    return s.length() > 2_000 ? s.substring(0, 1_999) + "…" : s;
  }

  private static ReportPage.Fact fact(String label, String value) {
    return new ReportPage.Fact(label, value);
  }

  private static String orNa(String s) {
    return s == null || s.isBlank() ? "n/a" : s;
  }
}
