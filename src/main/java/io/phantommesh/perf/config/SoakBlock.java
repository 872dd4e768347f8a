package io.phantommesh.perf.config;

/**
 * One block of the soak's daily schedule: from a clock time to another, a number of active users.
 *
 * <p>Immutable. Times are minutes of the day; a block whose end is not after its start wraps past
 * midnight ({@code 22:00 -> 06:00}). {@code 00:00 -> 24:00} is the whole day.
 *
 * @param fromMinute start, minute of the day, 0..1439
 * @param toMinute end (exclusive), minute of the day, 0..1440
 * @param users active users in the block, >= 0; each sends one request per user-request-interval
 * @param phase a label shown in progress lines and reports, e.g. {@code peak}
 */
public record SoakBlock(int fromMinute, int toMinute, int users, String phase) {
  /** Minutes in a day. */
  public static final int DAY_MINUTES = 24 * 60;

  /** Length of the block in minutes, 1..1440; wraps past midnight. */
  public int lengthMinutes() {
    int d = toMinute - fromMinute;
    return d <= 0 ? d + DAY_MINUTES : d;
  }

  /** True when the block holds the minute of the day {@code minute} (0..1439). */
  public boolean covers(int minute) {
    return Math.floorMod(minute - fromMinute, DAY_MINUTES) < lengthMinutes();
  }

  /** The block as written in settings, e.g. {@code 22:00-06:00 100 users (low)}. */
  @Override
  public String toString() {
    return clock(fromMinute) + "-" + clock(toMinute) + " " + users + " users (" + phase + ")";
  }

  /** {@code hh:mm} of a minute of the day, 0..1440 ({@code 24:00} for 1440). */
  public static String clock(int minute) {
    return String.format(java.util.Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
  }
}
