package io.phantommesh.perf.simulation.support;

import io.gatling.javaapi.core.Session;
import io.netty.util.concurrent.EventExecutor;
import io.phantommesh.perf.results.InjectorSamples;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The Gatling JVM watching itself: process CPU, GC time and heap sampled once a second by a daemon
 * thread, and the lateness of Gatling's own event loops measured by a probe on each loop.
 *
 * <p>Started in the simulation constructor, stopped in {@code after()}. Figures cover the measured
 * part of the run only: from the first measured arrival ({@link #measuredArrival}) to {@link
 * #stop}. The silent warm-up's sessions call {@link #warmUpArrival}, which only finds the event
 * loops to probe. Each probe reschedules itself {@value #PROBE_PERIOD_MILLIS} ms after it ran; its
 * lateness is how long work scheduled on that loop (user arrivals, request writes, response
 * handling) waited for a busy or stalled loop. Thread-safe; costs about 0.1 % of one core.
 */
public final class InjectorMonitor {
  /** Probe period on each event loop, ms. */
  static final long PROBE_PERIOD_MILLIS = 10;

  /** Lateness from which an arrival counts as late, ms. */
  static final double LATE_THRESHOLD_MILLIS = 5.0;

  private static final double MIB = 1024.0 * 1024.0;

  private final ScheduledExecutorService sampler;
  private final Map<EventExecutor, Probe> probes = new ConcurrentHashMap<>();
  private final com.sun.management.OperatingSystemMXBean os;
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final int cores = Runtime.getRuntime().availableProcessors();

  private volatile long measuredFromNanos = Long.MAX_VALUE;
  private volatile boolean stopped;

  // Written by the sampler thread only (stop() joins it first).
  private boolean baselineTaken;
  private long baseNanos;
  private long baseCpuNanos;
  private long baseGcMillis;
  private long baseGcCount;
  private long lastNanos;
  private long lastCpuNanos;
  private double cpuPercentMax;
  private double heapUsedMaxMb;
  private double heapAfterGcMaxMb;

  private InjectorMonitor() {
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "phantom-injector-monitor");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts sampling now. */
  public static InjectorMonitor start() {
    InjectorMonitor m = new InjectorMonitor();
    m.sampler.scheduleAtFixedRate(m::sample, 1, 1, TimeUnit.SECONDS);
    return m;
  }

  /** A session step for warm-up sessions: finds event loops to probe, nothing else. */
  public Function<Session, Session> warmUpArrival() {
    return session -> {
      watch(session);
      return session;
    };
  }

  /** A session step for measured sessions: also marks the start of the measured window. */
  public Function<Session, Session> measuredArrival() {
    return session -> {
      if (measuredFromNanos == Long.MAX_VALUE) {
        markMeasured();
      }
      watch(session);
      return session;
    };
  }

  private synchronized void markMeasured() {
    if (measuredFromNanos == Long.MAX_VALUE) {
      measuredFromNanos = System.nanoTime();
    }
  }

  private void watch(Session session) {
    EventExecutor loop = session.asScala().eventLoop();
    if (!stopped && !probes.containsKey(loop)) {
      probes.computeIfAbsent(loop, l -> new Probe(l)).schedule();
    }
  }

  /** Stops sampling and probing; the figures of the measured window. */
  public InjectorSamples stop() {
    stopped = true;
    sampler.shutdown();
    try {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      sample();
      return summary();
    }
  }

  /** The figures of the measured window so far, for the live monitor; the run goes on. */
  public InjectorSamples snapshot() {
    synchronized (this) {
      return summary();
    }
  }

  private InjectorSamples summary() {
    Histogram lags = new Histogram(3);
    long lateNanos = 0;
    int loops = 0;
    for (Probe p : probes.values()) {
      synchronized (p) {
        lags.add(p.lags);
        lateNanos += p.lateNanos;
        loops += p.lags.getTotalCount() > 0 ? 1 : 0;
      }
    }
    long wallNanos = baselineTaken ? lastNanos - baseNanos : 0;
    long gcMillis = 0;
    long gcCount = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      gcMillis += Math.max(0, gc.getCollectionTime());
      gcCount += Math.max(0, gc.getCollectionCount());
    }
    return new InjectorSamples(
        cores,
        wallNanos / 1_000_000,
        baselineTaken ? (lastCpuNanos - baseCpuNanos) / 1_000_000 : 0,
        round(cpuPercentMax),
        baselineTaken ? gcMillis - baseGcMillis : 0,
        baselineTaken ? gcCount - baseGcCount : 0,
        round(heapUsedMaxMb),
        round(heapAfterGcMaxMb),
        round(Runtime.getRuntime().maxMemory() / MIB),
        loops,
        lags.getTotalCount(),
        round(lags.getValueAtPercentile(99.0) / 1000.0),
        round(lags.getMaxValue() / 1000.0),
        round(lateNanos / 1e6),
        LATE_THRESHOLD_MILLIS);
  }

  /** One sample; the first one at or after the measured start becomes the baseline. */
  private synchronized void sample() {
    long now = System.nanoTime();
    if (now < measuredFromNanos) {
      return;
    }
    long cpu = os.getProcessCpuTime();
    if (!baselineTaken) {
      baselineTaken = true;
      baseNanos = now;
      baseCpuNanos = cpu;
      for (GarbageCollectorMXBean gc : collectors) {
        baseGcMillis += Math.max(0, gc.getCollectionTime());
        baseGcCount += Math.max(0, gc.getCollectionCount());
      }
    } else if (now > lastNanos) {
      double percent = 100.0 * (cpu - lastCpuNanos) / ((double) (now - lastNanos) * cores);
      cpuPercentMax = Math.max(cpuPercentMax, Math.min(100.0, percent));
    }
    lastNanos = now;
    lastCpuNanos = cpu;
    long used = 0;
    long afterGc = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      used += pool.getUsage().getUsed();
      MemoryUsage collected = pool.getCollectionUsage();
      afterGc += collected == null ? 0 : collected.getUsed();
    }
    heapUsedMaxMb = Math.max(heapUsedMaxMb, used / MIB);
    heapAfterGcMaxMb = Math.max(heapAfterGcMaxMb, afterGc / MIB);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Lateness probe of one event loop; runs on that loop only. */
  private final class Probe implements Runnable {
    private final EventExecutor loop;
    private final Histogram lags = new Histogram(3_600_000_000L, 3); // microseconds, up to 1 h
    private long lateNanos;
    private long dueNanos;

    Probe(EventExecutor loop) {
      this.loop = loop;
    }

    void schedule() {
      dueNanos = System.nanoTime() + PROBE_PERIOD_MILLIS * 1_000_000;
      loop.schedule(this, PROBE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
      if (stopped) {
        return;
      }
      long now = System.nanoTime();
      if (dueNanos >= measuredFromNanos) {
        long lag = Math.max(0, now - dueNanos);
        synchronized (this) {
          lags.recordValue(Math.min(lag / 1000, lags.getHighestTrackableValue()));
          lateNanos += Math.max(0, lag - (long) (LATE_THRESHOLD_MILLIS * 1_000_000));
        }
      }
      schedule();
    }
  }
}
