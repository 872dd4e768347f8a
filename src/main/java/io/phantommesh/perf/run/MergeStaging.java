package io.phantommesh.perf.run;

import io.phantommesh.perf.files.AtomicFiles;
import io.phantommesh.perf.results.GatlingHtmlAssertions;
import io.phantommesh.perf.results.LogMerger;
import io.phantommesh.perf.results.SimulationLogException;
import io.phantommesh.perf.results.SimulationLogReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts together the merged Gatling run of a distributed run: the injectors' logs rewritten as one
 * {@code simulation.log} in a Gatling run folder layout, and Gatling's HTML report rendered from
 * it, in a hidden staging folder of the reports folder, ready to be moved into the result.
 */
final class MergeStaging {
  /** Key of the merge's own facts in {@code extra}. */
  static final String EXTRA_KEY = "merge";

  /** Folder of the merged Gatling run inside a result folder. */
  static final String GATLING_DIR = "gatling";

  private MergeStaging() {}

  /**
   * A merged run staged for the result folder.
   *
   * @param stage the hidden staging folder, deleted at the end
   * @param gatlingDir {@code stage/gatling}, moved into the result folder
   * @param runFolder {@code gatlingDir/<name>}, holding the merged simulation.log (and the HTML)
   * @param htmlIndex the HTML report relative to the result folder, when rendered
   * @param htmlNote how the HTML report was made, or why not
   * @param extra the merge's facts for {@code extra.merge}
   */
  record Staged(
      Path stage,
      Path gatlingDir,
      Path runFolder,
      Optional<String> htmlIndex,
      String htmlNote,
      Map<String, Object> extra) {

    /** Gatling's own assertion outcomes from the merged HTML report, if rendered. */
    Optional<List<GatlingHtmlAssertions.Outcome>> gatlingAssertions() {
      return htmlIndex.isPresent() ? GatlingHtmlAssertions.read(runFolder) : Optional.empty();
    }

    /** Deletes what was not moved into the result. */
    void discard() {
      AtomicFiles.deleteTree(stage);
    }
  }

  /** Stages the merged run of {@code runFolders} in {@code store}, named after {@code runId}. */
  static Staged stage(
      ResultStore store, List<Path> runFolders, String runId, GatlingHtmlReport html) {
    Path stage = store.stagingFolder("gatling");
    boolean done = false;
    try {
      Path gatlingDir = stage.resolve(GATLING_DIR);
      String name = runId.replaceAll("[^A-Za-z0-9._-]", "_");
      Path runFolder = gatlingDir.resolve(name);
      Files.createDirectories(runFolder);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put(
          "run_folders",
          runFolders.stream()
              .map(f -> f.toAbsolutePath().normalize().getFileName().toString())
              .toList());
      String logPath = GATLING_DIR + "/" + name + "/" + SimulationLogReader.LOG_FILE_NAME;
      Optional<String> index = Optional.empty();
      String note;
      try {
        LogMerger.merge(runFolders, runFolder.resolve(SimulationLogReader.LOG_FILE_NAME));
        extra.put("merged_log", logPath);
        GatlingHtmlReport.Result r = html.render(gatlingDir, name);
        note = r.note();
        if (r.index().isPresent()) {
          index = Optional.of(GATLING_DIR + "/" + name + "/" + r.index().get().getFileName());
        }
      } catch (IllegalArgumentException | SimulationLogException e) {
        if (html.mode() == GatlingHtmlReport.Mode.ON) {
          throw e;
        }
        note = "not generated: the logs could not be merged into one: " + e.getMessage();
      }
      extra.put("gatling_html", index.<Object>map(i -> i).orElse(note));
      done = true;
      return new Staged(stage, gatlingDir, runFolder, index, note, extra);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot stage the merged run under " + stage + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        AtomicFiles.deleteTree(stage);
      }
    }
  }
}
