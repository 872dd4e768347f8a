package io.phantommesh.perf.simulation.support;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.embedded.EmbeddedService;
import io.phantommesh.perf.embedded.fault.FaultReport;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.results.InjectorSamples;
import io.phantommesh.perf.run.AfterRun;
import io.phantommesh.perf.run.PreLoadFailure;
import io.phantommesh.perf.run.RunSidecar;
import io.phantommesh.perf.run.live.LiveStop;
import io.phantommesh.perf.simulation.journey.VpnJourneys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Base of every load model: loads and validates settings, opens the target, wires journeys,
 * injection plans and the assertion block, and closes the target when the run ends.
 *
 * <p>Subclasses stay thin: they name their profile and hand over a plan built from settings.
 * Gatling instantiates a simulation once per run.
 */
public abstract class PhantomSimulation extends Simulation {
  protected final String profile;
  protected final PerfSettings settings;
  protected final RunTarget target;
  protected final VpnJourneys journeys;
  private final Feeders feeders;
  private final InjectorMonitor monitor;
  private volatile WarmUp warmUp;
  private final LiveRun live;
  private final long constructedAtEpochMillis = System.currentTimeMillis();

  /**
   * Loads settings and opens the target; fails before any load on a bad setting or target.
   *
   * @param profile the key of the model under {@code phantom.profiles}, e.g. {@code "ramp-up"}
   */
  protected PhantomSimulation(String profile) {
    this(profile, false);
  }

  /**
   * Loads settings and opens the target; fails before any load on a bad setting or target.
   *
   * @param profile the key of the model under {@code phantom.profiles}, e.g. {@code "ramp-up"}
   * @param samplesTarget whether the model samples the target's memory and CPU (the embedded
   *     service then runs in a JVM of its own unless {@code phantom.embedded.process} says
   *     otherwise)
   */
  protected PhantomSimulation(String profile, boolean samplesTarget) {
    this.profile = profile;
    // A failure before load prints one block and ends the JVM with its own exit code (3 settings,
    // 4 target): thrown from here, Gatling and the plugin's launcher would print it twice, each
    // with a stack trace.
    this.settings = PreLoadFailure.orExit(SettingsLoader::load);
    this.target = PreLoadFailure.orExit(() -> RunTarget.open(settings, samplesTarget));
    // The injector watches itself (CPU, GC, heap, event-loop lag) so every result says whether it
    // measured the target or its own overload.
    this.monitor = InjectorMonitor.start();
    // The live monitor's stop rules are read here, so a bad one fails before any load.
    this.live =
        PreLoadFailure.orExit(
            () ->
                new LiveRun(
                    settings,
                    profile,
                    profile.equals("soak") ? settings.soak().timeScale() : 1.0,
                    getClass().getName(),
                    constructedAtEpochMillis));
    this.feeders = new Feeders(settings.injector());
    this.journeys =
        live.gate(
            new VpnJourneys(target.settings(), settings.journey(), feeders)
                .withArrivalHooks(
                    live.measuredArrival(monitor.measuredArrival()), monitor.warmUpArrival()));
  }

  /**
   * Decides and announces the silent warm-up (once per run), starting its separate service if it
   * has one. Call it in the constructor, before load starts.
   *
   * @param modelStartRate requests the model sends in its first second, over all injectors
   */
  protected final WarmUp openWarmUp(double modelStartRate) {
    if (warmUp != null) {
      throw new IllegalStateException("the warm-up is already open");
    }
    warmUp = WarmUp.open(settings, target, modelStartRate);
    return warmUp;
  }

  /** The journeys of the warm-up: silent, against its destination, bounded in time. */
  protected final VpnJourneys warmUpJourneys(WarmUp w) {
    return new VpnJourneys(w.destination(), settings.journey(), feeders)
        .withArrivalHooks(monitor.measuredArrival(), monitor.warmUpArrival())
        .silent()
        .stoppingWhen(w::isOverdue);
  }

  /**
   * Tells the live monitor the plan of request rates of the measured load (its asked rate, phase
   * and ETA); {@link #setUpMix} does it for the mixed models.
   */
  protected final void liveOn(LoadPlan requestRates) {
    live.plan(requestRates);
  }

  /**
   * The model's own progress text for the live line (the soak's simulated clock), or null for the
   * plan's phase and times. Called from the live monitor's thread.
   */
  protected String liveClockLine() {
    return null;
  }

  /** Starts the live monitor as the run starts. Subclasses that override call it first. */
  @Override
  public void before() {
    live.start(monitor, elapsed -> liveClockLine());
  }

  /**
   * Sets up the traffic mix of VPN sessions and /health probes for a plan of request rates, with
   * the model's assertion block and a hard time bound.
   */
  protected final void setUpMix(LoadPlan requestRates) {
    liveOn(requestRates);
    WarmUp w = openWarmUp(requestRates.arrivalsBetween(0, 1));
    Optional<String> gatlingWarmUp = w.protocolWarmUpUrl();
    TrafficMix.Split split =
        TrafficMix.split(requestRates, settings.journey(), settings.injector());
    TrafficMix.Split warm = TrafficMix.split(w.plan(), settings.journey(), settings.injector());
    VpnJourneys warmJourneys = warmUpJourneys(w);
    List<PopulationBuilder> measured = new ArrayList<>();
    if (!split.sessions().isEmpty()) {
      measured.add(
          journeys
              .sessionScenario()
              .injectOpen(InjectionPlans.toGatling(split.sessions()))
              .protocols(HttpProtocols.sessions(target.settings(), gatlingWarmUp)));
    }
    if (!split.probes().isEmpty()) {
      measured.add(
          journeys
              .healthScenario()
              .injectOpen(InjectionPlans.toGatling(split.probes()))
              .protocols(HttpProtocols.probes(target.settings(), gatlingWarmUp)));
    }
    List<PopulationBuilder> warmUps = new ArrayList<>();
    if (w.isOn() && !split.sessions().isEmpty()) {
      warmUps.add(
          warmJourneys
              .sessionScenario()
              .injectOpen(InjectionPlans.toGatling(warm.sessions()))
              .protocols(
                  HttpProtocols.warmUp(HttpProtocols.sessions(w.destination(), gatlingWarmUp))));
    }
    if (w.isOn() && !split.probes().isEmpty()) {
      warmUps.add(
          warmJourneys
              .healthScenario()
              .injectOpen(InjectionPlans.toGatling(warm.probes()))
              .protocols(
                  HttpProtocols.warmUp(HttpProtocols.probes(w.destination(), gatlingWarmUp))));
    }
    setUp(afterWarmUp(warmUps, measured))
        .assertions(SloAssertions.of(settings.sloFor(profile)))
        .maxDuration(maxDuration(settings.journey().warmUp().plus(requestRates.duration())));
  }

  /**
   * The populations to set up: every measured one starts together, once the first warm-up
   * population (the sessions', which ends last: its users live a whole session) is done; any other
   * warm-up runs beside it. The post-processor finds the measured window's start as the first
   * measured user's.
   */
  protected static List<PopulationBuilder> afterWarmUp(
      List<PopulationBuilder> warmUps, List<PopulationBuilder> measured) {
    if (warmUps.isEmpty()) {
      return measured;
    }
    List<PopulationBuilder> all = new ArrayList<>();
    all.add(warmUps.get(0).andThen(measured));
    all.addAll(warmUps.subList(1, warmUps.size()));
    return all;
  }

  /** The plan's length plus time for the last sessions to finish, so no run can hang. */
  protected Duration maxDuration(Duration planLength) {
    Duration sessionLength =
        settings.journey().keepaliveInterval().multipliedBy(settings.journey().keepalives());
    Duration grace = settings.target().requestTimeout().multipliedBy(3).plus(sessionLength);
    return planLength.plus(
        grace.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : grace);
  }

  /**
   * The run's facts with what the model's analysis judges the run by (the spike's shape, the soak's
   * schedule), typed. None by default.
   */
  protected RunSidecar withModelFacts(RunSidecar facts) {
    return facts;
  }

  /** The embedded service's answers by endpoint and status; none without one or when unreadable. */
  private Map<String, Map<Integer, Long>> embeddedRequests() {
    try {
      return target.embedded().map(core -> core.counts().byEndpoint()).orElse(Map.of());
    } catch (RuntimeException e) {
      System.out.println(
          "phantom-mesh-perf: WARNING: the embedded service's request counts are missing from"
              + " this result: "
              + e.getMessage());
      return Map.of();
    }
  }

  /** Files to keep beside the result (e.g. sampled target metrics). None by default. */
  protected List<Path> extraFiles() {
    return List.of();
  }

  /**
   * Closes the target, then hands the run to the post-processor, which writes {@code
   * reports/<run-id>/} once Gatling has finished its own report.
   */
  @Override
  public void after() {
    Optional<LiveStop> stop = live.finish();
    InjectorSamples injector = monitor.stop();
    Map<String, Map<Integer, Long>> embeddedRequests = embeddedRequests();
    // What the service did on purpose (its own counters, outage times): extra.faults.
    FaultReport faults = target.embedded().map(EmbeddedService::faults).orElse(FaultReport.NONE);
    target.close();
    WarmUp w = warmUp;
    if (w != null) {
      w.close();
    }
    // The run's facts are left beside simulation.log even when this JVM does not post-process
    // (the injectors of a distributed run): the merge reads them.
    RunSidecar sidecar =
        withModelFacts(
            RunSidecar.of(
                    profile,
                    getClass().getName(),
                    target.display(),
                    settings.injector().index(),
                    settings.injector().count(),
                    embeddedRequests)
                .withInjectorSamples(injector)
                .withEmbeddedFaults(faults.isEmpty() ? null : faults)
                .withWarmUp(w == null ? null : w.facts()));
    if (stop.isPresent()) {
      sidecar = sidecar.withLiveStop(stop.get());
    }
    AfterRun.Run run =
        new AfterRun.Run(getClass().getName(), constructedAtEpochMillis, sidecar, extraFiles());
    if (settings.report().enabled()) {
      AfterRun.schedule(run, settings, System.out);
    } else {
      AfterRun.leave(run, settings, System.out);
    }
  }
}
