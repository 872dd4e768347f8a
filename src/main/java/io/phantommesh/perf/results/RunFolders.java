package io.phantommesh.perf.results;

import io.phantommesh.perf.results.SimulationLogException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the {@code simulation.log} of a Gatling run folder and explains, in the exception message,
 * why there is none. Stateless.
 */
final class RunFolders {

  private static final int LISTED_ENTRIES = 5;

  private RunFolders() {}

  /**
   * Returns the log of a run: {@code folderOrLog/simulation.log} for a folder, the path itself for
   * a regular file.
   *
   * @throws SimulationLogException MISSING when there is no such folder or no log in it, EMPTY when
   *     the folder or the log holds nothing, IO when the folder cannot be listed
   */
  static Path locateLog(Path folderOrLog) {
    if (Files.isRegularFile(folderOrLog)) {
      return requireNonEmpty(folderOrLog);
    }
    if (!Files.exists(folderOrLog)) {
      throw new SimulationLogException(
          Problem.MISSING,
          folderOrLog.toString(),
          SimulationLogException.NO_OFFSET,
          "Run folder "
              + folderOrLog
              + " does not exist. Pass the folder Gatling created for the run (e.g."
              + " target/gatling/<simulation>-<timestamp>), which holds simulation.log.",
          null);
    }
    Path log = folderOrLog.resolve(SimulationLogReader.LOG_FILE_NAME);
    if (Files.isRegularFile(log)) {
      return requireNonEmpty(log);
    }
    List<Path> entries = list(folderOrLog);
    if (entries.isEmpty()) {
      throw new SimulationLogException(
          Problem.EMPTY,
          folderOrLog.toString(),
          SimulationLogException.NO_OFFSET,
          "Run folder "
              + folderOrLog
              + " is empty: there is no simulation.log to read. Gatling writes it as soon as a"
              + " run starts, so this run never started or its files were not copied.",
          null);
    }
    List<String> runsInside =
        entries.stream()
            .filter(e -> Files.isRegularFile(e.resolve(SimulationLogReader.LOG_FILE_NAME)))
            .map(e -> e.getFileName().toString())
            .sorted()
            .collect(Collectors.toList());
    String hint =
        runsInside.isEmpty()
            ? " It contains " + describe(entries) + "."
            : " It looks like a results root: its sub-folders "
                + String.join(
                    ", ", runsInside.subList(0, Math.min(LISTED_ENTRIES, runsInside.size())))
                + (runsInside.size() > LISTED_ENTRIES ? ", …" : "")
                + " hold simulation.log files. Pass one of those run folders instead.";
    throw new SimulationLogException(
        Problem.MISSING,
        log.toString(),
        SimulationLogException.NO_OFFSET,
        "Run folder " + folderOrLog + " has no " + SimulationLogReader.LOG_FILE_NAME + "." + hint,
        null);
  }

  /**
   * Locates the log of each run, in order, and refuses the same log given twice (a doubled glob
   * would otherwise count every request twice).
   *
   * @throws IllegalArgumentException when two paths lead to the same log
   */
  static List<Path> locateLogs(List<Path> foldersOrLogs) {
    List<Path> logs = new ArrayList<>();
    Map<Path, Path> seen = new HashMap<>();
    for (Path folderOrLog : foldersOrLogs) {
      Path log = locateLog(folderOrLog);
      Path real;
      try {
        real = log.toRealPath();
      } catch (IOException e) {
        throw new SimulationLogException(
            Problem.IO,
            log.toString(),
            SimulationLogException.NO_OFFSET,
            "Could not resolve " + log + ": " + e,
            e);
      }
      Path earlier = seen.putIfAbsent(real, folderOrLog);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "the same log was given twice: "
                + earlier
                + " and "
                + folderOrLog
                + " are both "
                + real);
      }
      logs.add(log);
    }
    return logs;
  }

  private static Path requireNonEmpty(Path log) {
    long size;
    try {
      size = Files.size(log);
    } catch (IOException e) {
      throw new SimulationLogException(
          Problem.IO,
          log.toString(),
          SimulationLogException.NO_OFFSET,
          "Could not read the size of " + log + ": " + e,
          e);
    }
    if (size == 0) {
      throw new SimulationLogException(
          Problem.EMPTY,
          log.toString(),
          0,
          log
              + " is empty (0 bytes): Gatling created it but wrote no record, not even the Run"
              + " header. The run crashed before it started, or the file was copied while empty.",
          null);
    }
    return log;
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new SimulationLogException(
          Problem.IO,
          folder.toString(),
          SimulationLogException.NO_OFFSET,
          "Could not list run folder " + folder + ": " + e,
          e);
    }
  }

  private static String describe(List<Path> entries) {
    String names =
        entries.stream()
            .limit(LISTED_ENTRIES)
            .map(e -> e.getFileName() + (Files.isDirectory(e) ? "/" : ""))
            .collect(Collectors.joining(", "));
    return names + (entries.size() > LISTED_ENTRIES ? ", …" : "");
  }
}
