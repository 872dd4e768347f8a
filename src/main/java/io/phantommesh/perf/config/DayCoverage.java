package io.phantommesh.perf.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Checks that blocks of a daily schedule cover every minute of the day exactly once, and names the
 * gaps and overlaps by clock time when they do not.
 *
 * <p>Stateless, pure.
 */
final class DayCoverage {
  private DayCoverage() {}

  /** Why {@code blocks} do not cover the day once, e.g. "leaves 06:00-07:00 uncovered (...)". */
  static Optional<String> problem(List<SoakBlock> blocks) {
    int[] count = new int[SoakBlock.DAY_MINUTES];
    for (SoakBlock b : blocks) {
      for (int m = 0; m < b.lengthMinutes(); m++) {
        count[(b.fromMinute() + m) % SoakBlock.DAY_MINUTES]++;
      }
    }
    List<int[]> gaps = runs(count, n -> n == 0);
    List<int[]> overlaps = runs(count, n -> n > 1);
    if (gaps.isEmpty() && overlaps.isEmpty()) {
      return Optional.empty();
    }
    List<String> why = new ArrayList<>();
    if (!gaps.isEmpty()) {
      long covered = Arrays.stream(count).filter(n -> n > 0).count();
      why.add(
          "leaves " + ranges(gaps) + " uncovered (covers " + hoursMinutes(covered) + " of 24 h)");
    }
    for (int[] r : overlaps) {
      List<String> holders =
          blocks.stream().filter(b -> b.covers(r[0])).map(SoakBlock::toString).toList();
      why.add(
          "covers "
              + ranges(List.of(r))
              + " more than once ("
              + String.join(" and ", holders)
              + ")");
    }
    return Optional.of(String.join("; ", why));
  }

  /** Circular runs of minutes matching {@code test}, as {from, to} pairs (to may pass 1440). */
  private static List<int[]> runs(int[] count, IntPredicate test) {
    int n = count.length;
    List<int[]> out = new ArrayList<>();
    if (Arrays.stream(count).allMatch(test)) {
      out.add(new int[] {0, n});
      return out;
    }
    int start = 0;
    while (test.test(count[start])) {
      start++; // begin scanning just after a non-matching minute, so no run is split at midnight
    }
    for (int k = 0; k < n; k++) {
      int m = (start + k) % n;
      if (test.test(count[m]) && !test.test(count[Math.floorMod(m - 1, n)])) {
        int len = 0;
        while (test.test(count[(m + len) % n])) {
          len++;
        }
        out.add(new int[] {m, m + len});
      }
    }
    out.sort(Comparator.comparingInt(r -> r[0]));
    return out;
  }

  private static String ranges(List<int[]> runs) {
    List<String> out = new ArrayList<>();
    for (int[] r : runs) {
      int end = r[1] > SoakBlock.DAY_MINUTES ? r[1] - SoakBlock.DAY_MINUTES : r[1];
      out.add(SoakBlock.clock(r[0]) + "-" + SoakBlock.clock(end));
    }
    return String.join(", ", out);
  }

  private static String hoursMinutes(long minutes) {
    return minutes % 60 == 0
        ? (minutes / 60) + " h"
        : (minutes / 60) + " h " + (minutes % 60) + " min";
  }
}
