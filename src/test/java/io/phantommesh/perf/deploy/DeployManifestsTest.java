package io.phantommesh.perf.deploy;

import static io.phantommesh.perf.deploy.DeployFiles.NAMESPACE;
import static io.phantommesh.perf.deploy.DeployFiles.PLACEHOLDER_IMAGE;
import static io.phantommesh.perf.deploy.DeployFiles.container;
import static io.phantommesh.perf.deploy.DeployFiles.env;
import static io.phantommesh.perf.deploy.DeployFiles.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.phantommesh.perf.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Kubernetes manifests of the scale-out (deploy/k8s) and the Containerfile, read as data. */
class DeployManifestsTest {
  private static final String COMPLETION_INDEX =
      "metadata.annotations['batch.kubernetes.io/job-completion-index']";

  private final JsonNode injectors = manifest("base/job-injectors.yaml");
  private final JsonNode merge = manifest("merge/job-merge.yaml");

  @Test
  void everyYamlFileParsesWithoutDuplicateKeys() {
    List<Path> files = DeployFiles.yamlFilesUnder("deploy");
    assertThat(files).hasSizeGreaterThanOrEqualTo(14);
    for (Path file : files) {
      assertThat(DeployFiles.yamlDocuments(file)).as(file.toString()).isNotEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/k8s/base", "deploy/k8s/merge"})
  void eachKustomizationListsEveryResourceFileInItsFolderWithOneObjectPerFile(String dir) {
    List<Path> listed = DeployFiles.kustomizationResources(dir);
    List<Path> present;
    try (Stream<Path> files = Files.list(DeployFiles.path(dir))) {
      present =
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
              .sorted()
              .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    for (Path file : listed) {
      JsonNode object = DeployFiles.yaml(file);
      assertThat(object.path("apiVersion").asText()).as(file + " apiVersion").isNotEmpty();
      assertThat(object.path("kind").asText()).as(file + " kind").isNotEmpty();
      assertThat(object.at("/metadata/name").asText()).as(file + " name").isNotEmpty();
      if (!object.path("kind").asText().equals("Namespace")) {
        assertThat(object.at("/metadata/namespace").asText())
            .as(file.toString())
            .isEqualTo(NAMESPACE);
      }
    }
    assertThat(
            DeployFiles.yaml(DeployFiles.path(dir).resolve("kustomization.yaml"))
                .path("namespace")
                .asText())
        .isEqualTo(NAMESPACE);
  }

  @Test
  void theBaseHoldsEveryObjectOfTheRunButTheMergeJob() {
    List<String> kinds = new ArrayList<>();
    for (Path file : DeployFiles.kustomizationResources("deploy/k8s/base")) {
      JsonNode object = DeployFiles.yaml(file);
      kinds.add(object.path("kind").asText() + "/" + object.at("/metadata/name").asText());
    }
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            "Namespace/phantom-load-test",
            "ServiceAccount/phantom-perf",
            "Role/phantom-perf-merge",
            "RoleBinding/phantom-perf-merge",
            "ConfigMap/phantom-perf-settings",
            "PersistentVolumeClaim/phantom-perf-results",
            "PodDisruptionBudget/phantom-injectors",
            "Job/phantom-injectors");
    assertThat(merge.path("kind").asText()).isEqualTo("Job");
    assertThat(merge.at("/metadata/name").asText()).isEqualTo("phantom-merge");
  }

  @Test
  void injectorJobIsIndexedWithCompletionsParallelismAndCountEqual() {
    assertThat(injectors.at("/spec/completionMode").asText()).isEqualTo("Indexed");
    int completions = injectors.at("/spec/completions").asInt();
    assertThat(completions).isEqualTo(3);
    assertThat(injectors.at("/spec/parallelism").asInt()).isEqualTo(completions);
    assertThat(env(container(injectors), "PHANTOM_INJECTOR_COUNT").path("value").asText())
        .isEqualTo(Integer.toString(completions));
  }

  @Test
  void stagingOverlayChangesCompletionsParallelismAndCountTogether() {
    JsonNode patch = manifest("overlays/staging/injectors-patch.yaml");
    int completions = patch.at("/spec/completions").asInt();
    assertThat(completions).isGreaterThan(1);
    assertThat(patch.at("/spec/parallelism").asInt()).isEqualTo(completions);
    assertThat(env(container(patch), "PHANTOM_INJECTOR_COUNT").path("value").asText())
        .isEqualTo(Integer.toString(completions));
    assertThat(env(container(patch), "PHANTOM_TARGET_BASE_URL").path("value").asText())
        .startsWith("https://"); // scheme only: staging URL from the overlay
  }

  @Test
  void injectorIndexComesFromTheCompletionIndexAnnotation() {
    JsonNode index = env(container(injectors), "PHANTOM_INJECTOR_INDEX");
    assertThat(index.has("value")).isFalse();
    assertThat(index.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo(COMPLETION_INDEX);
  }

  @Test
  void targetUrlSimulationAndRunIdAreSetOnTheInjectors() {
    JsonNode c = container(injectors);
    assertThat(env(c, "PHANTOM_TARGET_BASE_URL").path("value").asText()).startsWith("http");
    assertThat(env(c, "SIMULATION").path("value").asText())
        .isEqualTo("io.phantommesh.perf.simulation.RampUpSimulation");
    assertThat(env(c, "PHANTOM_RUN_ID").at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.annotations['perf.phantommesh.io/run-id']");
    assertThat(
            injectors
                .at("/spec/template/metadata/annotations/perf.phantommesh.io~1run-id")
                .asText())
        .isNotEmpty();
  }

  @Test
  void jobsCannotRetryAndHaveAHardTimeBound() {
    for (JsonNode job : List.of(injectors, merge)) {
      String name = job.at("/metadata/name").asText();
      assertThat(job.at("/spec/backoffLimit").isInt()).as(name).isTrue();
      assertThat(job.at("/spec/backoffLimit").asInt()).as(name).isZero();
      assertThat(job.at("/spec/activeDeadlineSeconds").asInt()).as(name).isBetween(600, 86_400);
      assertThat(job.at("/spec/template/spec/restartPolicy").asText()).as(name).isEqualTo("Never");
    }
  }

  @Test
  void injectorResourcesRequestTheSeedFiguresAndLimitAboveThem() {
    JsonNode resources = container(injectors).path("resources");
    assertThat(resources.at("/requests/cpu").asText()).isEqualTo("500m");
    assertThat(resources.at("/requests/memory").asText()).isEqualTo("1Gi");
    assertThat(cpu(resources.at("/limits/cpu").asText())).isEqualTo(2.0);
    assertThat(bytes(resources.at("/limits/memory").asText())).isEqualTo(3L << 30);
  }

  @Test
  void everyContainerHasRequestsAndLimitsWithLimitsAtLeastRequests() {
    List<JsonNode> containers =
        List.of(
            container(injectors),
            container(merge),
            container(manifest("overlays/staging/injectors-patch.yaml")));
    for (JsonNode c : containers) {
      JsonNode r = c.path("resources");
      String name = c.path("name").asText();
      assertThat(cpu(r.at("/limits/cpu").asText()))
          .as(name + " cpu")
          .isGreaterThanOrEqualTo(cpu(r.at("/requests/cpu").asText()));
      assertThat(bytes(r.at("/limits/memory").asText()))
          .as(name + " memory")
          .isGreaterThanOrEqualTo(bytes(r.at("/requests/memory").asText()));
    }
  }

  @Test
  void tokenComesFromASecretReference() {
    JsonNode token = env(container(injectors), "PHANTOM_API_TOKEN");
    assertThat(token.has("value")).isFalse();
    assertThat(token.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("phantom-perf-token");
    assertThat(token.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("token");
  }

  @Test
  void noManifestCarriesASecretValue() {
    Pattern secretName = Pattern.compile("(?i).*(token|password|secret|credential|api[_-]?key).*");
    for (Path file : DeployFiles.yamlFilesUnder("deploy")) {
      for (JsonNode object : DeployFiles.yamlDocuments(file)) {
        assertThat(object.path("kind").asText())
            .as(file + ": a Secret object")
            .isNotEqualTo("Secret");
        for (JsonNode envVar : object.findValues("env")) {
          for (JsonNode e : envVar) {
            if (secretName.matcher(e.path("name").asText()).matches()) {
              assertThat(e.has("value"))
                  .as(file + ": env " + e.path("name").asText() + " has a literal value")
                  .isFalse();
            }
          }
        }
      }
    }
  }

  @Test
  void envControlledKeysAreReadFromReferenceConf() {
    assertThat(envControlledKeys())
        .contains(
            "phantom.target.base-url",
            "phantom.target.api-token",
            "phantom.injector.index",
            "phantom.injector.count")
        .doesNotContain("phantom.report.enabled", "phantom.target.connect-timeout");
  }

  @Test
  void settingsOverlaySetsNoEnvControlledKey() {
    Set<String> overlayKeys =
        new TreeSet<>(
            ConfigFactory.parseString(perfConf()).entrySet().stream()
                .map(Map.Entry::getKey)
                .toList());
    assertThat(overlayKeys).isNotEmpty();
    assertThat(overlayKeys).doesNotContainAnyElementsOf(envControlledKeys());
    assertThat(perfConf()).doesNotContain("${?PHANTOM_");
  }

  @Test
  void settingsOverlayIsValidAndLeavesPostProcessingToTheMerge() {
    assertThatNoException().isThrownBy(() -> SettingsLoader.fromString(perfConf()));
    assertThat(SettingsLoader.fromString(perfConf()).report().enabled()).isFalse();
  }

  @Test
  void settingsAreMountedWhereBothJobsSelectThemWithConfigFile() {
    for (JsonNode job : List.of(injectors, merge)) {
      JsonNode c = container(job);
      String perfConf = env(c, "PERF_CONF").path("value").asText();
      assertThat(perfConf).isEqualTo("/etc/phantom-perf/perf.conf");
      assertThat(mountPath(job, "settings")).isEqualTo("/etc/phantom-perf");
      assertThat(volume(job, "settings").at("/configMap/name").asText())
          .isEqualTo("phantom-perf-settings");
    }
  }

  @Test
  void bothJobsShareTheReadWriteManyResultsClaim() {
    JsonNode claim = manifest("base/pvc-results.yaml");
    assertThat(claim.at("/metadata/name").asText()).isEqualTo("phantom-perf-results");
    assertThat(claim.at("/spec/accessModes").toString()).contains("ReadWriteMany");
    for (JsonNode job : List.of(injectors, merge)) {
      assertThat(volume(job, "results").at("/persistentVolumeClaim/claimName").asText())
          .isEqualTo("phantom-perf-results");
      assertThat(mountPath(job, "results")).isEqualTo("/results");
      assertThat(env(container(job), "RESULTS_ROOT").path("value").asText()).isEqualTo("/results");
    }
  }

  @Test
  void disruptionBudgetForbidsVoluntaryEvictionOfEveryInjector() {
    JsonNode pdb = manifest("base/pdb-injectors.yaml");
    assertThat(pdb.at("/spec/maxUnavailable").asInt(-1)).isZero();
    JsonNode podLabels = injectors.at("/spec/template/metadata/labels");
    pdb.at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    assertThat(merge.at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText())
        .isNotEqualTo(podLabels.path("app.kubernetes.io/component").asText());
  }

  @Test
  void roleGrantsOnlyTheReadsOfTheMergeStep() {
    JsonNode role = manifest("base/role.yaml");
    assertThat(role.path("kind").asText()).isEqualTo("Role");
    List<String> grants = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
          }
        }
      }
    }
    assertThat(grants).containsExactlyInAnyOrder("batch/jobs:get", "/pods:list");

    JsonNode binding = manifest("base/rolebinding.yaml");
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("phantom-perf");
    assertThat(binding.path("subjects")).hasSize(1);
  }

  @Test
  void onlyTheMergePodMountsAnApiToken() {
    assertThat(
            manifest("base/serviceaccount.yaml")
                .path("automountServiceAccountToken")
                .asBoolean(true))
        .isFalse();
    assertThat(injectors.at("/spec/template/spec/automountServiceAccountToken").asBoolean(true))
        .isFalse();
    assertThat(merge.at("/spec/template/spec/automountServiceAccountToken").asBoolean(false))
        .isTrue();
    for (JsonNode job : List.of(injectors, merge)) {
      assertThat(job.at("/spec/template/spec/serviceAccountName").asText())
          .isEqualTo("phantom-perf");
      assertThat(job.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
      assertThat(job.at("/spec/template/spec/securityContext/runAsUser").asInt()).isEqualTo(10001);
    }
  }

  /**
   * The base carries a placeholder image on purpose (OWNER must be replaced): run-distributed.sh
   * refuses it unless IMAGE is set, and the staging overlay pins a release tag.
   */
  @Test
  void baseImageIsTheDocumentedPlaceholderAndTheOverlayPinsARelease() {
    assertThat(container(injectors).path("image").asText()).isEqualTo(PLACEHOLDER_IMAGE);
    assertThat(container(merge).path("image").asText()).isEqualTo(PLACEHOLDER_IMAGE);
    assertThat(container(injectors).path("imagePullPolicy").asText()).isEqualTo("Always");

    JsonNode images = manifest("overlays/staging/kustomization.yaml").path("images");
    assertThat(images).hasSize(1);
    JsonNode image = images.get(0);
    assertThat(image.path("name").asText()).isEqualTo("ghcr.io/OWNER/phantom-mesh-perf");
    assertThat(image.path("newName").asText()).doesNotContain("OWNER");
    String tag = image.path("newTag").asText();
    String digest = image.path("digest").asText();
    assertThat(tag.isEmpty() && digest.isEmpty()).as("a tag or digest is pinned").isFalse();
    assertThat(tag).isNotEqualTo("latest");
    assertThat(DeployFiles.text(DeployFiles.path("deploy/run-distributed.sh")))
        .contains("PLACEHOLDER_IMAGE=ghcr.io/OWNER/phantom-mesh-perf");
  }

  @Test
  void containerfileBuildsTheInjectorOnTemurin17WithAWarmMavenRepository() {
    String containerfile = DeployFiles.text(DeployFiles.path("deploy/Containerfile"));
    assertThat(containerfile)
        .containsPattern("(?m)^ARG BASE_IMAGE=eclipse-temurin:17-jdk")
        .containsPattern("(?m)^FROM \\$\\{BASE_IMAGE}")
        .contains("mvn -B -q -Dmaven.repo.local=/opt/m2 dependency:go-offline")
        .contains("-DskipTests -DskipSmoke package")
        .contains("COPY deploy/injector-entrypoint.sh deploy/merge-entrypoint.sh /usr/local/bin/")
        .containsPattern("(?m)^ENTRYPOINT \\[\"/usr/local/bin/injector-entrypoint.sh\"]")
        .containsPattern("(?m)^USER 10001:10001");
    assertThat(container(injectors).path("command").get(0).asText())
        .isEqualTo("/usr/local/bin/injector-entrypoint.sh");
    assertThat(container(merge).path("command").get(0).asText())
        .isEqualTo("/usr/local/bin/merge-entrypoint.sh");
  }

  /**
   * Every {@code phantom.*} key whose environment variable reference.conf reads: each {@code
   * ${?PHANTOM_X}} is resolved to a marker, and the keys holding a marker are those.
   */
  static Set<String> envControlledKeys() {
    Path referenceConf = DeployFiles.path("src/main/resources/reference.conf");
    Matcher m =
        Pattern.compile("\\$\\{\\?(PHANTOM_[A-Z0-9_]+)}").matcher(DeployFiles.text(referenceConf));
    Map<String, String> markers = new LinkedHashMap<>();
    while (m.find()) {
      markers.put(m.group(1), "<env:" + m.group(1) + ">");
    }
    // The markers sit at the root, where ${?PHANTOM_X} looks first; the real environment is off.
    Config resolved =
        ConfigFactory.parseFile(referenceConf.toFile())
            .withFallback(ConfigFactory.parseMap(markers))
            .resolve(ConfigResolveOptions.noSystem());
    Set<String> keys = new TreeSet<>();
    resolved
        .entrySet()
        .forEach(
            e -> {
              if (e.getValue().unwrapped() instanceof String s && s.startsWith("<env:")) {
                keys.add(e.getKey());
              }
            });
    return keys;
  }

  private static String perfConf() {
    JsonNode configMap = manifest("base/configmap-settings.yaml");
    assertThat(configMap.at("/metadata/name").asText()).isEqualTo("phantom-perf-settings");
    return configMap.at("/data/perf.conf").asText();
  }

  private static JsonNode volume(JsonNode job, String name) {
    for (JsonNode v : job.at("/spec/template/spec/volumes")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError(job.at("/metadata/name").asText() + " has no volume " + name);
  }

  private static String mountPath(JsonNode job, String volume) {
    for (JsonNode m : container(job).path("volumeMounts")) {
      if (m.path("name").asText().equals(volume)) {
        return m.path("mountPath").asText();
      }
    }
    throw new AssertionError(job.at("/metadata/name").asText() + " does not mount " + volume);
  }

  /** A CPU quantity in cores: "500m" = 0.5, "2" = 2. */
  static double cpu(String quantity) {
    assertThat(quantity).as("cpu quantity").matches("\\d+(\\.\\d+)?m?");
    return quantity.endsWith("m")
        ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
        : Double.parseDouble(quantity);
  }

  /** A memory quantity in bytes, binary suffixes only (Ki, Mi, Gi). */
  static long bytes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
    assertThat(m.matches()).as("memory quantity " + quantity).isTrue();
    long value = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    return switch (unit) {
      case "Ki" -> value << 10;
      case "Mi" -> value << 20;
      case "Gi" -> value << 30;
      default -> value;
    };
  }
}
