package io.phantommesh.perf.soak;

import io.phantommesh.perf.config.SoakBlock;
import io.phantommesh.perf.config.SoakProfile;
import java.time.Duration;
import java.util.Locale;

/**
 * The soak's simulated clock as the console shows it: which day and time it is in the schedule, the
 * phase and user level, how long the run has gone and how long it has left.
 *
 * <p>Immutable, pure: every answer is a function of the wall-clock time elapsed since the load
 * started.
 */
public final class SoakClock {
  private static final Duration MIN_PERIOD = Duration.ofSeconds(10);

  private final SoakProfile profile;
  private final SoakSchedule schedule;

  public SoakClock(SoakProfile profile) {
    this.profile = profile;
    this.schedule = new SoakSchedule(profile);
  }

  /**
   * How often to print: every 10 s of wall-clock time or every simulated hour, whichever is rarer
   * (real time: hourly; time-scale 60: every minute; 3600: every 10 s).
   */
  public Duration progressPeriod() {
    Duration hour = Duration.ofNanos(Math.round(3600e9 / profile.timeScale()));
    return hour.compareTo(MIN_PERIOD) > 0 ? hour : MIN_PERIOD;
  }

  /** Simulated milliseconds since midnight of the first day, {@code wallElapsed} into the run. */
  public long simulatedMillis(Duration wallElapsed) {
    return profile.startOffset().toMillis()
        + Math.round(wallElapsed.toNanos() / 1e6 * profile.timeScale());
  }

  /** {@code day N hh:mm} of a simulated instant; day 1 is the day the run starts on. */
  public static String clock(long simulatedMillis) {
    long day = Math.floorDiv(simulatedMillis, SoakSchedule.DAY_MILLIS) + 1;
    long minuteOfDay = Math.floorMod(simulatedMillis, SoakSchedule.DAY_MILLIS) / 60_000;
    return "day " + day + " " + SoakBlock.clock((int) minuteOfDay);
  }

  /**
   * One progress line, e.g. {@code soak day 1 09:02 | peak | 640 users | elapsed 0:09:02 | ETA
   * 1:02:58}. The user level is the schedule's at that instant, ramps included.
   */
  public String progressLine(Duration wallElapsed) {
    Duration total = profile.wallDuration();
    Duration elapsed = wallElapsed.compareTo(total) > 0 ? total : wallElapsed;
    long sim = simulatedMillis(elapsed.compareTo(total) >= 0 ? total.minusMillis(1) : elapsed);
    return String.format(
        Locale.ROOT,
        "soak %s | %s | %d users | elapsed %s | ETA %s",
        clock(sim),
        schedule.blockAt(sim).phase(),
        Math.round(schedule.usersAt(sim)),
        hms(wallElapsed),
        hms(total.minus(elapsed)));
  }

  /** {@code h:mm:ss} of a duration, hours unbounded. */
  static String hms(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
