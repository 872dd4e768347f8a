package io.phantommesh.perf.simulation.support;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.JourneySettings.WarmUpTarget;
import io.phantommesh.perf.config.Paths;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.config.TargetSettings;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.Step;
import io.phantommesh.perf.run.ServeProcess;
import io.phantommesh.perf.run.WarmUpFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where and how the silent warm-up of one injector runs, decided before any load is sent.
 *
 * <p>By default ({@code phantom.journey.warm-up-target = embedded}) it goes to a separate embedded
 * service on its own free loopback port, in a JVM of its own: the warm-up warms the injector (JIT
 * compilation, connection pools), and the target the run measures, a real service or the embedded
 * one a soak samples, gets only the model's own load. Not in the Gatling JVM: there the service's
 * server code, JIT-compiled next to Gatling's HTTP client, left the injector needing about twice
 * the CPU per request after the warm-up, and its clean capacity fell from 4,000 to 2,000 req/s
 * (docs/benchmark.md). With {@code target} it goes to the run's target at most at the model's
 * starting rate. The decision is printed before load starts and recorded in the run's sidecar
 * ({@link #facts()}).
 *
 * <p>Not thread-safe; {@link #close()} is idempotent.
 */
public final class WarmUp implements AutoCloseable {
  private final Duration length;
  private final double totalRate;
  private final double rate;
  private final TargetSettings destination;

  /** How long the separate service's JVM may take to listen. */
  private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The warm-up service's JVM compiles with C1 only: it must answer fast from its first seconds,
   * never at its peak. A cold server answering slowly while the injector's JIT compiles its client
   * code left the injector needing more CPU per request afterwards (docs/benchmark.md: 42-51 % of 2
   * cores at 2,000 req/s against 33-37 % with C1, and 31-34 % before the warm-up had a service of
   * its own).
   */
  private static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  private final Optional<ServeProcess> service;
  private final String display;
  private final AtomicLong deadlineNanos = new AtomicLong();
  private Long sentRequests;

  private WarmUp(
      Duration length,
      double totalRate,
      double rate,
      TargetSettings destination,
      Optional<ServeProcess> service,
      String display) {
    this.length = length;
    this.totalRate = totalRate;
    this.rate = rate;
    this.destination = destination;
    this.service = service;
    this.display = display;
  }

  /**
   * Decides this injector's warm-up, starts its separate service if it has one, and prints where it
   * goes and how many requests it sends.
   *
   * @param target the run's target, base URL set
   * @param modelStartRate requests per second the model sends in its first second, over all
   *     injectors (the cap of a warm-up on the target)
   */
  public static WarmUp open(PerfSettings settings, RunTarget target, double modelStartRate) {
    Duration length = settings.journey().warmUp();
    WarmUpTarget where = settings.journey().warmUpTarget();
    double configured = settings.journey().warmUpRate();
    double total = where == WarmUpTarget.TARGET ? Math.min(configured, modelStartRate) : configured;
    double rate = settings.injector().share(total);
    WarmUp w;
    if (length.isZero() || rate <= 0) {
      w = new WarmUp(Duration.ZERO, 0, 0, target.settings(), Optional.empty(), "none");
    } else if (where == WarmUpTarget.TARGET) {
      w = new WarmUp(length, total, rate, target.settings(), Optional.empty(), target.display());
    } else {
      Secret token = RunTarget.randomToken();
      ServeProcess core =
          ServeProcess.start(
              EmbeddedSettings.defaults(),
              token,
              Stream.concat(settings.embeddedProcess().jvmOptions().stream(), Stream.of(QUICK_JIT))
                  .toList(),
              RunTarget.consoleLog("warm-up-service"),
              SERVICE_START_TIMEOUT);
      TargetSettings t = target.settings();
      TargetSettings own =
          new TargetSettings(
              Optional.of(core.baseUri()),
              token,
              Optional.empty(),
              Paths.embedded(),
              t.connectTimeout(),
              t.requestTimeout(),
              false);
      w =
          new WarmUp(
              length,
              total,
              rate,
              own,
              Optional.of(core),
              "embedded warm-up service (" + own.displayBaseUrl() + ")");
    }
    System.out.println("phantom-mesh-perf: " + w.announcement(target.display()));
    return w;
  }

  /** True when there is a warm-up to run. */
  public boolean isOn() {
    return !length.isZero();
  }

  /**
   * The warm-up's plan of request rates over all injectors (split like the model's plan, {@code
   * TrafficMix}, each injector sends its share); empty when it is off.
   */
  public LoadPlan plan() {
    return new LoadPlan(
        "warm-up", isOn() ? List.of(new Step.Ramp(totalRate, totalRate, length)) : List.of());
  }

  /** Where the warm-up's requests go: a separate embedded service's settings, or the target's. */
  public TargetSettings destination() {
    return destination;
  }

  /**
   * The URL of Gatling's own one-request protocol warm-up: the warm-up destination's /health, so
   * not even that request reaches a target the warm-up spares; empty when the warm-up is off.
   */
  public Optional<String> protocolWarmUpUrl() {
    return isOn()
        ? Optional.of(destination.baseUrl().orElseThrow() + destination.paths().health())
        : Optional.empty();
  }

  /** Requests the plan sends on this injector (its share of the rate times the length), rounded. */
  public long plannedRequests() {
    return Math.round(rate * length.toMillis() / 1000.0);
  }

  /** What the sidecar records; {@code null} when there was no warm-up. */
  public synchronized WarmUpFacts facts() {
    if (!isOn()) {
      return null;
    }
    return new WarmUpFacts(
        display,
        service.isPresent(),
        rate,
        length.toMillis() / 1000.0,
        plannedRequests(),
        sentRequests);
  }

  /** How long past its planned length a warm-up session may still send requests. */
  static final Duration OVERRUN = Duration.ofSeconds(5);

  /**
   * True once the warm-up has run {@link #OVERRUN} (5 s) longer than planned, counted from its
   * first request: its sessions then stop, so a warm-up that an overloaded machine cannot keep up
   * with ends soon after its planned length instead of eating into the measured load's time bound
   * (the measured load starts when the last warm-up session ends). Thread-safe; cheap.
   */
  public boolean isOverdue() {
    long now = System.nanoTime();
    long deadline = deadlineNanos.get();
    if (deadline == 0) {
      deadlineNanos.compareAndSet(0, now + length.plus(OVERRUN).toNanos());
      return false;
    }
    return now - deadline > 0;
  }

  /**
   * Closes the separate service, if any, after noting how many requests it answered: once the run
   * has ended, never while its load is measured, so that neither its request count (read over HTTP
   * in the Gatling JVM) nor its JVM's exit takes CPU from the measured load; idle, it costs next to
   * nothing.
   */
  @Override
  public synchronized void close() {
    service.ifPresent(
        core -> {
          try {
            if (sentRequests == null) {
              sentRequests = core.counts().total();
            }
          } catch (IllegalStateException e) {
            // the count stays unknown in the result; the service is stopped all the same
            System.out.println(
                "phantom-mesh-perf: the warm-up service's request count is unknown: "
                    + e.getMessage());
          } finally {
            core.close();
            // a clean run leaves no console log behind (a failed start names it in its error)
            deleteQuietly(core.log());
          }
        });
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temporary file: the OS cleans it up in the end
    }
  }

  private String announcement(String measuredTarget) {
    if (!isOn()) {
      return "no silent warm-up (phantom.journey.warm-up = 0s); "
          + measuredTarget
          + " gets only"
          + " the model's load";
    }
    String head =
        String.format(
            Locale.ROOT,
            "silent warm-up: %s s at %.1f req/s, about %,d requests to %s",
            length.toMillis() % 1000 == 0
                ? Long.toString(length.toSeconds())
                : String.format(Locale.ROOT, "%.3f", length.toMillis() / 1000.0),
            rate,
            plannedRequests(),
            display);
    return service.isPresent()
        ? head
            + " in "
            + service.get().placement()
            + "; the target ("
            + measuredTarget
            + ") gets only the model's load"
        : head + " (phantom.journey.warm-up-target = target, capped at the model's starting rate)";
  }
}
