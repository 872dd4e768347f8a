package io.phantommesh.perf.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's deploy and CI files, read for the deploy tests: paths, YAML documents (with
 * duplicate keys rejected) and text.
 *
 * <p>Stateless; paths resolve against the project root (the folder holding pom.xml).
 */
final class DeployFiles {
  static final String NAMESPACE = "phantom-load-test";
  static final String PLACEHOLDER_IMAGE = "ghcr.io/OWNER/phantom-mesh-perf:latest";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private DeployFiles() {}

  /** The project root: the nearest folder upwards from the working directory with a pom.xml. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every document of a YAML file; a duplicate key fails the parse. */
  static List<JsonNode> yamlDocuments(Path file) {
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      List<JsonNode> docs = new ArrayList<>();
      values.forEachRemaining(docs::add);
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** Every document of a YAML text, as {@link #yamlDocuments(Path)}. */
  static List<JsonNode> yamlDocuments(String text) {
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      List<JsonNode> docs = new ArrayList<>();
      values.forEachRemaining(docs::add);
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse YAML text", e);
    }
  }

  /** The single document of a YAML file. */
  static JsonNode yaml(Path file) {
    List<JsonNode> docs = yamlDocuments(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " holds " + docs.size() + " YAML documents, not 1");
    }
    return docs.get(0);
  }

  /** A manifest under deploy/k8s, e.g. {@code "base/job-injectors.yaml"}. */
  static JsonNode manifest(String relative) {
    return yaml(path("deploy/k8s/" + relative));
  }

  /** Every *.yaml / *.yml file under a folder of the project, sorted. */
  static List<Path> yamlFilesUnder(String relative) {
    try (Stream<Path> files = Files.walk(path(relative))) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + relative, e);
    }
  }

  /** Folders that hold the project's shell scripts. */
  private static final List<String> SCRIPT_FOLDERS =
      List.of(".ci", "bench", "deploy", "src/test/fixture-gen");

  /**
   * Every shell script in {@link #SCRIPT_FOLDERS}: a {@code *.sh} file or a file whose first line
   * is a shell shebang; paths relative to the root, with '/', sorted.
   */
  static List<String> shellScripts() {
    List<String> scripts = new ArrayList<>();
    for (String folder : SCRIPT_FOLDERS) {
      try (Stream<Path> files = Files.walk(path(folder))) {
        files
            .filter(Files::isRegularFile)
            .filter(f -> f.toString().endsWith(".sh") || isShellShebang(firstLine(f)))
            .map(f -> root().relativize(f).toString().replace('\\', '/'))
            .forEach(scripts::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
    }
    scripts.sort(null);
    return scripts;
  }

  private static boolean isShellShebang(String line) {
    return line.matches("#!.*\\b(ba)?sh\\b.*");
  }

  /** The first line of a file, or "" for an empty or unreadable (binary) one. */
  static String firstLine(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElse("");
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** The resource files a kustomization lists, resolved against its folder. */
  static List<Path> kustomizationResources(String kustomizationDir) {
    Path dir = path(kustomizationDir);
    List<Path> resources = new ArrayList<>();
    yaml(dir.resolve("kustomization.yaml"))
        .path("resources")
        .forEach(r -> resources.add(dir.resolve(r.asText()).normalize()));
    return resources;
  }

  /** The first container of a Job's pod template. */
  static JsonNode container(JsonNode job) {
    return job.at("/spec/template/spec/containers/0");
  }

  /** The env entry {@code name} of a container, or a missing node. */
  static JsonNode env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (e.path("name").asText().equals(name)) {
        return e;
      }
    }
    return MissingNode.getInstance();
  }
}
