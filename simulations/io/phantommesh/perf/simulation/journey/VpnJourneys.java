package io.phantommesh.perf.simulation.journey;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.phantommesh.perf.config.JourneySettings;
import io.phantommesh.perf.config.TargetSettings;
import io.phantommesh.perf.load.TrafficMix;
import io.phantommesh.perf.simulation.support.Feeders;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The two journeys the load models drive: a /health probe, and a VPN session (register peer, open
 * tunnel, keepalives, threat signals, close tunnel) whose ids are carried from step to step.
 *
 * <p>Each step checks status and body and the session stops at the first failure, so one failure
 * counts once instead of cascading into every later step.
 */
public final class VpnJourneys {
  private final TargetSettings target;
  private final JourneySettings journey;
  private final Feeders feeders;
  private final boolean silent;
  private final Function<Session, Session> measuredHook;
  private final Function<Session, Session> warmUpHook;
  private final StopGate stopGate;

  /**
   * When the load must stop early (the live monitor's stop rules): checked by every measured
   * session as it starts, it ends the run through Gatling's own {@code stopLoadGenerator}, so
   * Gatling closes its log and writes its report as at a normal end.
   *
   * @param isStopRequested true once the run must stop; read once per session, must be cheap
   * @param reason the message Gatling logs
   */
  public record StopGate(BooleanSupplier isStopRequested, Supplier<String> reason) {}

  public VpnJourneys(TargetSettings target, JourneySettings journey, Feeders feeders) {
    this(target, journey, feeders, false, null, null, null);
  }

  private VpnJourneys(
      TargetSettings target,
      JourneySettings journey,
      Feeders feeders,
      boolean silent,
      Function<Session, Session> measuredHook,
      Function<Session, Session> warmUpHook,
      StopGate stopGate) {
    this.target = target;
    this.journey = journey;
    this.feeders = feeders;
    this.silent = silent;
    this.measuredHook = measuredHook;
    this.warmUpHook = warmUpHook;
    this.stopGate = stopGate;
  }

  /**
   * The same journeys with a step run first in every session (no request): {@code measured} in
   * these scenarios, {@code warmUp} in their {@link #silent()} twins. E.g. the injector monitor
   * noting where the measured load starts and which event loops to probe.
   */
  public VpnJourneys withArrivalHooks(
      Function<Session, Session> measured, Function<Session, Session> warmUp) {
    return new VpnJourneys(target, journey, feeders, silent, measured, warmUp, stopGate);
  }

  /** The same journeys with a stop gate at the start of every measured session. */
  public VpnJourneys withStopGate(StopGate gate) {
    return new VpnJourneys(target, journey, feeders, silent, measuredHook, warmUpHook, gate);
  }

  /**
   * The same journeys under warm-up scenario names; run them with {@link
   * io.phantommesh.perf.simulation.support.HttpProtocols#warmUp}, whose requests are silent.
   */
  public VpnJourneys silent() {
    return new VpnJourneys(target, journey, feeders, true, measuredHook, warmUpHook, stopGate);
  }

  /** One GET /health, expecting 200 and a healthy status. */
  public ChainBuilder healthProbe() {
    return exec(
        http(RequestNames.HEALTH)
            .get(target.paths().health())
            .requestTimeout(timeout())
            .check(status().is(200), jsonPath("$.status").is("healthy")));
  }

  /** Registers a peer from the peer feeder and saves its {@code peer_id}. */
  public ChainBuilder registerPeer() {
    return feed(feeders.peers())
        .exec(
            http(RequestNames.REGISTER_PEER)
                .post(target.paths().peers())
                .requestTimeout(timeout())
                .body(
                    StringBody(
                        s ->
                            "{\"node_id\":\""
                                + s.getString("node_id")
                                + "\",\"public_key\":\""
                                + s.getString("public_key")
                                + "\",\"endpoint\":\""
                                + s.getString("endpoint")
                                + "\"}"))
                .check(status().is(201), jsonPath("$.peer_id").saveAs("peer_id")))
        .exitHereIfFailed();
  }

  /** Opens a tunnel for the registered peer and saves its {@code tunnel_id}. */
  public ChainBuilder openTunnel() {
    return exec(http(RequestNames.OPEN_TUNNEL)
            .post(target.paths().tunnels())
            .requestTimeout(timeout())
            .body(StringBody(s -> "{\"peer_id\":\"" + s.getString("peer_id") + "\"}"))
            .check(
                status().is(201),
                jsonPath("$.tunnel_id").saveAs("tunnel_id"),
                jsonPath("$.assigned_ip").exists()))
        .exitHereIfFailed();
  }

  /** The configured number of keepalives, each after the keepalive interval. */
  public ChainBuilder keepalives() {
    ChainBuilder one =
        exec(http(RequestNames.KEEPALIVE)
                .post(s -> target.paths().tunnels() + "/" + s.getString("tunnel_id") + "/keepalive")
                .requestTimeout(timeout())
                .check(status().is(200)))
            .exitHereIfFailed();
    Duration interval = journey.keepaliveInterval();
    return repeat(journey.keepalives()).on(interval.isZero() ? one : pause(interval).exec(one));
  }

  /** The configured number of threat signals, drawn from the threat-signal feeder. */
  public ChainBuilder threatSignals() {
    return repeat(journey.threatSignals())
        .on(
            feed(feeders.threatSignals())
                .exec(
                    http(RequestNames.REPORT_THREAT)
                        .post(target.paths().threatSignals())
                        .requestTimeout(timeout())
                        .body(
                            StringBody(
                                s ->
                                    "{\"source_ip\":\""
                                        + s.getString("source_ip")
                                        + "\",\"signature\":\""
                                        + s.getString("signature")
                                        + "\",\"severity\":\""
                                        + s.getString("severity")
                                        + "\",\"node_id\":\""
                                        + s.getString("node_id")
                                        + "\",\"timestamp\":\""
                                        + Instant.now()
                                        + "\"}"))
                        .check(status().is(202), jsonPath("$.signal_id").exists()))
                .exitHereIfFailed());
  }

  /** Closes the tunnel. */
  public ChainBuilder closeTunnel() {
    return exec(
        http(RequestNames.CLOSE_TUNNEL)
            .delete(s -> target.paths().tunnels() + "/" + s.getString("tunnel_id"))
            .requestTimeout(timeout())
            .check(status().is(204)));
  }

  /** The /health probe scenario. */
  public ScenarioBuilder healthScenario() {
    return start(TrafficMix.HEALTH_SCENARIO).exec(healthProbe());
  }

  /** The VPN session scenario: register, open, keepalives, signals, close. */
  public ScenarioBuilder sessionScenario() {
    return start(TrafficMix.SESSION_SCENARIO)
        .exec(registerPeer(), openTunnel(), keepalives(), threatSignals(), closeTunnel());
  }

  private ScenarioBuilder start(String name) {
    ScenarioBuilder s = scenario(scenarioName(name));
    Function<Session, Session> hook = silent ? warmUpHook : measuredHook;
    ScenarioBuilder hooked = hook == null ? s : s.exec(hook);
    if (silent || stopGate == null) {
      return hooked;
    }
    StopGate gate = stopGate;
    return hooked.exec(
        stopLoadGeneratorIf(
            session -> gate.reason().get(), session -> gate.isStopRequested().getAsBoolean()));
  }

  private String scenarioName(String name) {
    return silent ? "warm-up " + name : name;
  }

  private Duration timeout() {
    return target.requestTimeout();
  }
}
