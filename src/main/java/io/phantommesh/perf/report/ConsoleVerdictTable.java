package io.phantommesh.perf.report;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the verdicts of a run for the console: an aligned plain-text table (metric, value, PASS
 * limit, CRITICAL limit, tier), the overall verdict, then the files written.
 *
 * <p>No colour codes, no control characters, ASCII comparison signs, {@code \n} line ends, no
 * trailing spaces. Columns are at least as wide as for the six SLO metrics with typical values, so
 * the table keeps its shape from run to run, and grow only for longer cells. Stateless and
 * thread-safe.
 */
public final class ConsoleVerdictTable {
  private static final String[] HEADERS = {"Metric", "Value", "PASS if", "CRITICAL if", "Tier"};
  private static final int[] MIN_WIDTHS = {12, 12, 14, 14, 8};
  private static final String GAP = "  ";

  private ConsoleVerdictTable() {}

  /**
   * The console text of {@code doc}, ending with a newline.
   *
   * @param pathsWritten the files the caller wrote, as it wants them shown
   */
  public static String render(ResultDocument doc, List<String> pathsWritten) {
    List<String[]> rows = new ArrayList<>();
    for (Verdict v : doc.verdicts()) {
      rows.add(
          new String[] {
            printable(v.label()),
            printable(consoleValue(v.value(), v.unit())),
            v.bound().passAscii() + " " + printable(consoleLimit(v.target(), v.unit())),
            v.critical() == null
                ? "-"
                : v.bound().criticalAscii() + " " + printable(consoleLimit(v.critical(), v.unit())),
            v.tier().name()
          });
    }
    int[] widths = MIN_WIDTHS.clone();
    for (int c = 0; c < HEADERS.length; c++) {
      widths[c] = Math.max(widths[c], HEADERS[c].length());
      for (String[] r : rows) {
        widths[c] = Math.max(widths[c], width(r[c]));
      }
    }
    StringBuilder out = new StringBuilder(1024);
    out.append("phantom-mesh-perf ")
        .append(printable(doc.testName()))
        .append(", run ")
        .append(printable(doc.runId()))
        .append('\n');
    line(out, widths, HEADERS);
    String[] rule = new String[HEADERS.length];
    for (int c = 0; c < rule.length; c++) {
      rule[c] = "-".repeat(widths[c]);
    }
    line(out, widths, rule);
    rows.forEach(r -> line(out, widths, r));
    if (rows.isEmpty()) {
      out.append("(no verdicts)\n");
    }
    out.append('\n');
    out.append("Overall verdict: ")
        .append(doc.verdict() == null ? "n/a" : doc.verdict().name())
        .append(tally(doc.verdicts()))
        .append('\n');
    if (doc.partial()) {
      out.append("Partial run: ").append(printable(doc.partialReason())).append('\n');
    }
    GatlingAssertions ga = doc.gatlingAssertions();
    if (ga != null && !ga.disagreements().isEmpty()) {
      out.append("Gatling's assertions disagree with the exact figures on ")
          .append(ga.disagreements().size())
          .append(ga.disagreements().size() == 1 ? " point" : " points")
          .append(" (see report.md)\n");
    }
    if (!pathsWritten.isEmpty()) {
      out.append("Written:\n");
      pathsWritten.forEach(p -> out.append("  ").append(printable(p)).append('\n'));
    }
    return out.toString();
  }

  private static String tally(List<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return "";
    }
    Map<Tier, Integer> counts = new EnumMap<>(Tier.class);
    verdicts.forEach(v -> counts.merge(v.tier(), 1, Integer::sum));
    return " ("
        + counts.getOrDefault(Tier.CRITICAL, 0)
        + " CRITICAL, "
        + counts.getOrDefault(Tier.WARNING, 0)
        + " WARNING, "
        + counts.getOrDefault(Tier.PASS, 0)
        + " PASS)";
  }

  private static String consoleValue(Double value, String unit) {
    return Formats.shownValue(value, unit);
  }

  private static String consoleLimit(double value, String unit) {
    return Formats.limit(value, unit);
  }

  private static void line(StringBuilder out, int[] widths, String[] cells) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        l.append(GAP);
      }
      l.append(cells[c]);
      if (c < cells.length - 1) {
        l.append(" ".repeat(widths[c] - width(cells[c])));
      }
    }
    out.append(l.toString().stripTrailing()).append('\n');
  }

  /** {@code text} on one line: control characters (newlines, escapes) become {@code ?}. */
  private static String printable(String text) {
    if (text == null) {
      return "n/a";
    }
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return sb.toString();
  }

  /** Display width, counted in code points (one column each in common terminal fonts). */
  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
