package io.phantommesh.perf.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.document.BaselineComparison;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.Units;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model views of the report page, as text: soak and spike figures (their charts come from
 * {@link ChartData}), a merged run's injectors and a baseline comparison's deltas. Each list is
 * empty when the document has no such data. Immutable.
 *
 * @param soak the soak's figures ({@code extra.soak})
 * @param spike the spike's window and recovery ({@code extra.spike})
 * @param merge what was merged ({@code extra.merge})
 * @param injectorColumns header of {@code injectors}
 * @param injectors one row per injector ({@code extra.injectors}), cells in column order
 * @param comparison one row per compared metric: label, baseline, run, delta, delta %, limits, tier
 * @param comparedWith the baseline's run id and where its result was read
 * @param tolerances the tolerances the deltas were judged with
 */
public record ModelViews(
    List<ReportPage.Fact> soak,
    List<ReportPage.Fact> spike,
    List<ReportPage.Fact> merge,
    List<String> injectorColumns,
    List<List<String>> injectors,
    List<List<String>> comparison,
    String comparedWith,
    List<ReportPage.Fact> tolerances) {

  static ModelViews of(ResultDocument doc) {
    List<List<String>> comparison = new ArrayList<>();
    String comparedWith = "";
    List<ReportPage.Fact> tolerances = List.of();
    BaselineComparison c = doc.baselineComparison();
    if (c != null) {
      for (BaselineComparison.MetricDelta d : c.metrics()) {
        String unit = d.unit();
        comparison.add(
            List.of(
                d.label(),
                Formats.value(d.baseline(), unit),
                Formats.value(d.current(), unit),
                signed(d.delta(), unit),
                d.deltaPercent() == null
                    ? "n/a"
                    : String.format(Locale.ROOT, "%+.1f %%", d.deltaPercent()),
                d.verdict() == null
                    ? ""
                    : limits(d.verdict().target(), d.verdict().critical(), unit),
                d.verdict() == null ? "" : d.verdict().tier().name(),
                d.judged() ? "" : "not judged: " + d.verdict().detail()));
      }
      comparedWith =
          c.baseline() == null ? "" : c.baseline().runId() + " (" + c.baseline().location() + ")";
      tolerances =
          c.tolerances() == null
              ? List.of()
              : ReportPage.facts(
                  io.phantommesh.perf.report.JsonResultWriter.toTree(c.tolerances()));
    }
    List<String> injectorColumns = new ArrayList<>();
    List<List<String>> injectors = new ArrayList<>();
    JsonNode inj = doc.extra().get("injectors");
    if (inj != null && inj.isArray() && inj.size() > 0) {
      inj.get(0).fieldNames().forEachRemaining(injectorColumns::add);
      for (JsonNode row : inj) {
        List<String> cells = new ArrayList<>();
        injectorColumns.forEach(k -> cells.add(row.has(k) ? PageFacts.text(row.get(k)) : ""));
        injectors.add(cells);
      }
    }
    return new ModelViews(
        soak(doc.extra().get("soak")),
        spike(doc.extra().get("spike")),
        ReportPage.facts(doc.extra().get("merge")),
        injectorColumns,
        injectors,
        comparison,
        comparedWith,
        tolerances);
  }

  /** Headers of {@link #comparison}. */
  public List<String> comparisonColumns() {
    return List.of("Metric", "Baseline", "This run", "Delta", "Delta %", "Limits", "Tier", "");
  }

  private static List<ReportPage.Fact> soak(JsonNode s) {
    List<ReportPage.Fact> out = new ArrayList<>();
    if (s == null || !s.isObject()) {
      return out;
    }
    add(out, "Samples", s, "samples", "");
    add(out, "Missing samples", s, "missing_samples", "");
    add(out, "Time scale", s, "time_scale", "× (simulated seconds per wall second)");
    if (s.hasNonNull("simulated_seconds")) {
      out.add(
          new ReportPage.Fact(
              "Simulated span",
              String.format(Locale.ROOT, "%.1f h", s.get("simulated_seconds").asDouble() / 3600)));
    }
    add(out, "Memory growth (fitted)", s, "memory_growth_percent_per_24h", "%/24h");
    add(out, "Memory growth limit", s, "memory_growth_limit_percent", "%/24h");
    if (s.hasNonNull("rss_min_bytes") && s.hasNonNull("rss_max_bytes")) {
      out.add(
          new ReportPage.Fact(
              "Resident memory min / max",
              mib(s.get("rss_min_bytes").asDouble())
                  + " / "
                  + mib(s.get("rss_max_bytes").asDouble())
                  + " MiB"));
    }
    add(out, "CPU average", s, "cpu_average_percent", "% of all cores");
    add(out, "CPU limit", s, "cpu_limit_percent", "%");
    add(out, "Cores", s, "cores", "");
    return out;
  }

  private static List<ReportPage.Fact> spike(JsonNode s) {
    List<ReportPage.Fact> out = new ArrayList<>();
    if (s == null || !s.isObject()) {
      return out;
    }
    if (s.hasNonNull("spike_start_epoch_second") && s.hasNonNull("spike_end_epoch_second")) {
      out.add(
          new ReportPage.Fact(
              "Spike window",
              clock(s.get("spike_start_epoch_second").asLong())
                  + " → "
                  + clock(s.get("spike_end_epoch_second").asLong())
                  + " UTC"));
    }
    add(out, "Peak responses in the spike", s, "peak_responses_per_second", "req/s");
    add(out, "Worst per-second P99 in the spike", s, "max_p99_ms_during_spike", "ms");
    add(out, "P99 target of recovery", s, "p99_target_ms", "ms");
    add(out, "Seconds under target that count as recovered", s, "stable_seconds", "s");
    boolean recovered = s.path("recovered").asBoolean(false);
    out.add(
        new ReportPage.Fact(
            "Recovery",
            recovered && s.hasNonNull("recovery_seconds")
                ? s.get("recovery_seconds").asText()
                    + " s after the spike ended (at "
                    + clock(
                        s.get("spike_end_epoch_second").asLong()
                            + s.get("recovery_seconds").asLong())
                    + " UTC)"
                : "not recovered before the run ended"));
    return out;
  }

  private static void add(
      List<ReportPage.Fact> out, String label, JsonNode node, String key, String unit) {
    JsonNode v = node.get(key);
    if (v != null && !v.isNull()) {
      out.add(new ReportPage.Fact(label, PageFacts.text(v) + (unit.isEmpty() ? "" : " " + unit)));
    }
  }

  private static String signed(double delta, String unit) {
    String v = Formats.value(Math.abs(delta), unit);
    return (delta > 0 ? "+" : delta < 0 ? "−" : "±") + v;
  }

  private static String limits(double target, Double critical, String unit) {
    String t = Formats.limit(target, unit);
    return critical == null
        ? "warn " + t
        : "warn " + t + " · critical " + Formats.limit(critical, unit);
  }

  private static String mib(double bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024 * 1024));
  }

  private static String clock(long epochSecond) {
    String iso = Instant.ofEpochSecond(epochSecond).toString();
    return iso.substring(0, 10) + " " + iso.substring(11, 19);
  }

  static String unitOf(String unit) {
    return Units.FRACTION.equals(unit) ? "%" : unit;
  }
}
