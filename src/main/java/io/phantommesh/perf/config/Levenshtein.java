package io.phantommesh.perf.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Edit distance between two keys, for the "did you mean" hint of an unknown setting.
 *
 * <p>Stateless. The distance counts single-character insertions, deletions and substitutions.
 */
final class Levenshtein {
  private Levenshtein() {}

  /**
   * The known key closest to {@code key}, if it is within {@code max(3, key.length() / 4)} edits:
   * close enough to be a typo, far enough to catch a dropped or doubled letter in a long key.
   */
  static Optional<String> closest(String key, Collection<String> known) {
    return known.stream()
        .map(k -> Map.entry(k, distance(key, k)))
        .filter(e -> e.getValue() <= Math.max(3, key.length() / 4))
        .min(Comparator.comparingInt(Map.Entry::getValue))
        .map(Map.Entry::getKey);
  }

  /** The number of single-character edits that turn {@code a} into {@code b}, >= 0. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
