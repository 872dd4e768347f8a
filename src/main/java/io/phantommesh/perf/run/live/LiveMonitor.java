package io.phantommesh.perf.run.live;

import io.phantommesh.perf.config.LiveSettings;
import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.load.LoadPlan;
import io.phantommesh.perf.load.Step;
import io.phantommesh.perf.results.InjectorSamples;
import io.phantommesh.perf.results.LogRecordVisitor;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.SimulationLogException;
import io.phantommesh.perf.results.SimulationLogReader;
import io.phantommesh.perf.verdict.InjectorHealth;
import io.phantommesh.perf.verdict.InjectorHealthAssessor;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The live run monitor of one injector: tails the run's {@code simulation.log} as Gatling writes
 * it, decodes it with the project's own reader, and every second closes the whole seconds read so
 * far, applies the stop rules to them, and every {@code interval} prints a live line and updates
 * the Prometheus series.
 *
 * <p>Nothing runs on Gatling's threads: one daemon thread decodes, one ticks. The request path only
 * reads {@link #isStopRequested()} (a volatile flag) once per user. A second counts as read
 * ("closed") once a record {@value #SETTLE_MILLIS} ms or more past its end has been decoded, or the
 * log has ended. Thread-safe.
 *
 * <p>Longer than most classes: its reader and ticker threads share the run-so-far state; the next
 * cut is the snapshot arithmetic ({@code snapshot}, {@code askedBetween}, {@code phaseAt}) into a
 * class of its own.
 */
public final class LiveMonitor implements AutoCloseable {
  /** How far past a second a record must be before that second is taken as complete, ms. */
  static final long SETTLE_MILLIS = 1000;

  /** How often the tail looks for new bytes at the end of the log, ms. */
  static final long POLL_MILLIS = 100;

  /**
   * What the monitor watches.
   *
   * @param model the load model's profile name
   * @param injectorIndex this injector's index (0 for a single injector)
   * @param settings live settings
   * @param slo the model's limits
   * @param requestRates the plan of request rates of the measured load
   * @param rules the model's stop rules on the wall clock
   * @param log finds the run's log once Gatling has written its header; empty until then
   * @param injector the injector's own samples of the measured run so far
   * @param clockLine the model's own progress text for an elapsed time (the soak's simulated day),
   *     or null for the plan's phase and times
   * @param console where lines go
   */
  public record Setup(
      String model,
      int injectorIndex,
      LiveSettings settings,
      SloSettings slo,
      LoadPlan requestRates,
      List<StopRule> rules,
      Supplier<Optional<Path>> log,
      Supplier<InjectorSamples> injector,
      Function<Duration, String> clockLine,
      PrintStream console) {
    public Setup {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(slo, "slo");
      Objects.requireNonNull(requestRates, "requestRates");
      rules = List.copyOf(rules);
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(injector, "injector");
      Objects.requireNonNull(console, "console");
    }
  }

  private final Setup setup;
  private final Object lock = new Object();
  private final java.util.Set<Thread> own = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final long startedNanos = System.nanoTime();
  private final java.util.Map<Long, Long> cpuNanosOfThread =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final HTTPServer server;
  private final ScheduledExecutorService ticker;
  private final Thread reader;
  private final StopRules stopRules;
  private final int intervalSeconds;
  private final LiveAggregator aggregator;
  private volatile LiveMetrics metrics;
  private volatile LogTail tail;
  private volatile boolean finishing;
  private volatile long measuredStartEpochMillis = Long.MIN_VALUE;
  private volatile StopDecision decision;
  private volatile String readProblem;
  private long ticks;
  private LiveSnapshot last;

  private LiveMonitor(Setup setup) throws IOException {
    this.setup = setup;
    this.intervalSeconds = (int) setup.settings().interval().toSeconds();
    int longest = setup.rules().stream().mapToInt(StopRule::windowSeconds).max().orElse(0);
    this.aggregator =
        new LiveAggregator(
            Math.max(intervalSeconds, longest) + 120, System::currentTimeMillis, new Sink());
    this.stopRules = new StopRules(setup.rules(), setup.slo());
    LiveSettings.PrometheusSettings p = setup.settings().prometheus();
    this.server =
        p.enabled()
            ? HTTPServer.builder()
                .hostname(p.host())
                .port(p.port())
                .registry(registry)
                .executorService(
                    Executors.newFixedThreadPool(
                        1,
                        r -> {
                          Thread t = new Thread(r, "phantom-live-http");
                          t.setDaemon(true);
                          own.add(t);
                          return t;
                        }))
                .buildAndStart()
            : null;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "phantom-live-ticker");
              t.setDaemon(true);
              own.add(t);
              return t;
            });
    this.reader = new Thread(this::read, "phantom-live-reader");
    reader.setDaemon(true);
    own.add(reader);
  }

  /**
   * Starts the monitor: the endpoint (its URL printed), the reader and the ticker.
   *
   * @throws UncheckedIOException when the endpoint cannot bind its address and port
   */
  public static LiveMonitor start(Setup setup) {
    LiveMonitor m;
    try {
      m = new LiveMonitor(setup);
    } catch (IOException e) {
      LiveSettings.PrometheusSettings p = setup.settings().prometheus();
      throw new UncheckedIOException(
          "phantom.live.prometheus: cannot serve on "
              + p.host()
              + ":"
              + p.port()
              + " ("
              + e.getMessage()
              + "); choose another phantom.live.prometheus.port (0 = a free one)",
          e);
    }
    m.announce();
    m.reader.start();
    m.ticker.scheduleAtFixedRate(m::tick, 1, 1, TimeUnit.SECONDS);
    return m;
  }

  private void announce() {
    PrintStream out = setup.console();
    String rules =
        setup.rules().isEmpty()
            ? "no stop rule"
            : "stop rules: "
                + String.join("; ", setup.rules().stream().map(StopRule::describe).toList());
    out.println(
        LiveLine.PREFIX
            + ": a line every "
            + intervalSeconds
            + " s; "
            + rules
            + prometheusPort().map(port -> "; Prometheus endpoint " + endpoint(port)).orElse(""));
  }

  private String endpoint(int port) {
    String host = setup.settings().prometheus().host();
    String shown = host.contains(":") ? "[" + host + "]" : host;
    String base = "http://" + shown + ":" + port; // this injector, loopback by default
    return base + "/metrics";
  }

  /** The endpoint's port, when it is served. */
  public Optional<Integer> prometheusPort() {
    return server == null ? Optional.empty() : Optional.of(server.getPort());
  }

  /** Marks the start of the measured load: elapsed time, ETA and asked rates count from here. */
  public void measuredStarted() {
    if (measuredStartEpochMillis == Long.MIN_VALUE) {
      synchronized (lock) {
        if (measuredStartEpochMillis == Long.MIN_VALUE) {
          measuredStartEpochMillis = System.currentTimeMillis();
        }
      }
    }
  }

  /** True once a stop rule has fired: the run must stop. Cheap: one volatile read. */
  public boolean isStopRequested() {
    return decision != null;
  }

  /** The rule that fired, if one did. */
  public Optional<StopDecision> stopDecision() {
    return Optional.ofNullable(decision);
  }

  /** When the run started (its log's Run record), once the header has been read. */
  public Optional<Long> runStartEpochMillis() {
    synchronized (lock) {
      return aggregator.run().map(r -> r.startEpochMillis());
    }
  }

  /** Why the log could not be read live, if it could not (the run itself is unaffected). */
  public Optional<String> readProblem() {
    return Optional.ofNullable(readProblem);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  private void read() {
    Optional<Path> log = Optional.empty();
    while (log.isEmpty() && !finishing) {
      try {
        log = setup.log().get();
      } catch (RuntimeException e) {
        readProblem = "cannot look for the run's log: " + e.getMessage();
      }
      if (log.isEmpty()) {
        sleep(POLL_MILLIS);
      }
    }
    if (log.isEmpty()) {
      log = setup.log().get();
    }
    if (log.isEmpty()) {
      readProblem = "the run's simulation.log was not found";
      return;
    }
    Path file = log.get();
    try (LogTail t = new LogTail(file, POLL_MILLIS);
        SimulationLogReader r = SimulationLogReader.of(t, file.toString())) {
      tail = t;
      if (finishing) {
        t.finish();
      }
      RunInfo info = r.run();
      String runId = file.toAbsolutePath().getParent().getFileName().toString();
      metrics = new LiveMetrics(registry, setup.model(), runId, setup.injectorIndex());
      metrics.sloLimits(setup.slo());
      metrics.stopped(false);
      synchronized (lock) {
        aggregator.onRun(info);
      }
      LogRecordVisitor locked = new Locked();
      while (r.next(locked)) {
        // every record visited under the lock
      }
      account();
    } catch (SimulationLogException | IOException | UncheckedIOException e) {
      readProblem = "live reading of " + file + " stopped: " + e.getMessage();
      setup.console().println(LiveLine.PREFIX + ": " + readProblem);
    }
  }

  /** The aggregator's visitor, each record under the monitor's lock. */
  private final class Locked implements LogRecordVisitor {
    @Override
    public void onUser(int scenarioIndex, String scenario, boolean isStart, int at) {
      synchronized (lock) {
        aggregator.onUser(scenarioIndex, scenario, isStart, at);
      }
    }

    @Override
    public void onRequest(
        List<String> groupPath, String name, int start, int end, boolean isOk, String message) {
      synchronized (lock) {
        aggregator.onRequest(groupPath, name, start, end, isOk, message);
      }
    }

    @Override
    public void onGroup(List<String> groupPath, int start, int end, int cumulated, boolean isOk) {
      synchronized (lock) {
        aggregator.onGroup(groupPath, start, end, cumulated, isOk);
      }
    }

    @Override
    public void onError(String message, int at) {
      synchronized (lock) {
        aggregator.onError(message, at);
      }
    }
  }

  /** Counts each decoded response into the Prometheus series, once they exist. */
  private final class Sink implements LiveAggregator.LiveMetricsSink {
    @Override
    public void onRun(RunInfo run) {}

    @Override
    public void response(String request, boolean isOk, long millis) {
      LiveMetrics m = metrics;
      if (m != null) {
        m.response(request, isOk, millis);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Ticking

  private void tick() {
    try {
      LiveSnapshot s = null;
      StopDecision fired = null;
      synchronized (lock) {
        ticks++;
        if (aggregator.run().isPresent()) {
          long closedTo = closedToSecond(false);
          if (decision == null) {
            fired =
                stopRules.advance(aggregator.seconds(), firstWholeSecond(), closedTo).orElse(null);
            if (fired != null) {
              decision = fired;
            }
          }
          if (ticks % intervalSeconds == 0 || fired != null) {
            s = snapshot(closedTo, false);
          }
        } else if (ticks % intervalSeconds == 0) {
          s = snapshot(Long.MIN_VALUE, false);
        }
      }
      if (fired != null) {
        setup
            .console()
            .println(LiveLine.PREFIX + " | " + setup.model() + " | STOP: " + fired.message());
      }
      if (s != null) {
        publish(s);
      }
      account();
    } catch (RuntimeException e) {
      // A broken tick must not kill the ticker: say it and carry on.
      setup.console().println(LiveLine.PREFIX + ": tick failed: " + e);
    }
  }

  /** Seconds before this one are complete; every second when the log has ended. */
  private long closedToSecond(boolean logEnded) {
    long newest = aggregator.newestEpochMillis();
    if (newest == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    if (logEnded) {
      return Math.floorDiv(newest, 1000L) + 1;
    }
    return Math.floorDiv(newest - SETTLE_MILLIS, 1000L);
  }

  /** The first whole second of responses: the one after the first response's (partial) second. */
  private long firstWholeSecond() {
    long first = aggregator.firstResponseEpochMillis();
    return first == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(first, 1000L) + 1;
  }

  private LiveSnapshot snapshot(long closedTo, boolean isFinal) {
    long now = System.currentTimeMillis();
    long start = measuredStartEpochMillis;
    Duration elapsed = start == Long.MIN_VALUE ? Duration.ZERO : Duration.ofMillis(now - start);
    Duration total = setup.requestRates().duration();
    WindowFigures window = null;
    double asked;
    double achieved = 0;
    List<Verdict> soFar = List.of();
    Optional<RunStatistics> stats = aggregator.runSoFar();
    if (stats.isPresent() && stats.get().global().count() > 0) {
      soFar = VerdictEvaluator.evaluate(stats.get(), setup.slo());
    }
    if (isFinal && stats.isPresent()) {
      RunStatistics r = stats.get();
      window =
          new WindowFigures(
              Math.floorDiv(r.startEpochMillis(), 1000L),
              Math.floorDiv(r.endEpochMillis(), 1000L) + 1,
              r.global().count(),
              r.global().koCount(),
              r.peakRps(),
              r.global().latency());
      achieved = r.avgRps();
      double seconds = total.toNanos() / 1e9;
      asked = seconds > 0 ? setup.requestRates().arrivals() / seconds : 0;
    } else if (closedTo != Long.MIN_VALUE && firstWholeSecond() != Long.MAX_VALUE) {
      long from =
          Math.max(
              closedTo - intervalSeconds,
              Math.floorDiv(aggregator.firstResponseEpochMillis(), 1000L));
      if (closedTo > from) {
        window = aggregator.seconds().window(from, closedTo);
        achieved = window.responsesPerSecond();
      }
      asked =
          window == null ? 0 : askedBetween(window.fromSecond() * 1000, window.toSecond() * 1000);
    } else {
      asked = 0;
    }
    InjectorHealth health = InjectorHealthAssessor.assess(List.of(setup.injector().get()));
    String warning = health == null ? null : health.warning();
    long lag =
        aggregator.newestEpochMillis() == Long.MIN_VALUE
            ? 0
            : Math.max(0, now - aggregator.newestEpochMillis());
    String clock = setup.clockLine() == null ? null : setup.clockLine().apply(elapsed);
    LiveSnapshot s =
        new LiveSnapshot(
            setup.model(),
            phaseAt(setup.requestRates(), elapsed),
            clock,
            elapsed,
            total,
            asked,
            achieved,
            window,
            aggregator.responses(),
            soFar,
            warning,
            isFinal ? 0 : lag,
            isFinal,
            Optional.ofNullable(decision));
    last = s;
    LiveMetrics m = metrics;
    if (m != null) {
      m.progress(elapsed.toNanos() / 1e9, total.toNanos() / 1e9, asked);
      if (window != null) {
        m.window(window);
      }
      m.tiers(soFar);
      m.activeUsers(aggregator.users());
      m.injector(setup.injector().get(), warning != null);
      m.logLag(lag / 1000.0);
      m.stopped(decision != null);
    }
    return s;
  }

  private double askedBetween(long fromEpochMillis, long toEpochMillis) {
    long start = measuredStartEpochMillis;
    if (start == Long.MIN_VALUE || toEpochMillis <= fromEpochMillis) {
      return 0;
    }
    double a = (fromEpochMillis - start) / 1000.0;
    double b = (toEpochMillis - start) / 1000.0;
    return setup.requestRates().arrivalsBetween(a, b) / (b - a);
  }

  /** The plan's step at {@code elapsed}, e.g. {@code ramp 0->1000/s (1/2)}. */
  static String phaseAt(LoadPlan plan, Duration elapsed) {
    if (elapsed.isZero()) {
      return "starting";
    }
    Duration at = Duration.ZERO;
    int n = plan.steps().size();
    for (int i = 0; i < n; i++) {
      Step step = plan.steps().get(i);
      at = at.plus(step.duration());
      if (elapsed.compareTo(at) < 0 || i == n - 1 && elapsed.equals(at)) {
        String what;
        if (step instanceof Step.Ramp r) {
          what =
              r.isConstant()
                  ? String.format(Locale.ROOT, "hold %.0f/s", r.toRate())
                  : String.format(Locale.ROOT, "ramp %.0f->%.0f/s", r.fromRate(), r.toRate());
        } else if (step instanceof Step.AtOnce a) {
          what = "burst of " + a.users();
        } else {
          what = "pause";
        }
        return what + " (" + (i + 1) + "/" + n + ")";
      }
    }
    return "draining";
  }

  /** Notes the CPU time of the calling thread, one of the monitor's own. */
  private void account() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    if (mx.isCurrentThreadCpuTimeSupported()) {
      cpuNanosOfThread.put(Thread.currentThread().getId(), mx.getCurrentThreadCpuTime());
    }
  }

  /**
   * CPU time the monitor's own threads (reader, ticker, endpoint) have used so far, ns: its whole
   * cost, as the request path runs none of its code beyond one volatile read per session.
   */
  public long cpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : own) {
      long n = t.isAlive() ? mx.getThreadCpuTime(t.getId()) : -1;
      total += n >= 0 ? n : cpuNanosOfThread.getOrDefault(t.getId(), 0L);
    }
    return total;
  }

  private void publish(LiveSnapshot s) {
    setup.console().println(LiveLine.format(s));
  }

  /**
   * Ends the monitor once Gatling has closed the log: reads it to its end, prints the final line
   * (the whole run, as result.json will say it), keeps the endpoint up for the linger time, then
   * closes it.
   *
   * @return the final snapshot
   */
  public LiveSnapshot finish() {
    finishing = true;
    LogTail t = tail;
    if (t != null) {
      t.finish();
    }
    try {
      reader.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ticker.shutdown();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LiveSnapshot s;
    synchronized (lock) {
      s = snapshot(closedToSecond(true), true);
    }
    publish(s);
    long[] lag = aggregator.lagP99AndMaxMillis();
    double wall = (System.nanoTime() - startedNanos) / 1e9;
    double cpu = cpuNanos() / 1e9;
    setup
        .console()
        .printf(
            Locale.ROOT,
            "%s: decoded %d responses live; a response reached the monitor %d ms after it ended at"
                + " P99, %d ms at most; the monitor's threads used %.2f s of CPU in %.1f s (%.2f %%"
                + " of one core)%n",
            LiveLine.PREFIX,
            s.responsesSoFar(),
            lag[0],
            lag[1],
            cpu,
            wall,
            wall > 0 ? 100 * cpu / wall : 0);
    Duration linger = setup.settings().prometheus().linger();
    if (server != null && !linger.isZero()) {
      sleep(linger.toMillis());
    }
    close();
    return s;
  }

  /** The last snapshot printed, if any. */
  public Optional<LiveSnapshot> lastSnapshot() {
    synchronized (lock) {
      return Optional.ofNullable(last);
    }
  }

  /** Stops everything at once (no final line); {@link #finish()} is the orderly end. */
  @Override
  public void close() {
    finishing = true;
    LogTail t = tail;
    if (t != null) {
      t.finish();
    }
    ticker.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
