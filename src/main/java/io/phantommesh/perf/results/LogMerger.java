package io.phantommesh.perf.results;

import io.phantommesh.perf.files.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Rewrites the logs of several injectors of one run into a single valid {@code simulation.log},
 * stamped with the Gatling version of the earliest log, which that Gatling's own {@code
 * reportsOnly} renders as one run (the layout is the same for every version of {@link
 * SimulationLogReader#SUPPORTED_GATLING_VERSIONS}).
 *
 * <p>The merged log starts at the earliest run start; every time is rebased on it. Scenarios are
 * the union of all logs' scenarios by name (earliest log's first, in declaration order) and User
 * records are re-indexed; the string cache is rebuilt; the run description and the pickled
 * assertions are the earliest log's. Records are interleaved in time order (a k-way merge on each
 * record's write time: a Request's or Group's end, a User's or Error's timestamp, keeping each
 * log's own order), because Gatling's reader counts concurrent users assuming User records move
 * forward in time. Memory holds one pending record per log plus the string caches.
 *
 * <p>The output is written to a temporary file beside it and moved into place at the end, so a
 * failed merge leaves no half-written log. Stateless.
 */
public final class LogMerger {

  private LogMerger() {}

  /**
   * Merges the logs of one run's injectors.
   *
   * @param logs run folders or {@code simulation.log} files, at least one, all of the same
   *     simulation class
   * @param outputLog the merged log to create or replace; its folder must exist
   * @return the Run record of the merged log
   * @throws SimulationLogException when an input cannot be read (nothing is written then)
   * @throws IllegalArgumentException when a log is given twice, the logs are of different
   *     simulations, or they start more than 2^31 ms apart
   */
  public static RunInfo merge(List<Path> logs, Path outputLog) {
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("no log to merge");
    }
    List<Source> sources = new ArrayList<>();
    try {
      for (Path log : RunFolders.locateLogs(logs)) {
        SimulationLogReader reader = SimulationLogReader.open(log);
        sources.add(new Source(reader, sources.size()));
        reader.run();
      }
      return mergeOpened(sources, outputLog);
    } finally {
      for (Source source : sources) {
        source.reader.close();
      }
    }
  }

  private static RunInfo mergeOpened(List<Source> sources, Path outputLog) {
    List<Source> byStart = new ArrayList<>(sources);
    byStart.sort(Comparator.comparingLong((Source s) -> s.run().startEpochMillis()));
    Source first = byStart.get(0);
    long base = first.run().startEpochMillis();
    Map<String, Integer> scenarios = new LinkedHashMap<>();
    for (Source source : byStart) {
      if (!source.run().simulationClass().equals(first.run().simulationClass())) {
        throw new IllegalArgumentException(
            "cannot merge logs of different simulations: "
                + first.reader.sourceName()
                + " is "
                + first.run().simulationClass()
                + ", "
                + source.reader.sourceName()
                + " is "
                + source.run().simulationClass());
      }
      source.shiftMillis = source.run().startEpochMillis() - base;
      if (source.shiftMillis > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            source.reader.sourceName()
                + " starts "
                + source.shiftMillis
                + " ms after "
                + first.reader.sourceName()
                + ", more than a log's int offsets can span");
      }
      List<String> names = source.run().scenarios();
      source.scenarioIndex = new int[names.size()];
      for (int i = 0; i < names.size(); i++) {
        source.scenarioIndex[i] = scenarios.computeIfAbsent(names.get(i), n -> scenarios.size());
      }
    }
    RunInfo merged =
        new RunInfo(
            first.run().gatlingVersion(),
            first.run().simulationClass(),
            base,
            first.run().runDescription(),
            List.copyOf(scenarios.keySet()),
            first.run().assertionCount());

    AtomicFiles.replace(
        outputLog,
        out -> {
          try (SimulationLogWriter writer =
              SimulationLogWriter.of(
                  out, outputLog.toString(), merged, first.reader.pickledAssertions())) {
            PriorityQueue<Source> queue =
                new PriorityQueue<>(
                    Comparator.comparingLong((Source s) -> s.pending.timeMillis + s.shiftMillis)
                        .thenComparingInt(s -> s.order));
            for (Source source : sources) {
              if (source.advance()) {
                queue.add(source);
              }
            }
            while (!queue.isEmpty()) {
              Source source = queue.poll();
              source.pending.writeTo(writer, source);
              if (source.advance()) {
                queue.add(source);
              }
            }
          }
        });
    return merged;
  }

  /** One input log: its reader, its place on the merged clock and its next record. */
  private static final class Source {
    final SimulationLogReader reader;
    final int order;
    final PendingRecord pending = new PendingRecord();
    long shiftMillis;
    int[] scenarioIndex;

    Source(SimulationLogReader reader, int order) {
      this.reader = reader;
      this.order = order;
    }

    RunInfo run() {
      return reader.run();
    }

    boolean advance() {
      return reader.next(pending);
    }

    int rebase(int offsetMillis) {
      long rebased = offsetMillis + shiftMillis;
      if (rebased > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            reader.sourceName()
                + ": a record at "
                + offsetMillis
                + " ms lies more than 2^31 ms"
                + " after the merged run start");
      }
      return (int) rebased;
    }
  }

  /** The last record a reader visited, kept until it is its turn to be written. */
  private static final class PendingRecord implements LogRecordVisitor {
    private static final int USER = 0;
    private static final int REQUEST = 1;
    private static final int GROUP = 2;
    private static final int ERROR = 3;

    int kind;
    long timeMillis;
    List<String> groupPath;
    String text;
    String message;
    int start;
    int end;
    int cumulated;
    int scenario;
    boolean flag;

    @Override
    public void onUser(int scenarioIndex, String scenarioName, boolean isStart, int timestamp) {
      kind = USER;
      scenario = scenarioIndex;
      flag = isStart;
      start = timestamp;
      timeMillis = timestamp;
    }

    @Override
    public void onRequest(
        List<String> path, String name, int startOffset, int endOffset, boolean isOk, String msg) {
      kind = REQUEST;
      groupPath = path;
      text = name;
      start = startOffset;
      end = endOffset;
      flag = isOk;
      message = msg;
      timeMillis = endOffset;
    }

    @Override
    public void onGroup(
        List<String> path, int startOffset, int endOffset, int cumulatedMillis, boolean isOk) {
      kind = GROUP;
      groupPath = path;
      start = startOffset;
      end = endOffset;
      cumulated = cumulatedMillis;
      flag = isOk;
      timeMillis = endOffset;
    }

    @Override
    public void onError(String msg, int timestamp) {
      kind = ERROR;
      message = msg;
      start = timestamp;
      timeMillis = timestamp;
    }

    void writeTo(SimulationLogWriter writer, Source source) {
      switch (kind) {
        case USER -> writer.writeUser(source.scenarioIndex[scenario], flag, source.rebase(start));
        case REQUEST ->
            writer.writeRequest(
                groupPath, text, source.rebase(start), source.rebase(end), flag, message);
        case GROUP ->
            writer.writeGroup(groupPath, source.rebase(start), source.rebase(end), cumulated, flag);
        case ERROR -> writer.writeError(message, source.rebase(start));
        default -> throw new IllegalStateException("unknown record kind " + kind);
      }
    }
  }
}
