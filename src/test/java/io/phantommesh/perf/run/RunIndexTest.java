package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.cli.ExitCodes;
import io.phantommesh.perf.cli.Main;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.report.RunIndexRenderer;
import io.phantommesh.perf.testsupport.ResultFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index without a browser: links, encoding, skipped folders, and failure isolation. */
class RunIndexTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-10T08:00:00Z"), ZoneOffset.UTC);
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/gatling-3.15.1");

  @TempDir Path tmp;

  @Test
  void linksOnlyRelativePathsToExistingFiles() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("reports/run-1"));
    Path html = tmp.resolve("target/gatling/r/index.html");
    Files.createDirectories(html.getParent());
    Files.writeString(html, "<html></html>");
    assertThat(RunIndex.gatlingReport(run, "../../target/gatling/r/index.html"))
        .contains(html.normalize());
    assertThat(RunIndex.gatlingReport(run, "../../target/gatling/missing/index.html")).isEmpty();
    assertThat(RunIndex.gatlingReport(run, "javascript:alert(1)")).isEmpty();
    assertThat(RunIndex.gatlingReport(run, "https://example.com/index.html")).isEmpty();
    assertThat(RunIndex.gatlingReport(run, html.toString())).as("absolute").isEmpty();
    assertThat(RunIndex.gatlingReport(run, null)).isEmpty();
  }

  @Test
  void percentEncodesEverySegmentAndKeepsParentSteps() {
    Path root = tmp.resolve("reports");
    assertThat(RunIndex.href(root, root.resolve("a b#c/z?ü&.html")))
        .isEqualTo("a%20b%23c/z%3F%C3%BC%26.html");
    assertThat(RunIndex.href(root, tmp.resolve("target/g/index.html")))
        .isEqualTo("../target/g/index.html");
    assertThat(RunIndex.href(root, root.resolve("x:y/result.json"))).isEqualTo("x%3Ay/result.json");
  }

  @Test
  void anEmptyReportsFolderGivesAPageSayingSo() {
    Path reports = tmp.resolve("reports");
    reports.toFile().mkdirs();
    RunIndex.Outcome o = RunIndex.write(reports, CLOCK);
    assertThat(o.runs()).isZero();
    assertThat(read(o.page()))
        .contains("No readable result yet.")
        .contains("Generated 2026-01-10T08:00:00Z");
  }

  @Test
  void rewritesThePageAtomicallyLeavingNoTemporaryFile() throws IOException {
    Path reports = tmp.resolve("reports");
    ResultFolders.write(reports, "r1", spec("ramp-up", 0));
    RunIndex.write(reports, CLOCK);
    ResultFolders.write(reports, "r2", spec("ramp-up", 1));
    RunIndex.Outcome o = RunIndex.write(reports, CLOCK);
    assertThat(o.runs()).isEqualTo(2);
    assertThat(read(o.page())).contains("data-run=\"r2\"");
    try (Stream<Path> files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList())
          .isEmpty();
    }
  }

  @Test
  void escapesInAttributesToo() {
    String html =
        RunIndexRenderer.render(
            "r\"><b>",
            "now",
            List.of(
                new RunIndexRenderer.Run(
                    "x\" onmouseover=\"alert(1)",
                    ResultFolders.document("x", spec("m'\"<>&", 0)),
                    List.of()),
                new RunIndexRenderer.Skipped("<i>", "reason <u>")));
    assertThat(html)
        .doesNotContain("<b>")
        .doesNotContain("<i>")
        .doesNotContain("<u>")
        // jte's attribute escaping: quotes, apostrophes, & and < (a > cannot end an attribute).
        .contains("data-run=\"x&#34; onmouseover=&#34;alert(1)\"")
        .contains("data-model=\"m&#39;&#34;&lt;>&amp;\"")
        // As text the quote may stay; inside no tag does it become an attribute.
        .doesNotContainPattern("<[^>]*\\sonmouseover=\"");
    // The page's own three scripts only (data block, uPlot, page script).
    assertThat(html.split("<script", -1)).hasSize(4);
  }

  @Test
  void aFailingIndexNeverLosesTheResult() throws IOException {
    Path run = copyFixtureRun("tinylog-1");
    Path out = tmp.resolve("out");
    // A non-empty folder named index.html: the page cannot be renamed over it.
    Files.createDirectories(out.resolve("index.html/blocker"));
    PostProcessor.Outcome o =
        new PostProcessor(SettingsLoader.fromString(""), ModelAnalyses.all())
            .process(List.of(run), PostProcessor.Options.into(out));
    assertThat(o.outputDir().resolve("result.json")).isRegularFile();
    assertThat(o.notes()).anyMatch(n -> n.startsWith("reports index not updated"));
    assertThat(o.consoleSummary()).contains("note: reports index not updated");
  }

  @Test
  void severalFoldersWithoutHtmlStillGetTheMergedLog() throws IOException {
    Path a = copyFixtureRun("tinylog-a");
    Path b = copyFixtureRun("tinylog-b");
    Path out = tmp.resolve("out");
    StringWriter text = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(text), new PrintWriter(text))
            .execute(
                "report",
                a.toString(),
                b.toString(),
                "--out",
                out.toString(),
                "--no-gatling-html",
                "--run-id",
                "both");
    assertThat(exit).as(text.toString()).isIn(0, 10, 11);
    Path merged = out.resolve("both/gatling/both/simulation.log");
    assertThat(merged).isRegularFile();
    assertThat(out.resolve("both/gatling/both/index.html")).doesNotExist();
    String json = read(out.resolve("both/result.json"));
    assertThat(json)
        .contains("\"merged_log\": \"gatling/both/simulation.log\"")
        .doesNotContain("\"gatling_report\"");
    assertThat(json).contains("\"gatling_html\": \"not generated (--no-gatling-html)\"");
    assertThat(text.toString())
        .contains("note: merged Gatling HTML report not generated (--no-gatling-html)");
    assertThat(out.resolve("index.html")).isRegularFile();
  }

  @Test
  void htmlAskedForButImpossibleFailsAndWritesNothing() throws IOException {
    Path a = copyFixtureRun("tinylog-a");
    Path b = copyFixtureRun("tinylog-b");
    Path out = tmp.resolve("out");
    StringWriter text = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(text), new PrintWriter(text))
            .execute(
                "report",
                a.toString(),
                b.toString(),
                "--out",
                out.toString(),
                "--gatling-html",
                "--gatling-classpath",
                tmp.resolve("no-such.jar").toString());
    assertThat(exit).as(text.toString()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(text.toString())
        .contains("Gatling HTML report not generated")
        .contains("hint: pass --project-dir");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left.toList()).as("no result, no staging folder").isEmpty();
    }
  }

  private Path copyFixtureRun(String name) throws IOException {
    Path run = Files.createDirectories(tmp.resolve("gatling").resolve(name));
    Files.copy(FIXTURE.resolve("simulation.log"), run.resolve("simulation.log"));
    return run;
  }

  private static ResultFolders.Spec spec(String model, int day) {
    return new ResultFolders.Spec(
        model,
        1_767_528_000_000L + day * 86_400_000L,
        40,
        38,
        150,
        1000,
        0,
        1100,
        "health",
        null,
        false,
        null);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
