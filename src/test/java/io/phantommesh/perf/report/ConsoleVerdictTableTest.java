package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.document.JsonResultRoundTripTest;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleVerdictTableTest {
  @Test
  void showsAZeroMillisecondLatencyAsBelowOneMillisecond() {
    String text = ConsoleVerdictTable.render(ReportFixtures.subMillisecondDocument(), List.of());

    assertThat(text).containsPattern("P50 +< 1 ms ").containsPattern("P99 +2\\.0 ms ");
    assertThat(text).doesNotContain("0.0 ms");
  }

  @Test
  void alignsEveryColumnOfEveryRow() {
    String text = ConsoleVerdictTable.render(ReportFixtures.goldenDocument(), List.of());

    List<String> table = text.lines().skip(1).limit(8).toList(); // header, rule, six rows
    int valueColumn = table.get(0).indexOf("Value");
    int tierColumn = table.get(0).indexOf("Tier");
    assertThat(table).allSatisfy(l -> assertThat(l.charAt(valueColumn - 1)).isEqualTo(' '));
    assertThat(table.subList(2, 8))
        .extracting(l -> l.substring(tierColumn).strip())
        .containsExactly("PASS", "PASS", "WARNING", "CRITICAL", "WARNING", "PASS");
  }

  @Test
  void keepsItsWidthFromRunToRun() {
    RunStatistics passing = ReportFixtures.passingStats();
    String pass =
        ConsoleVerdictTable.render(
            ResultAssembler.assemble(
                passing,
                RunMetadata.of("r", "ramp-up", null, "embedded"),
                VerdictEvaluator.evaluate(passing, ReportFixtures.seedSlo())),
            List.of());
    String golden = ConsoleVerdictTable.render(ReportFixtures.goldenDocument(), List.of());

    assertThat(pass.lines().skip(1).findFirst()).isEqualTo(golden.lines().skip(1).findFirst());
  }

  @Test
  void endsWithTheOverallVerdictAndThePathsWritten() {
    String text =
        ConsoleVerdictTable.render(
            ReportFixtures.goldenDocument(),
            List.of("reports/x/result.json", "reports/x/report.md"));

    assertThat(text)
        .contains("\nOverall verdict: CRITICAL (1 CRITICAL, 2 WARNING, 3 PASS)\n")
        .endsWith("Written:\n  reports/x/result.json\n  reports/x/report.md\n");
  }

  @Test
  void usesNoColourCodesAndNoTrailingSpaces() {
    String text = ConsoleVerdictTable.render(JsonResultRoundTripTest.fullDocument(), List.of("a"));

    assertThat(text).doesNotContain("\u001b").doesNotContain("\r");
    assertThat(text.lines()).noneMatch(l -> l.endsWith(" "));
  }

  @Test
  void saysWhyARunIsPartial() {
    RunStatistics empty = ReportFixtures.emptyStats();
    String text =
        ConsoleVerdictTable.render(
            ResultAssembler.assemble(
                empty,
                RunMetadata.of("r", "ramp-up", null, "embedded"),
                VerdictEvaluator.evaluate(empty, ReportFixtures.seedSlo())),
            List.of());

    assertThat(text)
        .contains("Mean          n/a")
        .contains("Partial run: simulation.log ended after the Run record\n");
  }
}
