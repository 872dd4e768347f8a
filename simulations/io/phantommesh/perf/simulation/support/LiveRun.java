package io.phantommesh.perf.simulation.support;

import io.gatling.javaapi.core.Session;
import io.phantommesh.perf.config.LiveSettings;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.results.SimulationLogException;
import io.phantommesh.perf.results.SimulationLogReader;
import io.phantommesh.perf.run.live.LiveMonitor;
import io.phantommesh.perf.run.live.LiveStop;
import io.phantommesh.perf.run.live.StopRule;
import io.phantommesh.perf.simulation.journey.VpnJourneys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The live monitor's glue to a Gatling simulation: its stop rules read (and refused) in the
 * constructor, before any load; the monitor started in {@code before()}; a stop gate in the
 * measured journeys; the fired rule handed to the run's sidecar in {@code after()}.
 *
 * <p>With {@code phantom.live.enabled = false} every method does nothing and the gate never closes.
 * Used from the simulation's threads only, except {@link #isStopRequested()}.
 */
public final class LiveRun {
  private final PerfSettings settings;
  private final String profile;
  private final List<StopRule> rules;
  private final String simulationClass;
  private final long notBeforeEpochMillis;
  private volatile LiveMonitor monitor;
  private LoadPlan plan;

  /**
   * Reads the model's stop rules.
   *
   * @param timeScale the model's time compression (the soak's time-scale, else 1)
   * @throws io.phantommesh.perf.config.InvalidSettingsException naming a bad rule
   */
  public LiveRun(
      PerfSettings settings,
      String profile,
      double timeScale,
      String simulationClass,
      long notBeforeEpochMillis) {
    this.settings = settings;
    this.profile = profile;
    LiveSettings live = settings.live();
    this.rules = live.enabled() ? StopRule.of(live, profile, timeScale) : List.of();
    this.simulationClass = simulationClass;
    this.notBeforeEpochMillis = notBeforeEpochMillis;
  }

  /** The journeys with this run's stop gate, when it has rules. */
  public VpnJourneys gate(VpnJourneys journeys) {
    if (rules.isEmpty()) {
      return journeys;
    }
    return journeys.withStopGate(
        new VpnJourneys.StopGate(
            this::isStopRequested,
            () ->
                monitor == null
                    ? "stop rule"
                    : monitor.stopDecision().map(d -> d.message()).orElse("stop rule")));
  }

  /** The plan of request rates of the measured load, for the live line's asked rate and ETA. */
  public void plan(LoadPlan requestRates) {
    this.plan = requestRates;
  }

  /**
   * Starts the monitor (prints its endpoint).
   *
   * @param injector the injector's own samples so far
   * @param clockLine the model's own progress text (the soak's), or null
   */
  public void start(InjectorMonitor injector, Function<Duration, String> clockLine) {
    if (!settings.live().enabled() || plan == null) {
      return;
    }
    monitor =
        LiveMonitor.start(
            new LiveMonitor.Setup(
                profile,
                settings.injector().index(),
                settings.live(),
                settings.sloFor(profile),
                plan,
                rules,
                this::findLog,
                injector::snapshot,
                clockLine,
                System.out));
  }

  /** A session step marking the measured load's start; for the journeys' measured hook. */
  public Function<Session, Session> measuredArrival(Function<Session, Session> then) {
    return session -> {
      LiveMonitor m = monitor;
      if (m != null) {
        m.measuredStarted();
      }
      return then.apply(session);
    };
  }

  /** True once a stop rule has fired. */
  public boolean isStopRequested() {
    LiveMonitor m = monitor;
    return m != null && m.isStopRequested();
  }

  /**
   * Ends the monitor (final line, linger) and returns the stop rule that ended the run early, for
   * the run's facts; empty when none did.
   */
  public Optional<LiveStop> finish() {
    LiveMonitor m = monitor;
    if (m == null) {
      return Optional.empty();
    }
    m.finish();
    return m.stopDecision()
        .flatMap(d -> m.runStartEpochMillis().map(start -> LiveStop.of(d, start)));
  }

  /** This run's log, once Gatling has written its header. */
  private Optional<Path> findLog() {
    Path folder = settingsResultsFolder();
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(folder)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        Path log = d.resolve(SimulationLogReader.LOG_FILE_NAME);
        if (!Files.isRegularFile(log)
            || Files.getLastModifiedTime(d).toMillis() < notBeforeEpochMillis - 2000) {
          continue;
        }
        try {
          var info = SimulationLogReader.readRunInfo(log);
          if (info.simulationClass().equals(simulationClass)
              && info.startEpochMillis() >= notBeforeEpochMillis) {
            return Optional.of(log);
          }
        } catch (SimulationLogException e) {
          // not written yet, or another run's: look again later
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return Optional.empty();
  }

  private Path settingsResultsFolder() {
    return io.phantommesh.perf.run.AfterRun.resultsFolderOf(settings);
  }

  /** The stop rules, for messages. */
  public List<StopRule> rules() {
    return rules;
  }

  /** Supplier form of the monitor, for tests and the model's clock line. */
  Supplier<Optional<LiveMonitor>> monitor() {
    return () -> Optional.ofNullable(monitor);
  }
}
