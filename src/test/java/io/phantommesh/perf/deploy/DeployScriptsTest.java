package io.phantommesh.perf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.testsupport.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy scripts run for real with bash, with stand-ins for mvn, java, curl and kubectl on PATH
 * that record their arguments: what each script runs, in which order, and how it fails.
 */
@Tag("slow")
@Timeout(120)
class DeployScriptsTest {
  private static final Path INJECTOR = DeployFiles.path("deploy/injector-entrypoint.sh");
  private static final Path MERGE = DeployFiles.path("deploy/merge-entrypoint.sh");
  private static final Path RUN = DeployFiles.path("deploy/run-distributed.sh");

  @TempDir Path tmp;
  Path bin;
  Path calls;

  @BeforeEach
  void fakeBin() throws IOException {
    bin = Files.createDirectories(tmp.resolve("bin"));
    calls = tmp.resolve("calls.log");
    Files.createFile(calls);
  }

  /**
   * The README and docs run scripts as {@code bench/x.sh}, not {@code bash bench/x.sh}: on a fresh
   * clone that works only if git recorded the file as executable (it once did not, for the
   * benchmark).
   */
  @Test
  void everyScriptHasAShebangAndIsExecutable() throws IOException {
    List<String> scripts = DeployFiles.shellScripts();
    assertThat(scripts)
        .contains(".ci/run", "bench/injector-capacity.sh", "deploy/run-distributed.sh");
    for (String script : scripts) {
      Path file = DeployFiles.path(script);
      assertThat(DeployFiles.firstLine(file)).as(script).startsWith("#!");
      assertThat(Files.getPosixFilePermissions(file))
          .as(script + " must be executable (git update-index --chmod=+x " + script + ")")
          .contains(PosixFilePermission.OWNER_EXECUTE);
    }
  }

  @Nested
  class InjectorEntrypoint {
    Path project;
    Path results;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
      project = Files.createDirectories(tmp.resolve("project"));
      results = Files.createDirectories(tmp.resolve("results"));
      Path perfConf = tmp.resolve("perf.conf");
      Files.writeString(perfConf, "phantom.report.enabled = false\n");
      // mvn stand-in: records its arguments; writes a run folder unless FAKE_MVN_NO_RUN is set;
      // prints the plugin's assertion message when FAKE_MVN_ASSERTIONS is set.
      fake(
          "mvn",
          """
          printf '%s\\n' "$@" > "$CALLS"
          if [[ -z "${FAKE_MVN_NO_RUN:-}" ]]; then
            mkdir -p target/gatling/rampupsimulation-20260101000000000
            echo log > target/gatling/rampupsimulation-20260101000000000/simulation.log
          fi
          if [[ -n "${FAKE_MVN_ASSERTIONS:-}" ]]; then
            echo "[ERROR] Gatling simulation assertions failed !"
          fi
          exit "${FAKE_MVN_EXIT:-0}"
          """);
      env = new HashMap<>();
      env.put("SIMULATION", "RampUpSimulation");
      env.put("PHANTOM_RUN_ID", "run-1");
      env.put("PHANTOM_INJECTOR_INDEX", "2");
      env.put("PHANTOM_INJECTOR_COUNT", "3");
      env.put("PHANTOM_TARGET_BASE_URL", "https://vpn.staging.example.com");
      env.put("PERF_CONF", perfConf.toString());
      env.put("RESULTS_ROOT", results.toString());
      env.put("PROJECT_DIR", project.toString());
      env.put("MAVEN_REPO", "/opt/m2");
    }

    @Test
    void runsGatlingOfflineWithTheOverlayAndCopiesTheRunFolderToItsShard() {
      env.put("PHANTOM_PERF_FLAGS", "-Dphantom.profiles.ramp-up.duration=120s");
      Processes.Result result = script(INJECTOR, env);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(lines(calls))
          .containsExactly(
              "-B",
              "--offline",
              "-Dmaven.repo.local=/opt/m2",
              "gatling:test",
              "-Dgatling.simulationClass=io.phantommesh.perf.simulation.RampUpSimulation",
              "-Dgatling.noReports=true",
              "-Dconfig.file=" + tmp.resolve("perf.conf"),
              "-Dphantom.profiles.ramp-up.duration=120s");
      Path shard = results.resolve("run-1/injector-2");
      assertThat(shard.resolve("rampupsimulation-20260101000000000/simulation.log")).exists();
      assertThat(DeployFiles.text(shard.resolve("maven-exit-code")).trim()).isEqualTo("0");
      assertThat(shard.resolve("maven.log")).exists();
    }

    @Test
    void succeedsWhenOnlyGatlingAssertionsMissedOnItsShard() {
      env.put("FAKE_MVN_EXIT", "1");
      env.put("FAKE_MVN_ASSERTIONS", "yes");
      Processes.Result result = script(INJECTOR, env);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("the merged result decides the verdict");
      assertThat(DeployFiles.text(results.resolve("run-1/injector-2/maven-exit-code")).trim())
          .isEqualTo("1");
    }

    @Test
    void failsWithMavensStatusWhenNoRunHappened() {
      env.put("FAKE_MVN_EXIT", "1");
      env.put("FAKE_MVN_NO_RUN", "yes");
      Processes.Result result = script(INJECTOR, env);
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.output()).contains("no Gatling run folder with a simulation.log");
    }

    @Test
    void refusesAnIndexOutsideTheCount() {
      env.put("PHANTOM_INJECTOR_INDEX", "3");
      Processes.Result result = script(INJECTOR, env);
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output()).contains("PHANTOM_INJECTOR_INDEX must be in 0..2, was '3'");
      assertThat(lines(calls)).isEmpty();
    }

    @Test
    void refusesToMixTwoRunsInOneFolder() throws IOException {
      Files.createDirectories(results.resolve("run-1/injector-2/old-run"));
      Processes.Result result = script(INJECTOR, env);
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output()).contains("already holds results");
    }

    @Test
    void refusesExtraFlagsOutsidePhantom() {
      env.put("PHANTOM_PERF_FLAGS", "-Dgatling.core.directory=/tmp");
      Processes.Result result = script(INJECTOR, env);
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output()).contains("-Dphantom.* flags only");
    }
  }

  @Nested
  class MergeEntrypoint {
    Path results;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
      results = Files.createDirectories(tmp.resolve("results"));
      Path sa = Files.createDirectories(tmp.resolve("sa"));
      Files.writeString(sa.resolve("token"), "sa-token");
      Files.writeString(sa.resolve("namespace"), "phantom-load-test");
      Files.writeString(sa.resolve("ca.crt"), "ca");
      for (int i = 0; i < 3; i++) {
        Path run = Files.createDirectories(results.resolve("run-7/injector-" + i + "/ramp-" + i));
        Files.writeString(run.resolve("simulation.log"), "log");
      }
      // curl stand-in: the Job (completions 3, FAKE_SUCCEEDED succeeded) and its pods.
      fake(
          "curl",
          """
          url="${@: -1}"
          echo "curl $url" >> "$CALLS"
          case "$url" in
            */jobs/phantom-injectors)
              echo '{"spec":{"completions":3,"template":{"metadata":{"annotations":'
              echo '{"perf.phantommesh.io/run-id":"run-7"}}}},'
              echo '"status":{"succeeded":'"${FAKE_SUCCEEDED:-3}"'}}' ;;
            */pods?labelSelector=job-name%3Dphantom-injectors)
              [[ -n "${FAKE_BAD_PODS:-}" ]] && { echo 'not json'; exit 0; }
              pod() {
                printf '{"metadata":{"name":"%s","annotations":' "$1"
                printf '{"batch.kubernetes.io/job-completion-index":"%s"}},' "$2"
                printf '"spec":{"nodeName":"%s"}}' "$3"
              }
              printf '{"items":[%s,%s,%s]}' "$(pod p1 1 n1)" "$(pod p0 0 n1)" "$(pod p2 2 n2)" ;;
            *) exit 22 ;;
          esac
          """);
      // java stand-in: records its arguments, writes a result, exits with FAKE_JAVA_EXIT.
      fake(
          "java",
          """
          printf 'java %s\\n' "$*" >> "$CALLS"
          out="${@: -1}"
          echo '{"verdict":"WARNING"}' > "$out/result.json"
          exit "${FAKE_JAVA_EXIT:-10}"
          """);
      env = new HashMap<>();
      env.put("SA_DIR", sa.toString());
      env.put("KUBE_API", "https://api.example.com");
      env.put("RESULTS_ROOT", results.toString());
      env.put("PROJECT_DIR", "/opt/phantom-mesh-perf");
      env.put("PERF_CONF", "/etc/phantom-perf/perf.conf");
      env.put("HOLD_SECONDS", "0");
    }

    @Test
    void mergesEveryShardInIndexOrderAndRecordsTheVerdictAndPlacement() {
      assumeThat(Processes.linter("jq")).as("jq is in the image; needed here too").isPresent();
      Processes.Result result = script(MERGE, env);
      assertThat(result.exitCode()).as(result.output()).isZero();
      Path run = results.resolve("run-7");
      assertThat(lines(calls))
          .contains(
              "java -Dconfig.file=/etc/phantom-perf/perf.conf -jar"
                  + " /opt/phantom-mesh-perf/target/phantom-mesh-perf.jar report --run-id run-7"
                  + " --project-dir /opt/phantom-mesh-perf --maven-arg=-Dmaven.repo.local=/opt/m2"
                  + " --maven-arg=--offline "
                  + run.resolve("injector-0/ramp-0")
                  + " "
                  + run.resolve("injector-1/ramp-1")
                  + " "
                  + run.resolve("injector-2/ramp-2")
                  + " --out "
                  + run.resolve("merged"));
      assertThat(DeployFiles.text(run.resolve("merged/exit-code")).trim()).isEqualTo("10");
      assertThat(result.output()).contains("verdict: WARNING");
      assertThat(lines(run.resolve("merged/injectors.tsv")))
          .containsExactly("0\tp0\tn1", "1\tp1\tn1", "2\tp2\tn2");
      assertThat(result.output()).contains("several injectors ran on node(s) n1");
    }

    @Test
    void mergesEvenWhenThePlacementCannotBeRead() {
      assumeThat(Processes.linter("jq")).isPresent();
      env.put("FAKE_BAD_PODS", "yes");
      Processes.Result result = script(MERGE, env);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("could not list the injector pods");
      assertThat(DeployFiles.text(results.resolve("run-7/merged/exit-code")).trim())
          .isEqualTo("10");
    }

    @Test
    void refusesAnIncompleteInjectorJob() {
      assumeThat(Processes.linter("jq")).isPresent();
      env.put("FAKE_SUCCEEDED", "2");
      Processes.Result result = script(MERGE, env);
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output())
          .contains("is not complete (2 of 3 injectors succeeded)")
          .contains("wait --for=condition=complete job/phantom-injectors");
      assertThat(DeployFiles.text(calls)).doesNotContain("java ");
    }

    @Test
    void refusesAMissingShard() throws IOException {
      assumeThat(Processes.linter("jq")).isPresent();
      Files.delete(results.resolve("run-7/injector-1/ramp-1/simulation.log"));
      Processes.Result result = script(MERGE, env);
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output()).contains("injector-1, found 0");
    }

    @Test
    void failsWhenTheReportCliFindsTheInputUnusable() {
      assumeThat(Processes.linter("jq")).isPresent();
      env.put("FAKE_JAVA_EXIT", "2");
      Processes.Result result = script(MERGE, env);
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(DeployFiles.text(results.resolve("run-7/merged/exit-code")).trim()).isEqualTo("2");
    }
  }

  @Nested
  class RunDistributed {
    Map<String, String> env;

    @BeforeEach
    void setUp() {
      env = new HashMap<>();
      env.put("KUBECTL", bin.resolve("kubectl").toString());
      env.put("OUT_DIR", tmp.resolve("out").toString());
      env.put("PHANTOM_RUN_ID", "run-42");
      env.put("IMAGE", "ghcr.io/acme/phantom-mesh-perf:0.1.0");
      env.put("REAL_KUBECTL", Processes.linter("kubectl").map(Path::toString).orElse(""));
      // kubectl stand-in: renders with the real kubectl, records everything else, and plays a
      // cluster where the injectors complete on the second wait and the merge says FAKE_VERDICT.
      fake(
          "kubectl",
          """
          [[ "$1" == --namespace ]] && shift 2
          echo "kubectl $*" >> "$CALLS"
          case "$1 $2" in
            "kustomize "*) exec "$REAL_KUBECTL" kustomize "$2" ;;
            "get secret")
              if [[ -n "${FAKE_NO_SECRET:-}" ]]; then
                echo 'Error from server (NotFound): secrets "phantom-perf-token" not found' >&2
                exit 1
              fi
              echo secret/phantom-perf-token ;;
            "apply -f") cp "$3" "$FAKE_DIR/applied-$(ls "$FAKE_DIR" | grep -c applied).yaml" ;;
            "wait --for=condition=complete")
              n=$(cat "$FAKE_DIR/waits" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE_DIR/waits"
              ((n >= 1)) ;;
            "get job")
              case "$*" in
                *activeDeadlineSeconds*) echo 1800 ;;
                *Failed*) echo "" ;;
                *image*) echo "$IMAGE" ;;
                *) echo "1/4 succeeded, 3 active" ;;
              esac ;;
            "get pods") echo phantom-merge-x7k2p ;;
            "exec phantom-merge-x7k2p") [[ "$*" == *cat* ]] && echo "${FAKE_VERDICT:-10}"; true ;;
            "cp -c") mkdir -p "$5"; echo '{"verdict":"WARNING"}' > "$5/result.json" ;;
            *) true ;;
          esac
          """);
      env.put("FAKE_DIR", tmp.toString());
    }

    @Test
    void appliesTheInjectorsWithNPatchedWaitsMergesAndReturnsTheVerdict() {
      assumeThat(env.get("REAL_KUBECTL")).as(Processes.missing("kubectl")).isNotEmpty();
      Processes.Result result =
          script(RUN, env, "SpikeSimulation", "4", "https://vpn.staging.example.com:8443");
      assertThat(result.exitCode()).as(result.output()).isEqualTo(10);
      assertThat(result.output()).contains("verdict: WARNING");

      List<String> log = lines(calls);
      assertThat(log)
          .containsSubsequence(
              "kubectl get secret phantom-perf-token -o name",
              "kubectl delete job phantom-injectors phantom-merge --ignore-not-found --wait=true",
              "kubectl apply -f " + tmp.resolve("out/injectors.yaml"),
              "kubectl wait --for=condition=complete job/phantom-injectors --timeout=30s",
              "kubectl wait --for=condition=complete job/phantom-injectors --timeout=30s",
              "kubectl apply -f " + tmp.resolve("out/merge.yaml"),
              "kubectl cp -c merge phantom-merge-x7k2p:/results/run-42/merged "
                  + tmp.resolve("out/merged"),
              "kubectl exec phantom-merge-x7k2p -c merge -- touch"
                  + " /results/run-42/merged/.collected");
      assertThat(tmp.resolve("out/merged/result.json")).exists();

      JsonNode job = only(tmp.resolve("applied-0.yaml"), "Job", "phantom-injectors");
      assertThat(job.at("/spec/completions").asInt()).isEqualTo(4);
      assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(4);
      JsonNode container = DeployFiles.container(job);
      assertThat(DeployFiles.env(container, "PHANTOM_INJECTOR_COUNT").path("value").asText())
          .isEqualTo("4");
      assertThat(DeployFiles.env(container, "SIMULATION").path("value").asText())
          .isEqualTo("io.phantommesh.perf.simulation.SpikeSimulation");
      assertThat(DeployFiles.env(container, "PHANTOM_TARGET_BASE_URL").path("value").asText())
          .isEqualTo("https://vpn.staging.example.com:8443");
      assertThat(job.at("/spec/template/metadata/annotations/perf.phantommesh.io~1run-id").asText())
          .isEqualTo("run-42");
      assertThat(container.path("image").asText())
          .isEqualTo("ghcr.io/acme/phantom-mesh-perf:0.1.0");
      // The rest of the base comes along unchanged.
      assertThat(DeployFiles.yamlDocuments(tmp.resolve("applied-0.yaml"))).hasSize(8);

      JsonNode merge = only(tmp.resolve("applied-1.yaml"), "Job", "phantom-merge");
      assertThat(DeployFiles.container(merge).path("image").asText())
          .isEqualTo("ghcr.io/acme/phantom-mesh-perf:0.1.0");
    }

    @Test
    void refusesThePlaceholderImage() {
      assumeThat(env.get("REAL_KUBECTL")).as(Processes.missing("kubectl")).isNotEmpty();
      env.remove("IMAGE");
      Processes.Result result =
          script(RUN, env, "RampUpSimulation", "3", "http://vpn.example.com:8080");
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.output()).contains("placeholder image").contains("IMAGE=");
      assertThat(DeployFiles.text(calls)).doesNotContain("kubectl apply");
    }

    @Test
    void explainsAMissingKubectl() {
      env.put("KUBECTL", tmp.resolve("no-such-kubectl").toString());
      Processes.Result result =
          script(RUN, env, "RampUpSimulation", "3", "http://vpn.example.com:8080");
      assertThat(result.exitCode()).isEqualTo(127);
      assertThat(result.output()).contains("kubectl not found");
    }

    @Test
    void explainsAMissingTokenSecretWithTheCommandToCreateIt() {
      env.put("FAKE_NO_SECRET", "yes");
      Processes.Result result =
          script(RUN, env, "RampUpSimulation", "3", "http://vpn.example.com:8080");
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.output())
          .contains("Secret phantom-load-test/phantom-perf-token is missing")
          .contains("secrets \"phantom-perf-token\" not found")
          .contains(
              "kubectl -n phantom-load-test create secret generic phantom-perf-token"
                  + " --from-literal=token=");
    }

    @Test
    void rejectsBadArgumentsBeforeTouchingTheCluster() {
      assertThat(script(RUN, env, "RampUpSimulation", "3").exitCode()).isEqualTo(2);
      assertThat(script(RUN, env, "RampUpSimulation", "0", "http://vpn.example.com").output())
          .contains("injector-count must be an integer in 1..1000, was '0'");
      assertThat(script(RUN, env, "RampUpSimulation", "3", "vpn:8080").output())
          .contains("must start with http:// or https://");
      assertThat(script(RUN, env, "Ramp Up", "3", "http://vpn.example.com").output())
          .contains("simulation must be a class name");
      assertThat(DeployFiles.text(calls)).isEmpty();
    }
  }

  private void fake(String name, String body) {
    Path file = bin.resolve(name);
    try {
      Files.writeString(file, "#!/usr/bin/env bash\nset -uo pipefail\n" + body);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Processes.Result script(Path script, Map<String, String> env, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.put("PATH", bin + ":" + System.getenv("PATH"));
    all.put("CALLS", calls.toString());
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    return Processes.run(tmp, all, Duration.ofSeconds(60), command);
  }

  private static List<String> lines(Path file) {
    return DeployFiles.text(file).lines().toList();
  }

  private static JsonNode only(Path file, String kind, String name) {
    return DeployFiles.yamlDocuments(file).stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .filter(d -> d.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no " + kind + "/" + name));
  }
}
