package io.phantommesh.perf.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.phantommesh.perf.results.SimulationLogException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulation knows of its run that {@code simulation.log} does not say: the load model, the
 * target (never credentials), this injector's place, the embedded service's own counters, and
 * model-specific parameters. Written as {@value #FILE_NAME} into Gatling's run folder when the
 * simulation ends; read by the post-processor. Optional: a run folder without it is still reported.
 *
 * <p>Immutable.
 *
 * @param profile the load model, a key of {@code phantom.profiles} (e.g. {@code ramp-up})
 * @param simulation fully qualified simulation class
 * @param target base URL without credentials, or {@code embedded (http://127.0.0.1:port)}
 * @param injectorIndex 0-based index of this injector
 * @param injectorCount number of injectors of the run
 * @param embeddedRequests requests the embedded service received, by endpoint then HTTP status;
 *     empty for a real target
 * @param files extra files the simulation left in the run folder (e.g. {@code soak-metrics.csv})
 * @param model model-specific parameters the analyses need (e.g. the spike's end offset)
 * @param warmUp where the silent warm-up went and how many requests it sent; {@code null} for a run
 *     without warm-up (or a sidecar written before this field)
 */
@JsonPropertyOrder({
  "profile",
  "simulation",
  "target",
  "injector_index",
  "injector_count",
  "embedded_requests",
  "files",
  "model",
  "warm_up"
})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSidecar(
    @JsonProperty("profile") String profile,
    @JsonProperty("simulation") String simulation,
    @JsonProperty("target") String target,
    @JsonProperty("injector_index") int injectorIndex,
    @JsonProperty("injector_count") int injectorCount,
    @JsonProperty("embedded_requests") Map<String, Map<Integer, Long>> embeddedRequests,
    @JsonProperty("files") List<String> files,
    @JsonProperty("model") Map<String, Object> model,
    @JsonProperty("warm_up") WarmUpFacts warmUp) {

  /** Name of the file in Gatling's run folder. */
  public static final String FILE_NAME = "phantom-run.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public RunSidecar {
    embeddedRequests = embeddedRequests == null ? Map.of() : Map.copyOf(embeddedRequests);
    files = files == null ? List.of() : List.copyOf(files);
    model = model == null ? Map.of() : Map.copyOf(model);
  }

  /** A sidecar of a run without warm-up. */
  public RunSidecar(
      String profile,
      String simulation,
      String target,
      int injectorIndex,
      int injectorCount,
      Map<String, Map<Integer, Long>> embeddedRequests,
      List<String> files,
      Map<String, Object> model) {
    this(
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        files,
        model,
        null);
  }

  /** Reads the sidecar of a run folder, if it has one. */
  public static Optional<RunSidecar> read(Path runFolder) {
    Path file = runFolder.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), RunSidecar.class));
    } catch (IOException e) {
      throw new SimulationLogException(
          SimulationLogException.Problem.NOT_A_LOG,
          file.toString(),
          SimulationLogException.NO_OFFSET,
          file + ": not a readable " + FILE_NAME + " (" + e.getMessage() + ")",
          e);
    }
  }

  /** Writes the sidecar into a run folder (temporary file, then rename). */
  public void write(Path runFolder) {
    Path file = runFolder.resolve(FILE_NAME);
    Path tmp = runFolder.resolve(FILE_NAME + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A model parameter as a number, if present. */
  public Optional<Double> modelNumber(String key) {
    Object v = model.get(key);
    return v instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
  }
}
