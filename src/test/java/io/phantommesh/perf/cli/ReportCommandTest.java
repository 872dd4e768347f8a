package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.testsupport.JUnitXmlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code report} command as CI runs it: exit codes, messages naming the file and the problem,
 * no partial output, no overwrite. Input: the real Gatling 3.15.1 log of the test fixture (12
 * requests, 3 KO: a 25 % error rate, so CRITICAL).
 */
class ReportCommandTest {
  @TempDir Path tmp;
  private Path out;
  private byte[] realLog;

  @BeforeEach
  void setUp() throws IOException {
    out = tmp.resolve("reports");
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/gatling-3.15.1/simulation.log")) {
      realLog = in.readAllBytes();
    }
  }

  @Test
  void reportsARunFolderAndExitsWithItsVerdict() throws IOException {
    Path run = runFolder("tinylogsimulation-20261123000000000", realLog);
    Result r = report(run.toString(), "--out", out.toString());
    assertThat(r.code).as(r.err).isEqualTo(ExitCodes.CRITICAL);
    Path result = out.resolve("tinylogsimulation-20261123000000000");
    assertThat(result.resolve("result.json")).isRegularFile();
    assertThat(result.resolve("report.md")).isRegularFile();
    assertThat(result.resolve("junit.xml")).isRegularFile();
    JUnitXmlSchema.assertValid(result.resolve("junit.xml"));
    JsonNode json = new ObjectMapper().readTree(result.resolve("result.json").toFile());
    assertThat(json.get("request_count").asLong()).isEqualTo(12);
    assertThat(json.get("error_count").asLong()).isEqualTo(3);
    assertThat(r.out)
        .contains("Overall verdict: CRITICAL")
        .contains(result.resolve("result.json").toString());
  }

  @ParameterizedTest(name = "Gatling {0}")
  @ValueSource(strings = {"3.14.9", "3.15.1", "3.16.0"})
  void reportsTheRealRunOfEverySupportedGatlingLine(String version) throws IOException {
    byte[] log;
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/gatling-" + version + "/simulation.log")) {
      log = in.readAllBytes();
    }
    Path run = runFolder("tiny-" + version, log);
    Result r = report(run.toString(), "--out", out.toString());
    assertThat(r.code).as(r.err).isEqualTo(ExitCodes.CRITICAL);
    JsonNode json =
        new ObjectMapper().readTree(out.resolve("tiny-" + version).resolve("result.json").toFile());
    assertThat(json.get("request_count").asLong()).isEqualTo(12);
    assertThat(json.get("error_count").asLong()).isEqualTo(3);
    assertThat(json.get("gatling_version").asText()).isEqualTo(version);
    JUnitXmlSchema.assertValid(out.resolve("tiny-" + version).resolve("junit.xml"));
  }

  @Test
  void neverOverwritesAnEarlierResult() throws IOException {
    Path run = runFolder("run-a", realLog);
    report(run.toString(), "--out", out.toString());
    Path first = out.resolve("run-a").resolve("result.json");
    byte[] before = Files.readAllBytes(first);
    Result again = report(run.toString(), "--out", out.toString(), "--quiet");
    assertThat(again.out.strip()).isEqualTo(out.resolve("run-a-2").toAbsolutePath().toString());
    assertThat(Files.readAllBytes(first)).isEqualTo(before);
  }

  @Test
  void aMissingFolderIsUnusableInputNamedInTheMessage() {
    Path nowhere = tmp.resolve("no-such-run");
    Result r = report(nowhere.toString(), "--out", out.toString());
    assertThat(r.code).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(r.err).contains(nowhere.toString()).contains("hint:");
    assertThat(r.err).doesNotContain("\tat ");
    assertNothingWritten();
  }

  @Test
  void anEmptyFolderAndAnEmptyLogAreUnusableInput() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-run"));
    Result r1 = report(empty.toString(), "--out", out.toString());
    assertThat(r1.code).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(r1.err).contains(empty.toString());
    Path emptyLog = runFolder("empty-log", new byte[0]);
    Result r2 = report(emptyLog.toString(), "--out", out.toString());
    assertThat(r2.code).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(r2.err).contains("simulation.log").containsIgnoringCase("empty");
    assertNothingWritten();
  }

  @Test
  void aTruncatedLogIsRefusedUnlessPartialResultsAreAsked() throws IOException {
    Path run = runFolder("truncated", Arrays.copyOf(realLog, realLog.length - 7));
    Result strict = report(run.toString(), "--out", out.toString());
    assertThat(strict.code).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(strict.err)
        .contains("simulation.log")
        .containsIgnoringCase("truncated")
        .contains("--allow-partial");
    assertNothingWritten();

    Result partial = report(run.toString(), "--out", out.toString(), "--allow-partial");
    assertThat(partial.code).isIn(ExitCodes.PASS, ExitCodes.WARNING, ExitCodes.CRITICAL);
    JsonNode json =
        new ObjectMapper().readTree(out.resolve("truncated").resolve("result.json").toFile());
    assertThat(json.get("partial").asBoolean()).isTrue();
    assertThat(json.get("partial_reason").asText()).containsIgnoringCase("truncated");
  }

  @Test
  void aLogFromAnotherGatlingVersionNamesBothVersions() throws IOException {
    String log = new String(realLog, StandardCharsets.ISO_8859_1);
    assertThat(log).contains("3.15.1");
    byte[] foreign = log.replaceFirst("3\\.15\\.1", "3.13.5").getBytes(StandardCharsets.ISO_8859_1);
    Path run = runFolder("foreign", foreign);
    Result r = report(run.toString(), "--out", out.toString());
    assertThat(r.code).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(r.err).contains("3.13.5").contains("3.14.0 to 3.14.9, 3.15.0 to 3.15.1, 3.16.0");
    assertNothingWritten();
  }

  @Test
  void randomBytesAreNotALog() throws IOException {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Path run = runFolder("noise", noise);
    Result r = report(run.toString(), "--out", out.toString());
    assertThat(r.code).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(r.err).contains(run.resolve("simulation.log").toString());
    assertNothingWritten();
  }

  @Test
  void aWrongCommandLineIsAUsageError() {
    assertThat(report().code).isEqualTo(ExitCodes.USAGE);
    assertThat(report("--no-such-option", "x").code).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpListsTheExitCodes() {
    Result r = report("--help");
    assertThat(r.code).isZero();
    assertThat(r.out)
        .contains("10 WARNING")
        .contains("11 CRITICAL")
        .contains("2 unusable run folder");
  }

  @Test
  void anInvalidSettingIsItsOwnExitCode() throws IOException {
    Path run = runFolder("run-b", realLog);
    System.setProperty("phantom.report.output-dirr", "x");
    try {
      Result r = report(run.toString(), "--out", out.toString());
      assertThat(r.code).isEqualTo(ExitCodes.INVALID_SETTINGS);
      assertThat(r.err)
          .contains("phantom.report.output-dirr")
          .contains("did you mean phantom.report.output-dir?");
    } finally {
      System.clearProperty("phantom.report.output-dirr");
      com.typesafe.config.ConfigFactory.invalidateCaches();
    }
  }

  private void assertNothingWritten() {
    if (!Files.exists(out)) {
      return;
    }
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.toList()).as("no result folder and no temporary leftover").isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Path runFolder(String name, byte[] log) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("gatling").resolve(name));
    Files.write(dir.resolve("simulation.log"), log);
    return dir;
  }

  private record Result(int code, String out, String err) {}

  private static Result report(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("report"));
    all.addAll(List.of(args));
    int code =
        Main.run(
            all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
