package io.phantommesh.perf.run;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.files.AtomicFiles;
import io.phantommesh.perf.files.AtomicFiles.Content;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.SimulationLogException;
import io.phantommesh.perf.results.SimulationLogReader;
import io.phantommesh.perf.run.live.LiveStop;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Post-processing at the end of {@code mvn gatling:test}, so the user needs no second command.
 *
 * <p>Called from a simulation's {@code after()} hook, when Gatling has closed {@code
 * simulation.log} but not yet written its HTML report: it finds the run folder, leaves the {@link
 * RunSidecar} there, and registers a JVM shutdown hook that runs the {@link PostProcessor} once
 * Gatling is done (HTML report and its own assertion outcomes included), so the verdict table is
 * the last thing on the console. A failure to post-process is printed, never thrown: the load run
 * itself is over and its log is safe.
 */
public final class AfterRun {
  private AfterRun() {}

  /**
   * What the simulation knows of its run.
   *
   * @param simulationClass the simulation's class name, as in simulation.log
   * @param notBeforeEpochMillis when the simulation was constructed: its run started later
   * @param extraFiles files to leave beside simulation.log and then in the result folder
   */
  public record Run(
      String simulationClass,
      long notBeforeEpochMillis,
      RunSidecar sidecar,
      List<Path> extraFiles) {}

  /** Leaves the sidecar in the run folder and schedules the post-processor at JVM exit. */
  public static void schedule(Run run, PerfSettings settings, PrintStream console) {
    leave(run, settings, console).ifPresent(folder -> postProcessAtExit(folder, settings, console));
  }

  private static void postProcessAtExit(
      Path runFolder, PerfSettings settings, PrintStream console) {
    Runnable postProcess =
        () -> {
          if (report(runFolder, settings, console)) {
            // A run the live monitor stopped is CRITICAL whatever Gatling's own assertions said:
            // the JVM exits with the CRITICAL code once every file is written.
            console.flush();
            Runtime.getRuntime().halt(LiveStop.EXIT_CODE);
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(postProcess, "phantom-post-processor"));
  }

  /**
   * Leaves the sidecar (and the extra files) in the run folder, without post-processing: what an
   * injector of a distributed run does ({@code phantom.report.enabled = false}), so that the merge
   * reads every injector's facts (a stop rule that fired, injector health, warm-up).
   *
   * @return the run folder, or empty (said on the console) when it was not found
   */
  public static Optional<Path> leave(Run run, PerfSettings settings, PrintStream console) {
    Optional<Path> folder;
    try {
      folder = locate(resultsFolder(settings), run.simulationClass(), run.notBeforeEpochMillis());
    } catch (UncheckedIOException e) {
      console.println("phantom-mesh-perf: no result written: " + e.getMessage());
      return Optional.empty();
    }
    if (folder.isEmpty()) {
      console.println(
          "phantom-mesh-perf: no result written: no run folder of "
              + run.simulationClass()
              + " under "
              + resultsFolder(settings)
              + " (run `java -jar target/phantom-mesh-perf.jar report <run-folder>` by hand)");
      return Optional.empty();
    }
    Path runFolder = folder.get();
    List<String> names = new ArrayList<>(run.sidecar().files());
    try {
      for (Path f : run.extraFiles()) {
        AtomicFiles.replace(runFolder.resolve(f.getFileName()), Content.copyOf(f));
        names.add(f.getFileName().toString());
      }
      run.sidecar().withFiles(names).write(runFolder);
    } catch (UncheckedIOException e) {
      console.println(
          "phantom-mesh-perf: could not leave run metadata in "
              + runFolder
              + ": "
              + e.getMessage());
    }
    return Optional.of(runFolder);
  }

  /**
   * The folder Gatling writes this JVM's run folders to: what the live monitor looks in for the log
   * of the run in progress.
   */
  public static Path resultsFolderOf(PerfSettings settings) {
    return resultsFolder(settings);
  }

  /** Post-processes a run; true when its result says a stop rule ended it early. */
  static boolean report(Path runFolder, PerfSettings settings, PrintStream console) {
    boolean stopped = false;
    try {
      PostProcessor.Outcome outcome =
          new PostProcessor(settings, ModelAnalyses.all())
              .process(
                  List.of(runFolder), PostProcessor.Options.into(settings.report().outputDir()));
      console.println();
      console.println(outcome.consoleSummary());
      stopped = outcome.document().stoppedEarly() != null;
    } catch (SimulationLogException e) {
      console.println("phantom-mesh-perf: no result written: " + e.getMessage());
    } catch (RuntimeException e) {
      console.println("phantom-mesh-perf: post-processing failed: " + e);
    }
    console.flush();
    return stopped;
  }

  /**
   * Gatling's results folder: the {@code -rf}/{@code --results-folder} argument the Maven plugin
   * gave this JVM, else {@code phantom.report.gatling-results-dir}.
   */
  static Path resultsFolder(PerfSettings settings) {
    // The java launcher records "<main class> <args…>" here; the plugin's paths have no spaces
    // in the common case, and the setting remains the fallback.
    String command = System.getProperty("sun.java.command", "");
    return resultsFolderArgument(List.of(command.split("\\s+")))
        .or(
            () ->
                ProcessHandle.current()
                    .info()
                    .arguments()
                    .map(List::of)
                    .flatMap(AfterRun::resultsFolderArgument))
        .orElse(settings.report().gatlingResultsDir());
  }

  static Optional<Path> resultsFolderArgument(List<String> args) {
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals("-rf") || args.get(i).equals("--results-folder")) {
        return Optional.of(Path.of(args.get(i + 1)));
      }
    }
    return Optional.empty();
  }

  /** The newest run folder of {@code simulationClass} that started at or after the instant. */
  static Optional<Path> locate(
      Path resultsFolder, String simulationClass, long notBeforeEpochMillis) {
    if (!Files.isDirectory(resultsFolder)) {
      return Optional.empty();
    }
    try (Stream<Path> folders = Files.list(resultsFolder)) {
      Path best = null;
      long bestStart = Long.MIN_VALUE;
      for (Path f : folders.filter(Files::isDirectory).toList()) {
        if (!Files.isRegularFile(f.resolve(SimulationLogReader.LOG_FILE_NAME))) {
          continue;
        }
        RunInfo info;
        try {
          info = SimulationLogReader.readRunInfo(f);
        } catch (SimulationLogException e) {
          continue; // another run's folder, or a foreign one: not ours
        }
        if (info.simulationClass().equals(simulationClass)
            && info.startEpochMillis() >= notBeforeEpochMillis
            && info.startEpochMillis() > bestStart) {
          best = f;
          bestStart = info.startEpochMillis();
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + resultsFolder, e);
    }
  }
}
