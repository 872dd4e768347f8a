package io.phantommesh.perf.run;

import io.phantommesh.perf.results.GatlingHtmlAssertions;
import io.phantommesh.perf.results.RunAggregator;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.soak.SoakCsv;
import io.phantommesh.perf.soak.SoakRun;
import io.phantommesh.perf.soak.SoakSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Everything the report pipeline reads from Gatling run folders, read once, up front: the decoded
 * figures, each folder's run facts, Gatling's own assertion outcomes and the soak's samples. With
 * these in hand, {@link ReportPipeline} is a pure function.
 *
 * <p>Immutable.
 *
 * @param runFolders Gatling run folders, one per injector, as given
 * @param statistics the figures of all their logs, merged on the wall clock
 * @param sidecars their run facts, where present, in folder order
 * @param gatlingAssertions Gatling's pass/fail per assertion from its HTML report, for one folder
 * @param soak the soak's samples, for a run that left them
 * @param perFolder each folder's figures alone, in folder order, when there are several (a merged
 *     run's per-injector breakdown); empty for one folder
 */
public record RunInputs(
    List<Path> runFolders,
    RunStatistics statistics,
    List<RunSidecar> sidecars,
    Optional<List<GatlingHtmlAssertions.Outcome>> gatlingAssertions,
    Optional<SoakSamples> soak,
    List<RunStatistics> perFolder) {

  public RunInputs {
    runFolders = List.copyOf(runFolders);
    sidecars = List.copyOf(sidecars);
    perFolder = List.copyOf(perFolder);
  }

  /** Inputs without a per-folder breakdown. */
  public RunInputs(
      List<Path> runFolders,
      RunStatistics statistics,
      List<RunSidecar> sidecars,
      Optional<List<GatlingHtmlAssertions.Outcome>> gatlingAssertions,
      Optional<SoakSamples> soak) {
    this(runFolders, statistics, sidecars, gatlingAssertions, soak, List.of());
  }

  /**
   * The samples a soak left in its run folder.
   *
   * @param csv the file, copied beside the result
   * @param folder the run folder holding it
   */
  public record SoakSamples(Path csv, Path folder, List<SoakSample> samples) {
    public SoakSamples {
      samples = List.copyOf(samples);
    }
  }

  /**
   * Reads the run folders.
   *
   * @param allowPartial report the complete records of a truncated log, marked partial
   * @throws io.phantommesh.perf.results.SimulationLogException for a missing, empty, truncated,
   *     foreign or unreadable run folder
   */
  public static RunInputs read(List<Path> runFolders, boolean allowPartial) {
    return complete(runFolders, Decoded.of(runFolders, allowPartial));
  }

  /**
   * Starts decoding the run folders' logs on a thread of its own, so that the caller can do other
   * work meanwhile (the {@code report} command reads its settings): the decoding is most of a
   * report's time, and a second core is otherwise idle then. {@link Pending#get()} waits for it and
   * reads the rest (run facts, Gatling's assertions, soak samples) on the caller's thread.
   *
   * @param allowPartial report the complete records of a truncated log, marked partial
   */
  public static Pending start(List<Path> runFolders, boolean allowPartial) {
    List<Path> folders = List.copyOf(runFolders);
    FutureTask<Decoded> task = new FutureTask<>(() -> Decoded.of(folders, allowPartial));
    Thread thread = new Thread(task, "report-decode");
    thread.setDaemon(true);
    thread.start();
    return new Pending(folders, task);
  }

  /** Run folders whose logs are being decoded ({@link #start}). Not thread-safe. */
  public static final class Pending {
    private final List<Path> runFolders;
    private final FutureTask<Decoded> task;

    private Pending(List<Path> runFolders, FutureTask<Decoded> task) {
      this.runFolders = runFolders;
      this.task = task;
    }

    /**
     * Waits for the decoding and reads the rest of the folders.
     *
     * @throws io.phantommesh.perf.results.SimulationLogException as {@link RunInputs#read} does:
     *     the decoding's own failure, unwrapped
     */
    public RunInputs get() {
      Decoded decoded;
      try {
        decoded = task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while decoding " + runFolders, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
      return complete(runFolders, decoded);
    }
  }

  /** The figures of the logs: of all merged, and of each alone when there are several. */
  private record Decoded(RunStatistics statistics, List<RunStatistics> perFolder) {

    static Decoded of(List<Path> runFolders, boolean allowPartial) {
      if (runFolders.isEmpty()) {
        throw new IllegalArgumentException("no run folder given");
      }
      RunAggregator.Options options =
          allowPartial ? RunAggregator.Options.ALLOW_PARTIAL : RunAggregator.Options.STRICT;
      RunStatistics stats = RunAggregator.aggregate(runFolders, options);
      // A merged run's breakdown decodes each log once more, alone (the partial rule as above).
      List<RunStatistics> perFolder = new ArrayList<>();
      if (runFolders.size() > 1) {
        for (Path folder : runFolders) {
          perFolder.add(RunAggregator.aggregate(List.of(folder), options));
        }
      }
      return new Decoded(stats, perFolder);
    }
  }

  /** The decoded figures with the folders' other files. */
  private static RunInputs complete(List<Path> runFolders, Decoded decoded) {
    List<RunSidecar> sidecars = new ArrayList<>();
    for (Path folder : runFolders) {
      RunSidecar.read(folder).ifPresent(sidecars::add);
    }
    Optional<List<GatlingHtmlAssertions.Outcome>> gatling =
        runFolders.size() == 1 ? GatlingHtmlAssertions.read(runFolders.get(0)) : Optional.empty();
    Optional<SoakSamples> soak =
        runFolders.stream()
            .filter(f -> Files.isRegularFile(f.resolve(SoakRun.CSV)))
            .findFirst()
            .map(
                f ->
                    new SoakSamples(
                        f.resolve(SoakRun.CSV), f, SoakCsv.read(f.resolve(SoakRun.CSV))));
    return new RunInputs(
        runFolders, decoded.statistics(), sidecars, gatling, soak, decoded.perFolder());
  }

  /** The facts of the first sidecar that has them. */
  public <T> Optional<T> firstFact(java.util.function.Function<RunSidecar, T> fact) {
    return sidecars.stream().map(fact).filter(java.util.Objects::nonNull).findFirst();
  }
}
