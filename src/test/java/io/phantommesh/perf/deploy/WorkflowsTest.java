package io.phantommesh.perf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.testsupport.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GitHub Actions workflows, read as data; the verdict, summary and input-check steps of the
 * performance workflow are also run with bash on hand-made reports.
 */
@Tag("slow")
class WorkflowsTest {
  private static final String PERFORMANCE = ".github/workflows/performance.yml";
  private static final String CI = ".github/workflows/ci.yml";
  private static final Pattern USES =
      Pattern.compile("(?m)^\\s*-?\\s*uses:\\s*(\\S+?)@(\\S+)(.*)$");

  private final JsonNode performance = DeployFiles.yaml(DeployFiles.path(PERFORMANCE));
  private final JsonNode loadTest = performance.at("/jobs/load-test");

  @Test
  void performanceRunsNightlyAndOnDemandWithAChoiceOfModelAndFreeTextOverrides() {
    JsonNode on = performance.path("on");
    assertThat(on.at("/schedule/0/cron").asText()).matches("\\d+ \\d+ \\* \\* \\*");
    JsonNode inputs = on.at("/workflow_dispatch/inputs");
    assertThat(inputs.at("/simulation/type").asText()).isEqualTo("choice");
    assertThat(inputs.at("/simulation/default").asText()).isEqualTo("RampUpSimulation");
    List<String> options = new ArrayList<>();
    inputs.at("/simulation/options").forEach(o -> options.add(o.asText()));
    assertThat(options)
        .contains(
            "RampUpSimulation",
            "SpikeSimulation",
            "SustainedSimulation",
            "SoakSimulation",
            "HealthBaselineSimulation");
    assertThat(inputs.at("/profile-overrides/type").asText()).isEqualTo("string");
    assertThat(inputs.at("/profile-overrides/required").asBoolean(true)).isFalse();
  }

  @Test
  void performanceRunsTheChosenSimulationAgainstStagingSecretsWithoutStoppingTheJob() {
    assertThat(loadTest.at("/env/SIMULATION").asText())
        .isEqualTo("${{ inputs.simulation || 'RampUpSimulation' }}");
    JsonNode run = step("gatling");
    assertThat(run.path("run").asText())
        .contains("mvn -B gatling:test")
        .contains("\"-Dgatling.simulationClass=io.phantommesh.perf.simulation.${SIMULATION}\"");
    assertThat(run.path("continue-on-error").asBoolean()).isTrue();
    assertThat(run.at("/env/PHANTOM_TARGET_BASE_URL").asText())
        .isEqualTo("${{ secrets.PHANTOM_STAGING_URL }}");
    assertThat(run.at("/env/PHANTOM_API_TOKEN").asText())
        .isEqualTo("${{ secrets.PHANTOM_STAGING_TOKEN }}");
  }

  @Test
  void everyStepAfterTheRunAlwaysRuns() {
    List<JsonNode> steps = new ArrayList<>();
    loadTest.path("steps").forEach(steps::add);
    int run = steps.indexOf(step("gatling"));
    assertThat(run).isPositive();
    assertThat(steps.subList(run + 1, steps.size()))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(s -> assertThat(s.path("if").asText()).as(s.toString()).isEqualTo("always()"));
  }

  @Test
  void performancePublishesJunitUploadsReportsAndSummarisesMarkdown() {
    JsonNode junit = stepUsing("mikepenz/action-junit-report");
    assertThat(junit.at("/with/report_paths").asText()).isEqualTo("reports/*/junit.xml");
    JsonNode upload = stepUsing("actions/upload-artifact");
    assertThat(upload.at("/with/path").asText()).contains("reports/").contains("target/gatling/");
    assertThat(performance.at("/permissions/checks").asText()).isEqualTo("write");
    assertThat(stepNamed("Add report.md to the job summary").path("run").asText())
        .contains("reports/*/report.md")
        .contains(">> \"$GITHUB_STEP_SUMMARY\"");
    assertThat(stepNamed("Verdict").path("run").asText())
        .contains("reports/*/result.json")
        .contains("jq -r '.verdict");
  }

  @ParameterizedTest
  @CsvSource({
    "PASS,     success, 0, PASS: reports/run-1/result.json",
    "PASS,     failure, 0, ::notice title=Gatling disagrees::",
    "WARNING,  failure, 0, ::warning title=Performance WARNING::",
    "CRITICAL, failure, 1, ::error title=Performance CRITICAL::",
    "BROKEN,   success, 1, ::error title=Unusable result::",
  })
  void verdictStepMapsTheResultTierToTheJobStatus(
      String verdict, String gatlingOutcome, int exitCode, String annotation, @TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("reports/run-1"));
    Files.writeString(
        dir.resolve("reports/run-1/result.json"), "{\"verdict\": \"" + verdict + "\"}");
    Processes.Result result = runStep("Verdict", dir, Map.of("GATLING_OUTCOME", gatlingOutcome));
    assertThat(result.exitCode()).as(result.output()).isEqualTo(exitCode);
    assertThat(result.output()).contains(annotation);
  }

  @Test
  void verdictStepFailsARunThatProducedNoResult(@TempDir Path dir) {
    Processes.Result result = runStep("Verdict", dir, Map.of("GATLING_OUTCOME", "failure"));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("::error title=No result::");
  }

  @Test
  void summaryStepAppendsEveryReport(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("reports/run-1"));
    Files.writeString(dir.resolve("reports/run-1/report.md"), "# Verdict: WARNING\n");
    Path summary = dir.resolve("summary.md");
    Processes.Result result =
        runStep(
            "Add report.md to the job summary",
            dir,
            Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(DeployFiles.text(summary)).contains("# Verdict: WARNING");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-Dphantom.profiles.ramp-up.duration=120s -Dphantom.slo.p99.target=250ms | 0",
        "'' | 0",
        "-Dgatling.foo=1 | 1",
        "-Dphantom.x=1;rm | 0",
        "--settings=evil.xml | 1",
      })
  void inputCheckAcceptsOnlyPhantomFlags(String overrides, int exitCode, @TempDir Path dir) {
    Map<String, String> env =
        Map.of(
            "PHANTOM_TARGET_BASE_URL", "https://staging.example.com",
            "PHANTOM_API_TOKEN", "t",
            "PROFILE_OVERRIDES", overrides);
    Processes.Result result = runStep("Check secrets and overrides", dir, env);
    assertThat(result.exitCode()).as(result.output()).isEqualTo(exitCode);
  }

  @Test
  void inputCheckNamesAMissingSecret(@TempDir Path dir) {
    Map<String, String> env =
        Map.of("PHANTOM_TARGET_BASE_URL", "", "PHANTOM_API_TOKEN", "t", "PROFILE_OVERRIDES", "");
    Processes.Result result = runStep("Check secrets and overrides", dir, env);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("PHANTOM_STAGING_URL is not set");
  }

  @Test
  void ciRunsTheReadmeTestCommandOnPushAndPullRequestWithTheLinters() {
    JsonNode ci = DeployFiles.yaml(DeployFiles.path(CI));
    assertThat(ci.path("on").has("push")).isTrue();
    assertThat(ci.path("on").has("pull_request")).isTrue();
    List<String> runs = new ArrayList<>();
    ci.at("/jobs/verify/steps").forEach(s -> runs.add(s.path("run").asText()));
    assertThat(runs).containsSubsequence("bash .ci/install-linters.sh", "mvn -B verify");
    assertThat(ci.at("/permissions/contents").asText()).isEqualTo("read");
  }

  @Test
  void everyActionIsPinnedToACommitWithItsVersionOrToAFullVersionTag() {
    for (String workflow : List.of(PERFORMANCE, CI)) {
      Matcher m = USES.matcher(DeployFiles.text(DeployFiles.path(workflow)));
      int count = 0;
      while (m.find()) {
        count++;
        String ref = m.group(2);
        String comment = m.group(3).trim();
        String what = workflow + ": " + m.group(1) + "@" + ref;
        if (ref.matches("[0-9a-f]{40}")) {
          assertThat(comment).as(what + " names its version").matches("# v\\d+\\.\\d+\\.\\d+");
        } else {
          assertThat(ref).as(what + " is a full version tag").matches("v\\d+\\.\\d+\\.\\d+");
        }
      }
      assertThat(count).as(workflow).isGreaterThanOrEqualTo(3);
    }
  }

  /** Inputs and secrets reach scripts through env only, never spliced into the script text. */
  @Test
  void noScriptInterpolatesInputsOrSecrets() {
    for (String workflow : List.of(PERFORMANCE, CI)) {
      JsonNode jobs = DeployFiles.yaml(DeployFiles.path(workflow)).path("jobs");
      jobs.forEach(
          job ->
              job.path("steps")
                  .forEach(
                      s ->
                          assertThat(s.path("run").asText())
                              .as(workflow + ": " + s.path("name").asText())
                              .doesNotContainPattern(
                                  "\\$\\{\\{\\s*(inputs|secrets|github\\.event)\\.")));
    }
  }

  private JsonNode step(String id) {
    for (JsonNode s : loadTest.path("steps")) {
      if (s.path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step with id " + id);
  }

  private JsonNode stepNamed(String name) {
    for (JsonNode s : loadTest.path("steps")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no step named " + name);
  }

  private JsonNode stepUsing(String action) {
    for (JsonNode s : loadTest.path("steps")) {
      if (s.path("uses").asText().startsWith(action + "@")) {
        return s;
      }
    }
    throw new AssertionError("no step uses " + action);
  }

  /** Runs a step's script as GitHub would (shell: bash = bash -e -o pipefail). */
  private Processes.Result runStep(String name, Path dir, Map<String, String> env) {
    assumeThat(Processes.linter("jq")).as("jq is needed (it is on GitHub's runners)").isPresent();
    Path script = dir.resolve("step.sh");
    try {
      Files.writeString(script, stepNamed(name).path("run").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Processes.run(
        dir,
        env,
        Duration.ofSeconds(30),
        List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()));
  }
}
