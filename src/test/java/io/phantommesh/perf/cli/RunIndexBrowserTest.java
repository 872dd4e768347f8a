package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.testsupport.ResultFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reports/index.html} rendered by a real headless Chromium from {@code file://}: five
 * hand-built runs of three models (one named {@code <script>alert(1)</script>}, one with an error
 * message that is an {@code <img onerror>} tag, one folder name with a space and a {@code #}), a
 * broken result.json, a folder without one, and a hidden staging folder. The DOM Chromium built
 * must hold the rows, the drawn uPlot charts and the markup as text; every link must reach a file;
 * a screenshot goes to {@code target/index-screenshot.png}.
 *
 * <p>Needs Chromium ({@code .ci/install-browser.sh} installs Debian's); skipped, saying so, when
 * there is none, except in CI ({@code CI=true}), where that fails. {@code PHANTOM_CHROMIUM} names
 * another binary.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RunIndexBrowserTest {
  static final long T0 = 1_767_528_000_000L; // 2026-01-04T12:00:00Z
  static final long DAY = 86_400_000L;
  static final String XSS_NAME = "<script>alert(1)</script>";
  static final String XSS_ERROR = "<img src=x onerror=\"document.title='pwned'\">";

  private Path reports;
  private Path index;
  private String dom;
  private Path screenshot;

  @BeforeAll
  void buildFoldersIndexAndRender(@TempDir Path tmp) throws Exception {
    // In CI a missing browser fails; elsewhere it skips with the reason (Chromium.requireBinary).
    Optional<String> chromium =
        Optional.of(io.phantommesh.perf.testsupport.Chromium.requireBinary());
    reports = tmp.resolve("reports");
    buildReportsFolder(tmp, reports);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute("index", "--reports", reports.toString());
    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("(5 runs, 2 folder(s) skipped)");
    index = reports.resolve("index.html");

    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    screenshot = target.resolve("index-screenshot.png");
    Files.deleteIfExists(screenshot);
    Browser domRun =
        browser(chromium.get(), tmp.resolve("profile-dom"), "--dump-dom", index.toUri().toString());
    assertThat(domRun.exit()).as(domRun.stderr()).isZero();
    dom = domRun.stdout();
    Browser shot =
        browser(
            chromium.get(),
            tmp.resolve("profile-shot"),
            "--screenshot=" + screenshot,
            "--window-size=1280,900",
            index.toUri().toString());
    assertThat(shot.exit()).as(shot.stderr()).isZero();
  }

  /** Five runs of three models, plus folders the index must skip or leave out. */
  static void buildReportsFolder(Path tmp, Path reports) throws IOException {
    Path gatlingHtml = tmp.resolve("target/gatling/rampupsimulation-1/index.html");
    Files.createDirectories(gatlingHtml.getParent());
    Files.writeString(gatlingHtml, "<html><body>Gatling report</body></html>");
    ResultFolders.write(
        reports,
        "ramp-up-1",
        new ResultFolders.Spec(
            "ramp-up",
            T0,
            45.0,
            38,
            150,
            150_000,
            0,
            1100,
            "register peer",
            null,
            false,
            "../../target/gatling/rampupsimulation-1/index.html"));
    Path second =
        ResultFolders.write(
            reports,
            "ramp-up 2 #retry",
            new ResultFolders.Spec(
                "ramp-up",
                T0 + DAY,
                60.0,
                45,
                250,
                149_700,
                300,
                950,
                "register peer",
                XSS_ERROR,
                false,
                "gatling/merged run/index.html"));
    Files.createDirectories(second.resolve("gatling/merged run"));
    Files.writeString(
        second.resolve("gatling/merged run/index.html"), "<html><body>merged</body></html>");
    Files.writeString(second.resolve("compare-ramp-up-1.md"), "# comparison\n");
    ResultFolders.write(
        reports,
        "xss-run",
        new ResultFolders.Spec(
            XSS_NAME,
            T0 + 2 * DAY,
            20.0,
            18,
            90,
            5_000,
            0,
            50,
            "<b>bold</b>",
            null,
            false,
            "javascript:alert(1)"));
    ResultFolders.write(
        reports,
        "smoke-partial",
        new ResultFolders.Spec(
            "smoke", T0 + 3 * DAY, 3.0, 2, 12, 190, 0, 40, "health", null, true, null));
    ResultFolders.write(
        reports,
        "ramp-up-3",
        new ResultFolders.Spec(
            "ramp-up",
            T0 + 4 * DAY,
            44.0,
            37,
            180,
            152_000,
            0,
            1200,
            "register peer",
            null,
            false,
            null));
    Files.createDirectories(reports.resolve("broken"));
    Files.writeString(reports.resolve("broken/result.json"), "{\"test_name\": \"ramp-up\", \"dura");
    Files.createDirectories(reports.resolve("not-a-run"));
    Files.writeString(reports.resolve("not-a-run/notes.txt"), "nothing");
    Files.createDirectories(reports.resolve(".tmp-staging-123"));
    Files.writeString(reports.resolve("README.md"), "# reports\n");
  }

  @Test
  void everyReadableRunIsARowNewestFirst() {
    List<String> rows = all(Pattern.compile("<tr class=\"run\" data-run=\"([^\"]*)\""), dom);
    assertThat(rows)
        .containsExactly("ramp-up-3", "smoke-partial", "xss-run", "ramp-up 2 #retry", "ramp-up-1");
    assertThat(dom).contains("<span class=\"badge partial\"");
    assertThat(dom)
        .contains(">CRITICAL</span>")
        .contains(">WARNING</span>")
        .contains(">PASS</span>");
    assertThat(dom).contains("150,000").contains("0.20 %");
  }

  @Test
  void unreadableAndForeignFoldersAreListedAsSkippedHiddenOnesLeftOut() {
    assertThat(dom).contains("Skipped folders");
    assertThat(dom).containsPattern("<code>broken</code>: result.json is not a result");
    assertThat(dom).contains("<code>not-a-run</code>: no result.json");
    assertThat(dom).doesNotContain(".tmp-staging-123");
  }

  @Test
  void eachModelHasATrendChartOfP99AndOfPeakRate() {
    assertThat(count("class=\"plot p99\"", dom)).isEqualTo(3);
    assertThat(count("class=\"plot peak-rps\"", dom)).isEqualTo(3);
    // ramp-up: three runs, drawn by uPlot (the page script marks each chart with its points).
    String rampUp = dom.substring(dom.indexOf("<section class=\"model\" data-model=\"ramp-up\""));
    rampUp = rampUp.substring(0, rampUp.indexOf("</section>"));
    assertThat(count("data-points=\"3\"", rampUp)).isEqualTo(2);
    assertThat(count("<canvas", rampUp)).isEqualTo(2);
  }

  @Test
  void markupInNamesAndMessagesIsTextNeverCode() {
    // The DOM serializes text as escaped markup: the names arrived as text nodes.
    assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(dom).contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;");
    // Only the page's own three scripts (data block, uPlot, page script); no image at all.
    assertThat(count("<script", dom)).isEqualTo(3);
    assertThat(dom).doesNotContain("<img");
    // Nothing ran: the title is the page's own.
    assertThat(dom).contains("<title>phantom-mesh-perf runs · ").doesNotContain("<title>pwned");
    // A javascript: report link in a hand-made result never becomes a link.
    assertThat(dom).doesNotContain("javascript:");
  }

  @Test
  void everyLinkReachesAFile() {
    List<String> hrefs = all(Pattern.compile("href=\"([^\"]*)\""), dom);
    assertThat(hrefs).isNotEmpty();
    for (String href : hrefs) {
      assertThat(href).as("relative link").doesNotContain(":").doesNotStartWith("/");
      String decoded = URLDecoder.decode(href.replace("+", "%2B"), StandardCharsets.UTF_8);
      assertThat(reports.resolve(decoded).normalize()).as(href).isRegularFile();
    }
    assertThat(hrefs)
        .contains(
            "ramp-up-1/result.json",
            "ramp-up-1/report.md",
            "../target/gatling/rampupsimulation-1/index.html")
        .contains(
            "ramp-up%202%20%23retry/gatling/merged%20run/index.html",
            "ramp-up%202%20%23retry/compare-ramp-up-1.md");
    // Five runs: result.json and report.md each, two Gatling reports, one comparison.
    assertThat(hrefs).hasSize(5 * 2 + 2 + 1);
  }

  @Test
  void theScreenshotIsAPngOfTheWindow() throws IOException {
    assertThat(screenshot).isRegularFile();
    byte[] png = Files.readAllBytes(screenshot);
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    // IHDR: width and height, big-endian, at bytes 16..23.
    int width =
        ((png[16] & 0xff) << 24)
            | ((png[17] & 0xff) << 16)
            | ((png[18] & 0xff) << 8)
            | (png[19] & 0xff);
    assertThat(width).isEqualTo(1280);
    assertThat(png.length).as("not a blank page").isGreaterThan(20_000);
  }

  private record Browser(int exit, String stdout, String stderr) {}

  /** Runs headless Chromium with a fresh profile and nothing fetched from the network. */
  private static Browser browser(String binary, Path profile, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("chromium-", ".out");
    Path err = Files.createTempFile("chromium-", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("Chromium did not end within 90 s: " + command);
      }
      return new Browser(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static List<String> all(Pattern p, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static int count(String needle, String text) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
