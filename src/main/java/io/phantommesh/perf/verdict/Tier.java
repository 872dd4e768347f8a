package io.phantommesh.perf.verdict;

import java.util.Collection;

/**
 * How far a figure is from its limit, best first: PASS within the target, WARNING between the
 * target and the critical limit, CRITICAL beyond the critical limit.
 *
 * <p>The declaration order is the severity order; the overall verdict of a run is the worst tier of
 * its verdicts ({@link #worstOf}).
 */
public enum Tier {
  PASS,
  WARNING,
  CRITICAL;

  /** The more severe of this tier and {@code other}. */
  public Tier worse(Tier other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /**
   * The most severe tier of {@code tiers}.
   *
   * @throws IllegalArgumentException when {@code tiers} is empty: no verdict is not a PASS
   */
  public static Tier worstOf(Collection<Tier> tiers) {
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("no verdicts: an overall tier needs at least one");
    }
    Tier worst = PASS;
    for (Tier t : tiers) {
      worst = worst.worse(t);
    }
    return worst;
  }
}
