package io.phantommesh.perf.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the {@code report.jte} template shows of one result document: every figure already formatted
 * as text (numbers in {@link Locale#ROOT}), sort keys beside them, the chart data as script-safe
 * JSON. The template escapes every text; only {@link #chartData}, the library and the page's own
 * script and style go in unescaped, and none of them holds a document's text outside {@link
 * ScriptJson}'s escapes.
 *
 * <p>Immutable; built by {@link #of}.
 */
public record ReportPage(
    String title,
    String runId,
    String testName,
    String verdict,
    String verdictClass,
    List<Banner> banners,
    List<VerdictRow> verdicts,
    List<Fact> summary,
    List<Row> requests,
    List<Row> groups,
    List<ErrorRow> errors,
    List<String> disagreements,
    ModelViews models,
    List<Fact> health,
    List<Fact> other,
    List<Link> links,
    String chartNote,
    String libraryName,
    String libraryScript,
    String libraryCss,
    String pageScript,
    String pageCss,
    String chartData) {

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  /** A line above the verdict table: {@code kind} is partial, stopped, gatling or injector. */
  public record Banner(String kind, String text) {}

  /** A labelled figure. */
  public record Fact(String label, String value) {}

  /** A link relative to the page. */
  public record Link(String label, String href) {}

  /** A table cell: its text and the key a column sort uses (a number, or the text). */
  public record Cell(String text, String sort) {
    static Cell of(double v, String text) {
      return new Cell(text, Formats.plain(v));
    }
  }

  /**
   * One verdict.
   *
   * @param gatling what Gatling's own assertion said where it disagrees with this tier; empty
   */
  public record VerdictRow(
      String label,
      String metric,
      String value,
      String target,
      String critical,
      String tier,
      String tierClass,
      String detail,
      String gatling) {}

  /** One request name or group with its figures, in table column order. */
  public record Row(String name, String group, List<Cell> cells) {}

  /** One error message. */
  public record ErrorRow(String message, Cell count, Cell share) {}

  /** The page of {@code doc}. */
  public static ReportPage of(
      ResultDocument doc, ChartLibrary library, String pageScript, String pageCss) {
    String verdict = doc.verdict() == null ? "UNKNOWN" : doc.verdict().name();
    List<String> disagreements = new ArrayList<>();
    GatlingAssertions ga = doc.gatlingAssertions();
    if (ga != null) {
      ga.disagreements()
          .forEach(
              d ->
                  disagreements.add(
                      d.description()
                          + ": Gatling "
                          + (d.gatlingPassed() ? "passed" : "failed")
                          + ", exact tier "
                          + d.exactTier()
                          + (d.detail() == null ? "" : " (" + d.detail() + ")")));
    }
    return new ReportPage(
        doc.testName() + " · " + (doc.runId() == null ? "run" : doc.runId()) + " · " + verdict,
        doc.runId() == null ? "" : doc.runId(),
        doc.testName(),
        verdict,
        verdict.toLowerCase(Locale.ROOT),
        PageFacts.banners(doc),
        verdictRows(doc),
        PageFacts.summary(doc),
        doc.requests().stream().map(ReportPage::row).toList(),
        doc.groups().stream().map(ReportPage::row).toList(),
        doc.errors().stream()
            .map(
                e ->
                    new ErrorRow(
                        e.message(),
                        Cell.of(e.count(), Formats.count(e.count())),
                        Cell.of(e.share(), Formats.percent(e.share()))))
            .toList(),
        disagreements,
        ModelViews.of(doc),
        PageFacts.health(doc),
        PageFacts.other(doc),
        links(doc),
        chartNote(doc),
        library.name(),
        library.script(),
        library.css(),
        pageScript,
        pageCss,
        ScriptJson.of(ChartData.of(doc)));
  }

  /**
   * The Content-Security-Policy script sources: the SHA-256 of the page's two scripts, so no other
   * script and no inline event handler could run even if markup got in.
   */
  public String scriptSources() {
    return Csp.hashes(libraryScript, pageScript);
  }

  /** True when the page has a model view (soak, spike, merge or comparison) to show. */
  public boolean hasModels() {
    return models.soak().size()
            + models.spike().size()
            + models.merge().size()
            + models.comparison().size()
        > 0;
  }

  private static List<VerdictRow> verdictRows(ResultDocument doc) {
    List<VerdictRow> rows = new ArrayList<>();
    GatlingAssertions ga = doc.gatlingAssertions();
    for (Verdict v : doc.verdicts()) {
      String gatling = "";
      if (ga != null) {
        for (GatlingAssertions.Disagreement d : ga.disagreements()) {
          if (v.metric().equals(d.metric())) {
            gatling = "Gatling " + (d.gatlingPassed() ? "passed" : "failed") + " its estimate";
          }
        }
      }
      rows.add(
          new VerdictRow(
              v.label(),
              v.metric(),
              Formats.value(v.value(), v.unit()),
              v.bound().passSymbol() + " " + Formats.limit(v.target(), v.unit()),
              v.critical() == null
                  ? "none"
                  : v.bound().criticalSymbol() + " " + Formats.limit(v.critical(), v.unit()),
              v.tier().name(),
              v.tier().name().toLowerCase(Locale.ROOT),
              v.detail() == null ? "" : v.detail(),
              gatling));
    }
    return rows;
  }

  private static Row row(ResultDocument.StatsEntry s) {
    List<Cell> cells = new ArrayList<>();
    cells.add(Cell.of(s.count(), Formats.count(s.count())));
    cells.add(Cell.of(s.ok(), Formats.count(s.ok())));
    cells.add(Cell.of(s.ko(), Formats.count(s.ko())));
    cells.add(Cell.of(s.errorRate(), Formats.percent(s.errorRate())));
    for (double ms :
        new double[] {s.mean(), s.min(), s.p50(), s.p75(), s.p90(), s.p95(), s.p99(), s.p999()}) {
      cells.add(Cell.of(ms, Formats.millis(ms)));
    }
    cells.add(Cell.of(s.max(), Formats.millis(s.max())));
    return new Row(s.name(), String.join(" / ", s.group()), cells);
  }

  /** The columns of {@link Row#cells}. */
  public static List<String> rowColumns() {
    return List.of(
        "Count",
        "OK",
        "KO",
        "Error rate",
        "Mean",
        "Min",
        "P50",
        "P75",
        "P90",
        "P95",
        "P99",
        "P99.9",
        "Max");
  }

  private static List<Link> links(ResultDocument doc) {
    List<Link> links = new ArrayList<>();
    links.add(new Link("result.json", "result.json"));
    links.add(new Link("report.md", "report.md"));
    links.add(new Link("junit.xml", "junit.xml"));
    String g = doc.gatlingReport();
    // A hand-made document's javascript: or absolute "report" never becomes a link.
    if (g != null && !g.isBlank() && !SCHEME.matcher(g).matches() && !g.startsWith("/")) {
      links.add(new Link("Gatling's HTML report (t-digest estimates)", g.replace('\\', '/')));
    }
    return links;
  }

  private static String chartNote(ResultDocument doc) {
    long seconds = doc.timeline().size();
    if (seconds <= ChartData.MAX_BUCKETS) {
      return "One point per second of the run.";
    }
    long bucket = (seconds + ChartData.MAX_BUCKETS - 1) / ChartData.MAX_BUCKETS;
    return "A long run: each "
        + bucket
        + "-second bucket is drawn as its minimum and its maximum, so no spike is lost;"
        + " result.json holds every second.";
  }

  /** True when {@code tier} is the worst. */
  static boolean isCritical(Tier tier) {
    return tier == Tier.CRITICAL;
  }

  /** {@code node}'s scalar fields as facts, keys as written. */
  static List<Fact> facts(JsonNode node) {
    List<Fact> out = new ArrayList<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    node.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (v.isValueNode() && !v.isNull()) {
                out.add(new Fact(e.getKey(), PageFacts.text(v)));
              } else if (v.isArray() && v.size() <= 20 && allScalar(v)) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(i.asText()));
                out.add(new Fact(e.getKey(), String.join(", ", items)));
              }
            });
    return out;
  }

  private static boolean allScalar(JsonNode array) {
    for (JsonNode i : array) {
      if (!i.isValueNode()) {
        return false;
      }
    }
    return true;
  }
}
