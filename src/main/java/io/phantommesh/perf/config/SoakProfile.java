package io.phantommesh.perf.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The staging report's soak model: a daily schedule of user levels repeated over a long run (72 h),
 * compressible in time, with the target's memory and CPU sampled along the way.
 *
 * <p>Immutable; validated by {@link #read} (the schedule covers the day exactly once). Traffic
 * model: each active user sends one request per {@code userRequestInterval}, so the request rate is
 * {@code users / interval} (an open model: arrivals stay computable, a slow target does not slow
 * the load down). Time compression divides every duration by {@code timeScale} and keeps every
 * rate: the shape and the ratio of levels are kept, a simulated day carries {@code 1/timeScale} of
 * its requests.
 *
 * @param schedule blocks covering 24 h once, in the order given
 * @param startHour clock hour the run starts at, 0..23
 * @param duration simulated run length, > 0
 * @param rampBetweenLevels simulated length of the linear ramp at the start of a block whose level
 *     differs from the block before, >= 0 and <= the shortest such block
 * @param userRequestInterval time between two requests of one user, > 0
 * @param timeScale simulated seconds per wall-clock second, > 0 (1: real time; 60: 72 h in 72 min)
 * @param sampleInterval simulated time between two samples of the target's metrics, > 0
 * @param sampleTimeout wall-clock timeout of one metrics request, > 0
 * @param metricsUrl the Prometheus endpoint to sample; empty: the target's metrics URL
 * @param targetCores CPU cores of the target's machine, the denominator of the CPU average; 0: this
 *     machine's (right for the embedded target)
 * @param thresholds WARNING limits of the two soak metrics
 * @param outputDir folder under which each run writes {@code <start epoch ms>/soak-metrics.csv}
 */
public record SoakProfile(
    List<SoakBlock> schedule,
    int startHour,
    Duration duration,
    Duration rampBetweenLevels,
    Duration userRequestInterval,
    double timeScale,
    Duration sampleInterval,
    Duration sampleTimeout,
    Optional<URI> metricsUrl,
    int targetCores,
    Thresholds thresholds,
    Path outputDir) {

  public SoakProfile {
    schedule = List.copyOf(schedule);
  }

  /** Shortest wall-clock time between two samples the sampler keeps up with, milliseconds. */
  static final int MIN_WALL_SAMPLE_MILLIS = 10;

  /** Reads {@code phantom.profiles.soak}. */
  static SoakProfile read(SettingsReader r) {
    List<SoakBlock> schedule = SoakScheduleReader.read(r, "schedule");
    int startHour = r.integer("start-hour", 0, 23);
    Duration duration = r.duration("duration", Duration.ofMillis(1), Duration.ofDays(30));
    Duration ramp = r.duration("ramp-between-levels", Duration.ZERO, Duration.ofDays(1));
    Duration interval =
        r.duration("user-request-interval", Duration.ofMillis(1), Duration.ofHours(1));
    double timeScale =
        r.number(
            "time-scale",
            0,
            false,
            1_000_000,
            "simulated seconds per wall-clock second: 1 = real time, 60 = 72 h in 72 min");
    Duration sampleInterval =
        r.duration("sample-interval", Duration.ofMillis(1), Duration.ofDays(30));
    Duration sampleTimeout =
        r.duration("sample-timeout", Duration.ofMillis(1), Duration.ofMinutes(1));
    URI metricsUrl = r.parsedOrEmpty("metrics-url", HttpUrl.RULE, HttpUrl::parse);
    int cores = r.integer("target-cores", 0, 4096);
    double growth = r.number("thresholds.memory-growth-per-24h", 0, false, 100_000, "percent");
    double cpu = r.number("thresholds.cpu-average", 0, false, 100, "percent");
    Path outputDir = Path.of(r.nonBlank("output-dir", "a folder"));
    if (r.isValid("time-scale") && r.isValid("duration") && r.isValid("sample-interval")) {
      checkWallClock(r, duration, timeScale, sampleInterval);
    }
    if (!schedule.isEmpty() && r.isValid("ramp-between-levels")) {
      SoakScheduleReader.checkRampFits(r, "ramp-between-levels", ramp, schedule);
    }
    return new SoakProfile(
        schedule,
        startHour,
        duration,
        ramp,
        interval,
        timeScale,
        sampleInterval,
        sampleTimeout,
        Optional.ofNullable(metricsUrl),
        cores,
        new Thresholds(growth, cpu),
        outputDir);
  }

  /** The compressed run lasts >= 1 s and samples no faster than the sampler can. */
  private static void checkWallClock(
      SettingsReader r, Duration duration, double timeScale, Duration sampleInterval) {
    long wallMillis = Math.round(duration.toMillis() / timeScale);
    if (wallMillis < 1000) {
      r.bad(
          "time-scale",
          "compresses "
              + r.key("duration")
              + " ("
              + SettingsReader.human(duration)
              + ") to "
              + wallMillis
              + " ms; the run must last >= 1 s of wall-clock time, so time-scale must be <= "
              + SettingsReader.fmt(Math.floor(duration.toMillis() / 1000.0)));
    }
    if (sampleInterval.compareTo(duration) > 0) {
      r.bad(
          "sample-interval",
          "must be <= "
              + r.key("duration")
              + " ("
              + SettingsReader.human(duration)
              + "): both are divided by time-scale, so the run would end before its second sample");
      return;
    }
    double wallSampleMillis = sampleInterval.toNanos() / 1e6 / timeScale;
    if (wallSampleMillis < MIN_WALL_SAMPLE_MILLIS && wallMillis >= 1000) {
      r.bad(
          "sample-interval",
          "is "
              + String.format(java.util.Locale.ROOT, "%.1f", wallSampleMillis)
              + " ms of wall-clock time at time-scale "
              + SettingsReader.fmt(timeScale)
              + "; must be >= "
              + MIN_WALL_SAMPLE_MILLIS
              + " ms: raise sample-interval or lower time-scale");
    }
  }

  /**
   * WARNING limits of the soak's own metrics (seed: staging-load-test-report, "Soak Test
   * Thresholds"). Both are PASS strictly below the limit.
   *
   * @param memoryGrowthPercentPer24h resident-memory growth per simulated 24 h, percent, > 0
   * @param cpuAveragePercent mean CPU use over the run, percent of all the target's cores, > 0
   */
  public record Thresholds(double memoryGrowthPercentPer24h, double cpuAveragePercent) {}

  /** The request rate (req/s over all injectors) of a user level. */
  public double rateOf(double users) {
    return users / (userRequestInterval.toNanos() / 1e9);
  }

  /** The wall-clock length of a simulated span: divided by the time scale, to the millisecond. */
  public Duration toWall(Duration simulated) {
    return Duration.ofMillis(Math.round(simulated.toMillis() / timeScale));
  }

  /** Wall-clock length of the run. */
  public Duration wallDuration() {
    return toWall(duration);
  }

  /** Wall-clock time between two samples, to the nanosecond. */
  public Duration wallSampleInterval() {
    return Duration.ofNanos(Math.round(sampleInterval.toNanos() / timeScale));
  }

  /**
   * Samples a run takes: one at the start and one every sample interval while the run lasts, {@code
   * ceil(duration / sample-interval)} (72 h every 5 min: 864).
   */
  public int expectedSamples() {
    long d = duration.toMillis();
    long i = sampleInterval.toMillis();
    return (int) ((d + i - 1) / i);
  }

  /** The simulated clock time the run starts at, as an offset from midnight. */
  public Duration startOffset() {
    return Duration.ofHours(startHour);
  }

  /** The highest user level of the schedule. */
  public int peakUsers() {
    return schedule.stream().mapToInt(SoakBlock::users).max().orElse(0);
  }

  /** The block holding the minute of the day {@code minute} (0..1439). */
  public SoakBlock blockAt(int minute) {
    return schedule.stream()
        .filter(b -> b.covers(minute))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("schedule does not cover " + SoakBlock.clock(minute)));
  }

  /** The blocks sorted by their start time. */
  public List<SoakBlock> scheduleInClockOrder() {
    return schedule.stream().sorted(Comparator.comparingInt(SoakBlock::fromMinute)).toList();
  }
}
