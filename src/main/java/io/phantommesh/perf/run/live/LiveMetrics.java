package io.phantommesh.perf.run.live;

import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.config.Threshold;
import io.phantommesh.perf.results.InjectorSamples;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live monitor's Prometheus series of one injector's run, registered with the Prometheus Java
 * client. Every series carries the labels {@code model}, {@code run_id} and {@code injector}. Names
 * and meanings are listed in {@code docs/live-monitor.md}; {@code deploy/grafana} charts them.
 *
 * <p>Request counters and the response-time histogram are updated by the log reader thread as each
 * record is decoded; gauges by the monitor's ticker. Thread-safe (the client's metrics are).
 */
final class LiveMetrics {
  /** Bucket bounds of the response-time histogram, seconds; they include the default SLO limits. */
  static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5, 10
  };

  private final String[] base;
  private final Counter requests;
  private final DistributionDataPoint responseTime;
  private final Gauge activeUsers;
  private final Gauge rateAsked;
  private final Gauge rateAchieved;
  private final Gauge windowLatency;
  private final Gauge windowErrorRatio;
  private final Gauge tier;
  private final Gauge sloLimit;
  private final Gauge elapsed;
  private final Gauge total;
  private final Gauge injectorCpu;
  private final Gauge injectorGc;
  private final Gauge injectorLate;
  private final Gauge injectorBottleneck;
  private final Gauge logLag;
  private final Gauge stopped;
  private final Map<String, CounterDataPoint[]> requestPoints = new HashMap<>();

  LiveMetrics(PrometheusRegistry registry, String model, String runId, int injector) {
    this.base = new String[] {model, runId, Integer.toString(injector)};
    requests =
        Counter.builder()
            .name("phantom_requests_total")
            .help("Responses recorded by Gatling, by request name and status (OK or KO)")
            .labelNames("model", "run_id", "injector", "request", "status")
            .withoutExemplars()
            .register(registry);
    Histogram rt =
        Histogram.builder()
            .name("phantom_response_time_seconds")
            .help("Response times of every request, OK and KO, as Gatling recorded them")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .labelNames("model", "run_id", "injector")
            .withoutExemplars()
            .register(registry);
    responseTime = rt.labelValues(base);
    activeUsers = gauge(registry, "phantom_active_users", "Virtual users alive now");
    rateAsked =
        gauge(registry, "phantom_rate_asked_rps", "Request rate the load model asks, req/s");
    rateAchieved =
        gauge(
            registry,
            "phantom_rate_achieved_rps",
            "Responses per second over the live window (by response end)");
    windowLatency =
        gauge(
            registry,
            "phantom_window_latency_seconds",
            "Exact response-time percentile over the live window",
            "quantile");
    windowErrorRatio =
        gauge(registry, "phantom_window_error_ratio", "KO over all responses of the live window");
    tier =
        gauge(
            registry,
            "phantom_slo_tier",
            "Run-so-far tier of each SLO metric: 0 PASS, 1 WARNING, 2 CRITICAL",
            "metric");
    sloLimit =
        gauge(
            registry,
            "phantom_slo_limit",
            "SLO limits of the run (latency in seconds, error rate as a ratio, rate in req/s)",
            "metric",
            "level");
    elapsed = gauge(registry, "phantom_run_elapsed_seconds", "Time since the measured load began");
    total = gauge(registry, "phantom_run_planned_seconds", "Planned length of the measured load");
    injectorCpu =
        gauge(
            registry,
            "phantom_injector_cpu_ratio",
            "Injector JVM CPU averaged over the measured run, share of all its cores");
    injectorGc =
        gauge(
            registry,
            "phantom_injector_gc_ratio",
            "Share of the measured run's wall time the injector spent in GC");
    injectorLate =
        gauge(
            registry,
            "phantom_injector_late_arrivals_ratio",
            "Share of the injector's event-loop time late by 5 ms or more (late arrivals)");
    injectorBottleneck =
        gauge(
            registry,
            "phantom_injector_bottleneck",
            "1 when the injector's own health says it, not the target, limits the run");
    logLag =
        gauge(
            registry,
            "phantom_live_log_lag_seconds",
            "How far the newest decoded record trails the wall clock");
    stopped = gauge(registry, "phantom_stop_rule_fired", "1 once a stop rule stopped the run");
  }

  private Gauge gauge(PrometheusRegistry registry, String name, String help, String... extra) {
    String[] labels = new String[3 + extra.length];
    labels[0] = "model";
    labels[1] = "run_id";
    labels[2] = "injector";
    System.arraycopy(extra, 0, labels, 3, extra.length);
    return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  private String[] with(String... extra) {
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  /** One response, from the log reader thread. */
  void response(String request, boolean isOk, long millis) {
    CounterDataPoint[] points = requestPoints.get(request);
    if (points == null) {
      points =
          new CounterDataPoint[] {
            requests.labelValues(with(request, "KO")), requests.labelValues(with(request, "OK"))
          };
      requestPoints.put(request, points);
    }
    points[isOk ? 1 : 0].inc();
    responseTime.observe(Math.max(0, millis) / 1000.0);
  }

  void activeUsers(long users) {
    activeUsers.labelValues(base).set(users);
  }

  void sloLimits(SloSettings slo) {
    latencyLimit(VerdictEvaluator.LATENCY_MEAN, slo.meanMillis());
    latencyLimit(VerdictEvaluator.LATENCY_P50, slo.p50Millis());
    latencyLimit(VerdictEvaluator.LATENCY_P99, slo.p99Millis());
    latencyLimit(VerdictEvaluator.LATENCY_P999, slo.p999Millis());
    limit(VerdictEvaluator.ERROR_RATE, slo.errorRate(), 1);
    limit(VerdictEvaluator.PEAK_RPS, slo.peakRps(), 1);
  }

  private void latencyLimit(String metric, Threshold t) {
    limit(metric, t, 1000);
  }

  private void limit(String metric, Threshold t, double divisor) {
    sloLimit.labelValues(with(metric, "target")).set(t.target() / divisor);
    sloLimit.labelValues(with(metric, "critical")).set(t.critical() / divisor);
  }

  void progress(double elapsedSeconds, double plannedSeconds, double askedRps) {
    elapsed.labelValues(base).set(elapsedSeconds);
    total.labelValues(base).set(plannedSeconds);
    rateAsked.labelValues(base).set(askedRps);
  }

  void window(WindowFigures w) {
    rateAchieved.labelValues(base).set(w.responsesPerSecond());
    windowErrorRatio.labelValues(base).set(w.errorRate());
    windowLatency.labelValues(with("0.5")).set(w.latency().p50Millis() / 1000.0);
    windowLatency.labelValues(with("0.99")).set(w.latency().p99Millis() / 1000.0);
  }

  void tiers(List<Verdict> verdicts) {
    for (Verdict v : verdicts) {
      tier.labelValues(with(v.metric())).set(v.tier().ordinal());
    }
  }

  void injector(InjectorSamples s, boolean bottleneck) {
    injectorCpu.labelValues(base).set(s.cpuPercentAvg() / 100.0);
    injectorGc.labelValues(base).set(s.gcPercent() / 100.0);
    injectorLate.labelValues(base).set(s.lateArrivalsPercent() / 100.0);
    injectorBottleneck.labelValues(base).set(bottleneck ? 1 : 0);
  }

  void logLag(double seconds) {
    logLag.labelValues(base).set(seconds);
  }

  void stopped(boolean fired) {
    stopped.labelValues(base).set(fired ? 1 : 0);
  }

  /** The tier as a gauge value, for tests. */
  static int value(Tier t) {
    return t.ordinal();
  }
}
