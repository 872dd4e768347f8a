package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.document.ResultDocument;
import org.junit.jupiter.api.Test;

/** The faults parts of report.md: present with {@code extra.faults}, absent without. */
class FaultsMarkdownTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRunWithAnOutageShowsItOnTheTimelineAndInItsOwnSection() throws Exception {
    JsonNode faults =
        JSON.readTree(
            """
            {"counts": {"reset": 0, "outage_503": 17},
             "p99_target_ms": 200, "stable_seconds": 2,
             "outages": [{"mode": "503", "start_epoch_ms": 1767530108000,
               "end_epoch_ms": 1767530110000, "start_t": 12, "end_t": 14,
               "recovery_seconds": 1, "recovered": true}]}
            """);
    ResultDocument doc = ReportFixtures.goldenDocument().withExtra("faults", faults);
    String md = MarkdownReportRenderer.render(doc);
    assertThat(md)
        .contains("## Faults on purpose")
        .contains("| `outage_503` | 17 |")
        .doesNotContain("| `reset` |")
        .contains(
            "| 1 | 503 for all | 12 | 14 | 1 s after it was back (per-second P99 <= 200 ms for 2 s) |");
    String outageRow = md.lines().filter(l -> l.startsWith("outage ")).findFirst().orElseThrow();
    // the golden timeline has 25 seconds, one character each: t 12..14 marked
    assertThat(outageRow).startsWith("outage ············███··········");
  }

  @Test
  void aRunWithoutFaultsHasNoFaultsSection() {
    String md = MarkdownReportRenderer.render(ReportFixtures.goldenDocument());
    assertThat(md).doesNotContain("Faults on purpose").doesNotContain("█ = outage");
  }
}
