package io.phantommesh.perf.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.ErrorKind;
import io.phantommesh.perf.verdict.Formats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code report.md} about faults: errors by named group, the outage row of the
 * timeline sparkline, and the "Faults on purpose" section (the embedded service's own counts, each
 * outage on the timeline with its recovery time).
 *
 * <p>Stateless, pure. Every part is empty when the document has nothing for it, so the report of a
 * run without transport errors or faults is unchanged.
 */
final class FaultsMarkdown {
  /** Key of the faults data under {@code extra}. */
  static final String EXTRA_KEY = "faults";

  private FaultsMarkdown() {}

  /** "By kind: …" under the errors table; nothing when no error belongs to a group. */
  static void errorKinds(StringBuilder md, List<ResultDocument.ErrorEntry> errors) {
    Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
    for (ResultDocument.ErrorEntry e : errors) {
      ErrorKind k = ErrorKind.ofKey(e.kind());
      if (k != null) {
        byKind.merge(k, e.count(), Long::sum);
      }
    }
    if (byKind.isEmpty()) {
      return;
    }
    md.append("\nBy kind:");
    String sep = " ";
    for (Map.Entry<ErrorKind, Long> e : byKind.entrySet()) {
      md.append(sep)
          .append(e.getKey().key().replace('_', ' '))
          .append(" ")
          .append(Formats.count(e.getValue()))
          .append(" (")
          .append(e.getKey().description())
          .append(")");
      sep = "; ";
    }
    md.append(".\n");
  }

  /** A sparkline row marking the windows with an outage ({@code █}); nothing without outages. */
  static void outageSparkline(
      StringBuilder md, ResultDocument doc, List<TimelineBuckets.Bucket> buckets, String label) {
    JsonNode outages = outages(doc);
    if (outages == null || outages.isEmpty()) {
      return;
    }
    md.append(label).append(' ');
    for (TimelineBuckets.Bucket b : buckets) {
      md.append(isDown(outages, b.fromT(), b.toT(), doc) ? '█' : '·');
    }
    md.append("  █ = outage\n");
  }

  /** The "Faults on purpose" section; nothing when the run had none. */
  static void section(StringBuilder md, ResultDocument doc) {
    JsonNode f = doc.extra().get(EXTRA_KEY);
    if (f == null) {
      return;
    }
    md.append("## Faults on purpose\n\n");
    md.append("What the embedded service did, from its own counters (docs/faults.md).\n\n");
    md.append("| Fault | Count |\n|---|---:|\n");
    f.path("counts")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().asLong() > 0) {
                String key = e.getKey();
                md.append("| ")
                    .append(key.matches("[a-z0-9_]+") ? "`" + key + "`" : MarkdownText.escape(key))
                    .append(" | ")
                    .append(Formats.count(e.getValue().asLong()))
                    .append(" |\n");
              }
            });
    JsonNode outages = f.path("outages");
    if (outages.isArray() && !outages.isEmpty()) {
      md.append("\n| Outage | Mode | Down at t (s) | Back at t (s) | Recovery |\n");
      md.append("|---:|---|---:|---:|---|\n");
      int i = 1;
      for (JsonNode o : outages) {
        md.append("| ")
            .append(i++)
            .append(" | ")
            .append(o.path("mode").asText().equals("503") ? "503 for all" : "connections refused")
            .append(" | ")
            .append(o.path("start_t").asLong())
            .append(" | ")
            .append(o.path("end_t").isNull() ? "never" : String.valueOf(o.path("end_t").asLong()))
            .append(" | ")
            .append(
                o.path("recovered").asBoolean()
                    ? o.path("recovery_seconds").asLong()
                        + " s after it was back (per-second P99 <= "
                        + f.path("p99_target_ms").asLong()
                        + " ms for "
                        + f.path("stable_seconds").asInt()
                        + " s)"
                    : "not recovered before the run ended")
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private static JsonNode outages(ResultDocument doc) {
    JsonNode f = doc.extra().get(EXTRA_KEY);
    return f == null ? null : f.path("outages");
  }

  private static boolean isDown(JsonNode outages, long fromT, long toT, ResultDocument doc) {
    long lastT = doc.timeline().isEmpty() ? 0 : doc.timeline().get(doc.timeline().size() - 1).t();
    for (JsonNode o : outages) {
      long start = o.path("start_t").asLong();
      long end = o.path("end_t").isNull() ? lastT : o.path("end_t").asLong();
      if (start <= toT && end >= fromT) {
        return true;
      }
    }
    return false;
  }
}
