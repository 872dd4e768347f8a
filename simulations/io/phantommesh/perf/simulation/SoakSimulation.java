package io.phantommesh.perf.simulation;

import io.phantommesh.perf.config.SoakProfile;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.LoadPlans;
import io.phantommesh.perf.run.RunSidecar;
import io.phantommesh.perf.simulation.support.PhantomSimulation;
import io.phantommesh.perf.simulation.support.SoakMonitor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The staging report's 72-hour soak: a daily schedule of user levels, compressible in time, with
 * the target's memory and CPU sampled along the way.
 *
 * <p>Shape (defaults, {@code phantom.profiles.soak}): 1,000 users 09:00-17:00, 100 users
 * 06:00-09:00, 17:00-22:00 and 22:00-06:00, each user one request per second (1,000 and 100 req/s),
 * 5-minute ramps where the level changes, starting at 00:00 for 72 h: 34,560,000 requests per day,
 * 103,680,000 in all in real time; time-scale 60 runs it in 72 min (1,728,000 requests), 3600 in 72
 * s (28,800). The target's {@code /metrics} is sampled every 5 simulated minutes (864 samples) into
 * {@code <output-dir>/<start epoch ms>/soak-metrics.csv}, from the end of the silent warm-up on.
 * Targets: the global {@code phantom.slo} block, plus memory growth below 10 % per simulated 24 h
 * and CPU below 80 % (WARNING; seed: "Soak Test Thresholds").
 */
public class SoakSimulation extends PhantomSimulation {
  private final SoakMonitor monitor;

  public SoakSimulation() {
    // The soak samples the target's memory and CPU: an embedded target gets a JVM of its own.
    super("soak", true);
    SoakProfile soak = settings.soak();
    try {
      this.monitor = SoakMonitor.open(soak, target.settings());
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
    LoadPlan requests = LoadPlans.soak(soak);
    setUpMix(LoadPlans.onWholeSeconds(requests));
    monitor.announce(requests);
    if (settings.live().enabled()) {
      // One line: the live monitor prints the soak's clock and samples beside its figures.
      monitor.mergeIntoLiveLine();
    }
  }

  @Override
  protected String liveClockLine() {
    return monitor.progress();
  }

  /** Sampling starts when the measured load does: after the silent warm-up. */
  @Override
  public void before() {
    super.before();
    monitor.start(settings.journey().warmUp());
  }

  @Override
  public void after() {
    try {
      monitor.stop();
    } finally {
      super.after();
    }
  }

  /** The samples' CSV of this run; empty before the run starts. */
  public Optional<Path> soakMetricsCsv() {
    return monitor.csvPath();
  }

  /** soak-metrics.csv, for the result folder. */
  @Override
  protected List<Path> extraFiles() {
    return monitor.csvPath().map(List::of).orElse(List.of());
  }

  /** The soak's schedule, scale and sampling, which its analysis judges the run by. */
  @Override
  protected RunSidecar withModelFacts(RunSidecar facts) {
    return monitor.facts().map(facts::withSoak).orElse(facts);
  }
}
