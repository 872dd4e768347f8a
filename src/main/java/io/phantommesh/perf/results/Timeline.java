package io.phantommesh.perf.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per wall-clock second counters of a run, growing in both directions as records arrive in any
 * order (several injectors' logs are read one after the other).
 *
 * <p>Memory: about 50 bytes per second of run plus {@link SecondLatencies} for each second that had
 * responses. Mutable, not thread-safe.
 */
final class Timeline {

  private long base;
  private int capacity;
  private long minSecond = Long.MAX_VALUE;
  private long maxSecond = Long.MIN_VALUE;
  private long[] requestsStarted = new long[0];
  private long[] responses = new long[0];
  private long[] errors = new long[0];
  private long[] usersStarted = new long[0];
  private long[] usersEnded = new long[0];
  private SecondLatencies[] latencies = new SecondLatencies[0];

  // The second last looked up: records come roughly in time order, so most lookups hit it.
  private long lastSecondStartMillis = Long.MIN_VALUE;
  private int lastSlot;

  // Every update takes the slot first: in a[slot(t)]++ Java would pick the array before slot()
  // grows it.

  void requestStarted(long epochMillis) {
    int s = slot(epochMillis);
    requestsStarted[s]++;
  }

  void responseEnded(long epochMillis, long responseTimeMillis, boolean isOk) {
    int s = slot(epochMillis);
    responses[s]++;
    if (!isOk) {
      errors[s]++;
    }
    SecondLatencies l = latencies[s];
    if (l == null) {
      l = new SecondLatencies();
      latencies[s] = l;
    }
    l.record(responseTimeMillis);
  }

  void userStarted(long epochMillis) {
    int s = slot(epochMillis);
    usersStarted[s]++;
  }

  void userEnded(long epochMillis) {
    int s = slot(epochMillis);
    usersEnded[s]++;
  }

  /** Makes sure the timeline covers the second of {@code epochMillis}, even with no activity. */
  void cover(long epochMillis) {
    slot(epochMillis);
  }

  /**
   * One entry per second from the earliest to the latest covered one. Active users of a second:
   * users started in it or before, minus users ended before it, so that a user counts in every
   * second it was alive at some instant (a user with no End record stays alive to the end).
   */
  List<TimelineSecond> seconds() {
    List<TimelineSecond> out = new ArrayList<>();
    if (minSecond > maxSecond) {
      return out;
    }
    long alive = 0;
    for (long second = minSecond; second <= maxSecond; second++) {
      int s = (int) (second - base);
      long active = alive + usersStarted[s];
      alive = active - usersEnded[s];
      SecondLatencies l = latencies[s];
      out.add(
          new TimelineSecond(
              second,
              requestsStarted[s],
              responses[s],
              errors[s],
              active,
              l == null ? 0 : l.valueAtPercentile(50.0),
              l == null ? 0 : l.valueAtPercentile(99.0)));
    }
    return out;
  }

  private int slot(long epochMillis) {
    long intoLast = epochMillis - lastSecondStartMillis;
    if (intoLast >= 0 && intoLast < 1000) {
      return lastSlot;
    }
    long second = Math.floorDiv(epochMillis, 1000L);
    int slot = slowSlot(second);
    lastSecondStartMillis = second * 1000L;
    lastSlot = slot;
    return slot;
  }

  private int slowSlot(long second) {
    if (second < minSecond) {
      minSecond = second;
    }
    if (second > maxSecond) {
      maxSecond = second;
    }
    if (capacity == 0) {
      base = second;
      resize(0, 64);
    } else if (second < base) {
      long shift = base - second + Math.max(16, capacity / 2);
      requireReasonable(capacity + shift);
      resize((int) shift, capacity + (int) shift);
      base -= shift;
    } else if (second - base >= capacity) {
      requireReasonable(second - base + 1);
      resize(0, (int) Math.max(capacity * 2L, second - base + 1));
    }
    return (int) (second - base);
  }

  private static void requireReasonable(long seconds) {
    // Int offsets from one run start span at most 2^32 ms, about 50 days.
    if (seconds > 50L * 86_400 * 2) {
      throw new IllegalStateException("timeline would span " + seconds + " seconds");
    }
  }

  private void resize(int shift, int newCapacity) {
    requestsStarted = moved(requestsStarted, shift, newCapacity);
    responses = moved(responses, shift, newCapacity);
    errors = moved(errors, shift, newCapacity);
    usersStarted = moved(usersStarted, shift, newCapacity);
    usersEnded = moved(usersEnded, shift, newCapacity);
    SecondLatencies[] l = new SecondLatencies[newCapacity];
    System.arraycopy(latencies, 0, l, shift, latencies.length);
    latencies = l;
    capacity = newCapacity;
  }

  private static long[] moved(long[] old, int shift, int newCapacity) {
    if (shift == 0) {
      return Arrays.copyOf(old, newCapacity);
    }
    long[] out = new long[newCapacity];
    System.arraycopy(old, 0, out, shift, old.length);
    return out;
  }
}
