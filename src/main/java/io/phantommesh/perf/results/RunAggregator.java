package io.phantommesh.perf.results;

import io.phantommesh.perf.results.SimulationLogException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one or more {@code simulation.log} files into exact {@link RunStatistics}. Several logs are
 * the injectors of one distributed run: each record is placed on the wall clock with its own log's
 * start ({@code start + offset}), so the figures and the timeline line up across injectors.
 *
 * <p>What is counted, and how:
 *
 * <ul>
 *   <li>Requests: response time {@code end - start} over OK and KO alike, globally (name {@code
 *       "all"}) and per request name with its group path. Groups: Gatling's cumulated response time
 *       (its default), per group path. Latencies are exact to the millisecond up to 262,143 ms, see
 *       {@code LatencyRecorder}.
 *   <li>Errors: the message of every KO response that has one (blank ones are left out, as Gatling
 *       does) and of every Error record (requests that could not be built), counted by exact
 *       message, most frequent first, ties in message order.
 *   <li>The measured window: a log whose first users belong to warm-up scenarios ({@link
 *       WarmUpWindow#isWarmUpScenario}) is measured from the start of its first user of a measured
 *       scenario; any other log from its run start. The window of several logs starts at the
 *       earliest of theirs. Warm-up users never count, and records logged before a log's measured
 *       start are left out (counted in {@link WarmUpWindow#recordsLeftOut()}).
 *   <li>Timeline: per wall-clock second from the measured start to the latest record, requests by
 *       start, responses and KO by end, measured users alive at any instant of the second, exact
 *       P99 of the responses ending in it.
 *   <li>{@code peakRps}: the most responses in one second, leaving out the first and last (partial)
 *       seconds when the timeline has more than two; {@code avgRps}: responses over the measured
 *       window's duration in seconds (0 for a window of no duration).
 * </ul>
 *
 * <p>Memory grows with the distinct request and group names (about 1 MiB each) and the run's
 * duration in seconds (at most about 4 KiB each), never with the number of records. Mutable, not
 * thread-safe: add logs, then call {@link #result()}.
 *
 * <p>Longer than the house's 350 lines: one pass over the records places, counts and windows each
 * one (the warm-up phase included), and splitting the visitor from the state it fills would only
 * hand that state around.
 */
public final class RunAggregator {

  /**
   * How to treat imperfect input.
   *
   * @param allowPartial when true, a log that is truncated after its Run record contributes the
   *     records before the cut and the result is flagged {@link RunStatistics#partial()}; when
   *     false (the default) it fails with {@link Problem#TRUNCATED}
   */
  public record Options(boolean allowPartial) {

    /** Every log must be complete. */
    public static final Options STRICT = new Options(false);

    /** Truncated logs give partial figures instead of failing. */
    public static final Options ALLOW_PARTIAL = new Options(true);
  }

  private static final String GLOBAL_NAME = "all";

  private final Options options;
  private final List<RunInfo> runs = new ArrayList<>();
  private final List<String> partialReasons = new ArrayList<>();
  private final LatencyRecorder global = new LatencyRecorder();
  private final Map<List<String>, Map<String, Named>> requestsByPath = new HashMap<>();
  private final List<Named> requests = new ArrayList<>();
  private final Map<List<String>, Named> groupsByPath = new LinkedHashMap<>();
  private final Map<String, long[]> errors = new HashMap<>();
  private final Timeline timeline = new Timeline();
  private long minStart = Long.MAX_VALUE;
  private long minMeasuredStart = Long.MAX_VALUE;
  private long maxEnd = Long.MIN_VALUE;
  private long warmUpUsers;
  private long warmUpStart = Long.MAX_VALUE;
  private long warmUpRecordsLeftOut;

  /** Strict aggregation. */
  public RunAggregator() {
    this(Options.STRICT);
  }

  public RunAggregator(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Aggregates the runs of one distributed test, strictly.
   *
   * @param runFolders Gatling run folders (or their {@code simulation.log} files), at least one
   * @throws SimulationLogException for the first folder or log that cannot be read
   */
  public static RunStatistics aggregate(List<Path> runFolders) {
    return aggregate(runFolders, Options.STRICT);
  }

  /**
   * Aggregates the runs of one distributed test. Every log's Run record is checked before any
   * record is read, so a wrong version or a missing log fails fast; then the logs are read in order
   * of their start.
   *
   * @param runFolders Gatling run folders (or their {@code simulation.log} files), at least one
   * @throws SimulationLogException for the first folder or log that cannot be read
   * @throws IllegalArgumentException when the list is empty or names one log twice
   */
  public static RunStatistics aggregate(List<Path> runFolders, Options options) {
    if (runFolders.isEmpty()) {
      throw new IllegalArgumentException("no run folder given");
    }
    List<Path> logs = RunFolders.locateLogs(runFolders);
    List<Long> starts = new ArrayList<>();
    for (Path log : logs) {
      starts.add(SimulationLogReader.readRunInfo(log).startEpochMillis());
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(starts::get));
    RunAggregator aggregator = new RunAggregator(options);
    for (int i : order) {
      aggregator.add(logs.get(i));
    }
    return aggregator.result();
  }

  /**
   * Reads a whole log into the figures.
   *
   * @param folderOrLog a Gatling run folder or its {@code simulation.log}
   */
  public void add(Path folderOrLog) {
    try (SimulationLogReader reader = SimulationLogReader.open(folderOrLog)) {
      add(reader);
    }
  }

  /** Reads the rest of a log into the figures; the caller closes the reader. */
  public void add(SimulationLogReader reader) {
    RunInfo run = reader.run();
    LogVisitor visitor = new LogVisitor(run.startEpochMillis());
    try {
      reader.readAll(visitor);
    } catch (SimulationLogException e) {
      if (!(options.allowPartial() && e.problem() == Problem.TRUNCATED)) {
        throw e;
      }
      partialReasons.add(e.getMessage() + " Figures cover the complete records before the cut.");
    }
    visitor.finish();
  }

  /**
   * A visitor that adds the records of one log as the caller decodes them, for a reader it drives
   * itself (the live monitor tails a log that Gatling is still writing). Call {@link #result()}
   * between records for the figures so far: they are what {@link #add(Path)} would give for the
   * records visited. The caller must visit {@code run} first ({@link LogRecordVisitor#onRun}).
   */
  public LogRecordVisitor visitorOf(RunInfo run) {
    return new LogVisitor(run.startEpochMillis());
  }

  /** The figures of every log added so far. */
  public RunStatistics result() {
    if (runs.isEmpty()) {
      throw new IllegalStateException("add a log first");
    }
    // A log read while it is written (the live monitor) may not show its measured start yet:
    // no measured user so far. Its figures are then empty, from the run's start.
    boolean measuredStartKnown = minMeasuredStart != Long.MAX_VALUE;
    long start = measuredStartKnown ? minMeasuredStart : minStart;
    long end = Math.max(maxEnd, start);
    List<TimelineSecond> seconds = List.of();
    if (measuredStartKnown) {
      timeline.cover(start);
      timeline.cover(end);
      seconds = timeline.seconds();
    }
    double durationSeconds = (end - start) / 1000.0;
    return new RunStatistics(
        runs.stream().sorted(Comparator.comparingLong(RunInfo::startEpochMillis)).toList(),
        start,
        end,
        global.toStats(GLOBAL_NAME, List.of()),
        requests.stream().map(n -> n.recorder.toStats(n.name, n.path)).toList(),
        groupsByPath.values().stream().map(n -> n.recorder.toStats(n.name, n.path)).toList(),
        errors.entrySet().stream()
            .map(e -> new ErrorCount(e.getKey(), e.getValue()[0]))
            .sorted(
                Comparator.comparingLong(ErrorCount::count)
                    .reversed()
                    .thenComparing(ErrorCount::message))
            .toList(),
        seconds,
        peakRps(seconds),
        durationSeconds > 0 ? global.count() / durationSeconds : 0.0,
        !partialReasons.isEmpty(),
        String.join(" ", partialReasons),
        minStart,
        warmUpUsers == 0
            ? new WarmUpWindow(0, minStart, start, warmUpRecordsLeftOut)
            : new WarmUpWindow(warmUpUsers, warmUpStart, start, warmUpRecordsLeftOut),
        global.distribution());
  }

  private static long peakRps(List<TimelineSecond> seconds) {
    // The first and last seconds are partial (the run starts and ends inside them).
    List<TimelineSecond> whole =
        seconds.size() > 2 ? seconds.subList(1, seconds.size() - 1) : seconds;
    return whole.stream().mapToLong(TimelineSecond::responses).max().orElse(0);
  }

  private void countError(String message) {
    long[] count = errors.get(message);
    if (count == null) {
      errors.put(message, new long[] {1});
    } else {
      count[0]++;
    }
  }

  private void seen(long epochMillis) {
    if (epochMillis > maxEnd) {
      maxEnd = epochMillis;
    }
  }

  /** A request or group name with its path and figures. */
  private static final class Named {
    final String name;
    final List<String> path;
    final LatencyRecorder recorder = new LatencyRecorder();

    Named(String name, List<String> path) {
      this.name = name;
      this.path = path;
    }
  }

  /** Where a log's reading stands with respect to its silent warm-up. */
  private enum Phase {
    /** No user seen yet. */
    UNKNOWN,
    /** Warm-up users seen, no measured one yet: records are left out. */
    WARM_UP,
    /** A measured user has started. */
    MEASURED
  }

  /** Adds the records of one log, placed on the wall clock with that log's start. */
  private final class LogVisitor implements LogRecordVisitor {
    private static final int RECENT_SLOTS = 64;
    private final String[] recentNames = new String[RECENT_SLOTS];
    private final Object[] recentPaths = new Object[RECENT_SLOTS];
    private final Named[] recent = new Named[RECENT_SLOTS];
    private final long runStart;
    private List<String> lastPath;
    private Map<String, Named> lastPathRequests;
    private Phase phase = Phase.UNKNOWN;
    private long lastWarmUpEvent;

    LogVisitor(long runStart) {
      this.runStart = runStart;
    }

    /** Settles the log's measured start once all its records are read. */
    void finish() {
      switch (phase) {
        case UNKNOWN -> measuredFrom(runStart);
        // stopped during the warm-up: an empty window after it
        case WARM_UP -> measuredFrom(lastWarmUpEvent);
        case MEASURED -> {}
      }
    }

    private void measuredFrom(long epochMillis) {
      minMeasuredStart = Math.min(minMeasuredStart, epochMillis);
    }

    @Override
    public void onRun(RunInfo run) {
      runs.add(run);
      minStart = Math.min(minStart, run.startEpochMillis());
    }

    @Override
    public void onUser(
        int scenarioIndex, String scenario, boolean isStart, int timestampOffsetMillis) {
      long at = runStart + timestampOffsetMillis;
      if (WarmUpWindow.isWarmUpScenario(scenario)) {
        if (phase == Phase.UNKNOWN) {
          phase = Phase.WARM_UP;
        }
        if (isStart) {
          warmUpUsers++;
          warmUpStart = Math.min(warmUpStart, at);
        }
        lastWarmUpEvent = Math.max(lastWarmUpEvent, at);
        return;
      }
      if (phase != Phase.MEASURED) {
        measuredFrom(phase == Phase.WARM_UP ? at : runStart);
        phase = Phase.MEASURED;
      }
      if (isStart) {
        timeline.userStarted(at);
      } else {
        timeline.userEnded(at);
      }
      seen(at);
    }

    @Override
    public void onRequest(
        List<String> groupPath,
        String name,
        int startOffsetMillis,
        int endOffsetMillis,
        boolean isOk,
        String message) {
      if (phase == Phase.WARM_UP) {
        warmUpRecordsLeftOut++;
        return;
      }
      long start = runStart + startOffsetMillis;
      long end = runStart + endOffsetMillis;
      long responseTime = (long) endOffsetMillis - startOffsetMillis;
      global.record(responseTime, isOk);
      request(groupPath, name).recorder.record(responseTime, isOk);
      timeline.requestStarted(start);
      timeline.responseEnded(end, responseTime, isOk);
      if (!isOk && !message.isBlank()) {
        countError(message);
      }
      seen(end);
    }

    @Override
    public void onGroup(
        List<String> groupPath,
        int startOffsetMillis,
        int endOffsetMillis,
        int cumulatedResponseTimeMillis,
        boolean isOk) {
      if (phase == Phase.WARM_UP) {
        warmUpRecordsLeftOut++;
        return;
      }
      Named group = groupsByPath.get(groupPath);
      if (group == null) {
        List<String> path = List.copyOf(groupPath);
        group = new Named(path.get(path.size() - 1), path.subList(0, path.size() - 1));
        groupsByPath.put(path, group);
      }
      group.recorder.record(cumulatedResponseTimeMillis, isOk);
      seen(runStart + endOffsetMillis);
    }

    @Override
    public void onError(String message, int timestampOffsetMillis) {
      if (phase == Phase.WARM_UP) {
        warmUpRecordsLeftOut++;
        return;
      }
      countError(message);
      seen(runStart + timestampOffsetMillis);
    }

    private Named request(List<String> groupPath, String name) {
      // The reader hands out one String instance per distinct name and one List instance per
      // distinct path, so a small cache keyed on those instances answers most records without
      // hashing the path's strings.
      int h = System.identityHashCode(name) * 31 + System.identityHashCode(groupPath);
      int slot = (h ^ (h >>> 16)) & (RECENT_SLOTS - 1);
      if (recentNames[slot] == name && recentPaths[slot] == groupPath) {
        return recent[slot];
      }
      Named request = lookUp(groupPath, name);
      recentNames[slot] = name;
      recentPaths[slot] = groupPath;
      recent[slot] = request;
      return request;
    }

    private Named lookUp(List<String> groupPath, String name) {
      Map<String, Named> byName;
      if (groupPath == lastPath) {
        byName = lastPathRequests;
      } else {
        byName = requestsByPath.get(groupPath);
        if (byName == null) {
          byName = new HashMap<>();
          requestsByPath.put(List.copyOf(groupPath), byName);
        }
        lastPath = groupPath;
        lastPathRequests = byName;
      }
      Named request = byName.get(name);
      if (request == null) {
        request = new Named(name, List.copyOf(groupPath));
        byName.put(name, request);
        requests.add(request);
      }
      return request;
    }
  }
}
