package io.phantommesh.perf.verdict;

/**
 * The direction and strictness of a tiered limit: which side of the target PASSes and which side of
 * the critical limit is CRITICAL.
 *
 * <ul>
 *   <li>{@link #AT_MOST}: a ceiling (latency). PASS if value &lt;= target, CRITICAL if value &gt;
 *       critical.
 *   <li>{@link #BELOW}: a strict ceiling (error rate, the seed's "&lt; 1 %"). PASS if value &lt;
 *       target, CRITICAL if value &gt; critical.
 *   <li>{@link #AT_LEAST}: a floor (throughput). PASS if value &gt;= target, CRITICAL if value &lt;
 *       critical.
 * </ul>
 *
 * Everything else is WARNING. Without a critical limit the worst tier is WARNING.
 */
public enum Bound {
  AT_MOST("<=", "≤", ">", ">"),
  BELOW("<", "<", ">", ">"),
  AT_LEAST(">=", "≥", "<", "<");

  private final String passAscii;
  private final String passSymbol;
  private final String criticalAscii;
  private final String criticalSymbol;

  Bound(String passAscii, String passSymbol, String criticalAscii, String criticalSymbol) {
    this.passAscii = passAscii;
    this.passSymbol = passSymbol;
    this.criticalAscii = criticalAscii;
    this.criticalSymbol = criticalSymbol;
  }

  /** True for a floor: bigger values are better. */
  public boolean isFloor() {
    return this == AT_LEAST;
  }

  /**
   * The tier of {@code value} against these limits.
   *
   * @param value the figure, in the unit of the limits
   * @param target the PASS limit
   * @param critical the CRITICAL limit, or {@code null} when the metric has no CRITICAL tier
   */
  public Tier tierOf(double value, double target, Double critical) {
    boolean pass =
        switch (this) {
          case AT_MOST -> value <= target;
          case BELOW -> value < target;
          case AT_LEAST -> value >= target;
        };
    if (pass) {
      return Tier.PASS;
    }
    if (critical != null && (isFloor() ? value < critical : value > critical)) {
      return Tier.CRITICAL;
    }
    return Tier.WARNING;
  }

  /** The PASS comparison in ASCII ({@code <=}, {@code <}, {@code >=}), for plain text. */
  public String passAscii() {
    return passAscii;
  }

  /** The PASS comparison in Unicode ({@code ≤}, {@code <}, {@code ≥}), for Markdown. */
  public String passSymbol() {
    return passSymbol;
  }

  /** The CRITICAL comparison in ASCII ({@code >} or {@code <}). */
  public String criticalAscii() {
    return criticalAscii;
  }

  /** The CRITICAL comparison for Markdown ({@code >} or {@code <}). */
  public String criticalSymbol() {
    return criticalSymbol;
  }

  /** The negation of the PASS comparison in ASCII: what a WARNING value is beyond the target. */
  public String failAscii() {
    return switch (this) {
      case AT_MOST -> ">";
      case BELOW -> ">=";
      case AT_LEAST -> "<";
    };
  }

  /** The negation of the CRITICAL comparison in ASCII: where a WARNING value stays. */
  public String withinCriticalAscii() {
    return isFloor() ? ">=" : "<=";
  }
}
