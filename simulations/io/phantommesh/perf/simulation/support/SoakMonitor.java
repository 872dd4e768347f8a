package io.phantommesh.perf.simulation.support;

import io.phantommesh.perf.config.SoakProfile;
import io.phantommesh.perf.config.TargetSettings;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.soak.MetricsSampler;
import io.phantommesh.perf.soak.SoakAnalysis;
import io.phantommesh.perf.soak.SoakClock;
import io.phantommesh.perf.soak.SoakRun;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What runs beside the soak's load in the Gatling JVM: the metrics sampler and the console progress
 * line.
 *
 * <p>Opened in the simulation constructor (one sample must succeed before any load), started in
 * {@code before()}, stopped in {@code after()}. The progress line comes every 10 s of wall-clock
 * time or every simulated hour, whichever is rarer.
 */
public final class SoakMonitor {
  private final SoakProfile profile;
  private final MetricsSampler sampler;
  private final SoakClock clock;
  private ScheduledExecutorService printer;
  private long startNanos;
  private volatile boolean startedSampling;
  private volatile boolean printsOwnLine = true;

  private SoakMonitor(SoakProfile profile, MetricsSampler sampler) {
    this.profile = profile;
    this.sampler = sampler;
    this.clock = new SoakClock(profile);
  }

  /**
   * Connects the sampler to the soak's metrics URL (its own, else the target's) and takes one
   * sample.
   *
   * @throws IllegalStateException naming the URL when it answers nothing or garbage
   */
  public static SoakMonitor open(SoakProfile profile, TargetSettings target) {
    URI url = profile.metricsUrl().orElseGet(target::effectiveMetricsUrl);
    return new SoakMonitor(
        profile, new MetricsSampler(profile, url, MetricsSampler.coresOf(profile)));
  }

  /** Prints what the run will do, before it starts. */
  public void announce(LoadPlan requests) {
    System.out.printf(
        Locale.ROOT,
        "phantom-mesh-perf: soak of %s from %02d:00 at time-scale %s: %s of wall-clock time,"
            + " %,.0f requests; %d samples of %s every %.1f ms into %s%n",
        human(profile.duration()),
        profile.startHour(),
        trim(profile.timeScale()),
        human(profile.wallDuration()),
        requests.arrivals(),
        profile.expectedSamples(),
        sampler.url(),
        profile.wallSampleInterval().toNanos() / 1e6,
        profile.outputDir().resolve("<start epoch ms>").resolve(SoakRun.CSV));
  }

  /**
   * Leaves the progress line to the live monitor, which prints {@link #progress()} in its own line.
   * Call before {@link #start}.
   */
  public void mergeIntoLiveLine() {
    printsOwnLine = false;
  }

  /**
   * The soak's progress: simulated clock, phase, users, elapsed and ETA, and the samples so far;
   * {@code null} before the measured load began.
   */
  public String progress() {
    if (!startedSampling) {
      return null;
    }
    Duration elapsed;
    synchronized (this) {
      elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    }
    return clock.progressLine(elapsed)
        + " | samples "
        + sampler.samplesTaken()
        + " ok, "
        + sampler.missingCount()
        + " missing";
  }

  /**
   * Starts sampling and the progress line after {@code delay}: the silent warm-up, after which the
   * measured load begins (Gatling starts it once the last warm-up user is done, so up to one
   * session's length later). Returns at once.
   */
  public synchronized void start(Duration delay) {
    printer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "phantom-soak-progress");
              t.setDaemon(true);
              return t;
            });
    printer.schedule(this::begin, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private synchronized void begin() {
    Path csv = sampler.start();
    startNanos = System.nanoTime();
    startedSampling = true;
    System.out.println("phantom-mesh-perf: soak samples go to " + csv.toAbsolutePath());
    if (printsOwnLine) {
      long period = clock.progressPeriod().toNanos();
      printer.scheduleAtFixedRate(this::print, 0, period, TimeUnit.NANOSECONDS);
    }
  }

  /** Stops the progress line and the sampler, and prints the soak's figures. */
  public void stop() {
    ScheduledExecutorService printer;
    synchronized (this) {
      printer = this.printer;
    }
    if (printer != null) {
      printer.shutdownNow();
      try {
        printer.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sampler.stop();
    sampler
        .csvPath()
        .ifPresent(
            csv -> {
              SoakAnalysis.Result r;
              try {
                r = sampler.run().orElseThrow().analyze(csv);
              } catch (RuntimeException e) {
                // The run's own results stand; the post-processor reads the CSV again.
                System.err.println(
                    "phantom-mesh-perf: cannot analyse " + csv + ": " + e.getMessage());
                return;
              }
              System.out.printf(
                  Locale.ROOT,
                  "phantom-mesh-perf: soak samples %d ok, %d missing; memory growth %s %%/24h (%s,"
                      + " limit %s %%); CPU average %s %% of %d cores (%s, limit %s %%); %s%n",
                  r.samples(),
                  r.missing(),
                  r.memoryGrowthPercentPer24h() == null
                      ? "n/a"
                      : String.format(Locale.ROOT, "%.2f", r.memoryGrowthPercentPer24h()),
                  r.memoryVerdict(),
                  trim(r.memoryGrowthLimitPercent()),
                  r.cpuAveragePercent() == null
                      ? "n/a"
                      : String.format(Locale.ROOT, "%.1f", r.cpuAveragePercent()),
                  r.cores(),
                  r.cpuVerdict(),
                  trim(r.cpuLimitPercent()),
                  csv.toAbsolutePath());
            });
  }

  /** The samples' CSV; empty before {@link #start()}. */
  public Optional<Path> csvPath() {
    return sampler.csvPath();
  }

  /** The soak's run facts for the sidecar; empty before sampling began. */
  public Optional<SoakRun> facts() {
    return sampler.run();
  }

  private void print() {
    System.out.println(progress());
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
