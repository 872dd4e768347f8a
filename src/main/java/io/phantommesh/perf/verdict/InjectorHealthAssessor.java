package io.phantommesh.perf.verdict;

import io.phantommesh.perf.results.InjectorSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges whether the injector, not the target, limited a run: turns the Gatling JVM's {@link
 * InjectorSamples} into the result's {@link InjectorHealth}, with a warning when any limit below is
 * reached.
 *
 * <p>Limits (measured on the 2-core reference machine, see docs/benchmark.md):
 *
 * <ul>
 *   <li>late arrivals: at least {@value #LATE_ARRIVALS_PERCENT} % of arrivals started 5 ms or more
 *       after their planned instant. Runs whose P99 stayed within 2x the reference measured 0.2 to
 *       1.6 % (the machine is shared, so the OS delays threads now and then); an injector past its
 *       capacity measured 4 to 90 %;
 *   <li>CPU: the injector's average at least {@value #CPU_PERCENT} % of all the cores it may use;
 *   <li>garbage collection: at least {@value #GC_PERCENT} % of the wall time;
 *   <li>heap: the live set after a collection at least {@value #HEAP_PERCENT} % of the limit.
 * </ul>
 *
 * Stateless.
 */
public final class InjectorHealthAssessor {
  /** Share of late arrivals, percent, from which the injector is called the bottleneck. */
  public static final double LATE_ARRIVALS_PERCENT = 2.0;

  /** Injector CPU average, percent of its cores, from which it is called saturated. */
  public static final double CPU_PERCENT = 90.0;

  /** GC time, percent of wall time, from which the injector is called GC-bound. */
  public static final double GC_PERCENT = 10.0;

  /** Live heap, percent of the heap limit, from which the heap is called nearly full. */
  public static final double HEAP_PERCENT = 90.0;

  private InjectorHealthAssessor() {}

  /** The health of one injector, or of several (worst figure of each); null for none. */
  public static InjectorHealth assess(List<InjectorSamples> injectors) {
    if (injectors.isEmpty()) {
      return null;
    }
    InjectorSamples worst = injectors.get(0);
    double cpuAvg = 0, cpuMax = 0, gcPercent = 0, heapUsed = 0, heapLive = 0, heapLimit = 0;
    double late = 0, lagP99 = 0, lagMax = 0;
    long gcMillis = 0;
    for (InjectorSamples s : injectors) {
      cpuAvg = Math.max(cpuAvg, s.cpuPercentAvg());
      cpuMax = Math.max(cpuMax, s.cpuPercentMax());
      gcPercent = Math.max(gcPercent, s.gcPercent());
      gcMillis = Math.max(gcMillis, s.gcMillis());
      heapUsed = Math.max(heapUsed, s.heapUsedMaxMb());
      heapLimit = Math.max(heapLimit, s.heapLimitMb());
      if (s.heapLimitMb() > 0) {
        heapLive = Math.max(heapLive, 100.0 * s.heapAfterGcMaxMb() / s.heapLimitMb());
      }
      late = Math.max(late, s.lateArrivalsPercent());
      lagP99 = Math.max(lagP99, s.lagP99Millis());
      lagMax = Math.max(lagMax, s.lagMaxMillis());
    }
    List<String> reasons = new ArrayList<>();
    if (late >= LATE_ARRIVALS_PERCENT) {
      reasons.add(
          fmt(
              "%.1f %% of arrivals started %.0f ms or more late (limit %.0f %%)",
              late, worst.lateThresholdMillis(), LATE_ARRIVALS_PERCENT));
    }
    if (cpuAvg >= CPU_PERCENT) {
      reasons.add(
          fmt(
              "CPU averaged %.0f %% of %d cores (limit %.0f %%)",
              cpuAvg, worst.cores(), CPU_PERCENT));
    }
    if (gcPercent >= GC_PERCENT) {
      reasons.add(fmt("GC took %.1f %% of the time (limit %.0f %%)", gcPercent, GC_PERCENT));
    }
    if (heapLive >= HEAP_PERCENT) {
      reasons.add(fmt("live heap at %.0f %% of its limit (limit %.0f %%)", heapLive, HEAP_PERCENT));
    }
    String warning =
        reasons.isEmpty() ? null : "injector was the bottleneck: " + String.join("; ", reasons);
    boolean probed = injectors.stream().anyMatch(s -> s.eventLoops() > 0);
    return new InjectorHealth(
        round1(cpuAvg),
        round1(cpuMax),
        gcMillis,
        round1(heapUsed),
        warning,
        worst.cores(),
        round2(gcPercent),
        round1(heapLimit),
        probed ? round2(late) : null,
        probed ? worst.lateThresholdMillis() : null,
        probed ? round1(lagP99) : null,
        probed ? round1(lagMax) : null);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
