package io.phantommesh.perf.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.phantommesh.perf.embedded.fault.FaultReport;
import io.phantommesh.perf.files.AtomicFiles;
import io.phantommesh.perf.results.InjectorSamples;
import io.phantommesh.perf.results.SimulationLogException;
import io.phantommesh.perf.run.live.LiveStop;
import io.phantommesh.perf.soak.SoakRun;
import io.phantommesh.perf.spike.SpikeFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's facts: what a simulation knows of its run that {@code simulation.log} does not say,
 * typed and versioned. The load model, the target (never credentials), this injector's place, the
 * embedded service's own counters, the injector's self-samples, and the facts a model's analysis
 * judges the run by (the spike's shape, the soak's schedule and scale), so that a run is judged by
 * what ran, never by the settings in force when it is reported. Written as {@value #FILE_NAME} into
 * Gatling's run folder when the simulation ends; read by the report pipeline. Optional: a run
 * folder without it is still reported.
 *
 * <p>Immutable. {@link #format} is {@value #FORMAT} for sidecars this code writes; a sidecar of an
 * older suite (no {@code format}) reads with its model facts absent, and the analyses that need
 * them say so ({@link #missingFactsNote}).
 *
 * @param format version of this record's layout; 0 for a sidecar written before it was versioned
 * @param profile the load model, a key of {@code phantom.profiles} (e.g. {@code ramp-up})
 * @param simulation fully qualified simulation class
 * @param target base URL without credentials, or {@code embedded (http://127.0.0.1:port)}
 * @param injectorIndex 0-based index of this injector
 * @param injectorCount number of injectors of the run
 * @param embeddedRequests requests the embedded service received, by endpoint then HTTP status;
 *     empty for a real target
 * @param files extra files the simulation left in the run folder (e.g. {@code soak-metrics.csv})
 * @param injectorSamples how loaded this injector was, if it sampled itself
 * @param spike the spike that ran, for a spike run
 * @param soak the soak's schedule, scale and sampling, for a soak run
 * @param liveStop the live monitor's stop rule that ended the run early, if one did
 * @param embeddedFaults what the embedded service did on purpose (its fault counters and outages),
 *     when it injected any
 */
@JsonPropertyOrder({
  "format",
  "profile",
  "simulation",
  "target",
  "injector_index",
  "injector_count",
  "embedded_requests",
  "files",
  "injector_samples",
  "spike",
  "soak",
  "live_stop",
  "embedded_faults"
})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSidecar(
    @JsonProperty("format") int format,
    @JsonProperty("profile") String profile,
    @JsonProperty("simulation") String simulation,
    @JsonProperty("target") String target,
    @JsonProperty("injector_index") int injectorIndex,
    @JsonProperty("injector_count") int injectorCount,
    @JsonProperty("embedded_requests") Map<String, Map<Integer, Long>> embeddedRequests,
    @JsonProperty("files") List<String> files,
    @JsonProperty("injector_samples") InjectorSamples injectorSamples,
    @JsonProperty("spike") SpikeFacts spike,
    @JsonProperty("soak") SoakRun soak,
    @JsonProperty("live_stop") LiveStop liveStop,
    @JsonProperty("embedded_faults") FaultReport embeddedFaults) {

  /** Name of the file in Gatling's run folder. */
  public static final String FILE_NAME = "phantom-run.json";

  /** The layout this code writes. */
  public static final int FORMAT = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public RunSidecar {
    embeddedRequests = embeddedRequests == null ? Map.of() : Map.copyOf(embeddedRequests);
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** The facts of a run without model facts yet, in the current format. */
  public static RunSidecar of(
      String profile,
      String simulation,
      String target,
      int injectorIndex,
      int injectorCount,
      Map<String, Map<Integer, Long>> embeddedRequests) {
    return new RunSidecar(
        FORMAT,
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        List.of(),
        null,
        null,
        null,
        null,
        null);
  }

  /** These facts with the live monitor's stop rule that ended the run early. */
  public RunSidecar withLiveStop(LiveStop stop) {
    return new RunSidecar(
        format,
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        files,
        injectorSamples,
        spike,
        soak,
        stop,
        embeddedFaults);
  }

  /** These facts with the injector's samples. */
  public RunSidecar withInjectorSamples(InjectorSamples samples) {
    return new RunSidecar(
        format,
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        files,
        samples,
        spike,
        soak,
        liveStop,
        embeddedFaults);
  }

  /** These facts with the spike that ran. */
  public RunSidecar withSpike(SpikeFacts facts) {
    return new RunSidecar(
        format,
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        files,
        injectorSamples,
        facts,
        soak,
        liveStop,
        embeddedFaults);
  }

  /** These facts with the soak's schedule and sampling. */
  public RunSidecar withSoak(SoakRun facts) {
    return new RunSidecar(
        format,
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        files,
        injectorSamples,
        spike,
        facts,
        liveStop,
        embeddedFaults);
  }

  /** These facts with what the embedded service did on purpose; null for nothing. */
  public RunSidecar withEmbeddedFaults(FaultReport faults) {
    return new RunSidecar(
        format,
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        files,
        injectorSamples,
        spike,
        soak,
        liveStop,
        faults);
  }

  /** These facts listing {@code names} as files left in the run folder. */
  public RunSidecar withFiles(List<String> names) {
    return new RunSidecar(
        format,
        profile,
        simulation,
        target,
        injectorIndex,
        injectorCount,
        embeddedRequests,
        names,
        injectorSamples,
        spike,
        soak,
        liveStop,
        embeddedFaults);
  }

  /**
   * Why an analysis that needs {@code what} cannot judge a run from this sidecar: an older suite's
   * sidecar, or facts left out.
   */
  public String missingFactsNote(String what, Path runFolder) {
    String where = runFolder.resolve(FILE_NAME).toString();
    return format < FORMAT
        ? where
            + " was written by an older phantom-mesh-perf (sidecar format "
            + format
            + ", this one reads "
            + FORMAT
            + ") and does not record "
            + what
            + "; re-run the model to judge it"
        : where + " does not record " + what;
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

  /** Writes the sidecar into a run folder, replacing an earlier one in one step. */
  public void write(Path runFolder) {
    AtomicFiles.replace(runFolder.resolve(FILE_NAME), out -> JSON.writeValue(out, this));
  }
}
