package io.phantommesh.perf.embedded.fault;

/**
 * What becomes of one request: answered (after {@code firstByteDelayNanos}), reset or stalled.
 *
 * @param kind the outcome
 * @param firstByteDelayNanos delay before the answer's first byte, >= 0; 0 unless answered
 */
public record Fate(Kind kind, long firstByteDelayNanos) {
  /** The outcomes. */
  public enum Kind {
    ANSWER,
    RESET,
    STALL
  }

  static final Fate ANSWER_NOW = new Fate(Kind.ANSWER, 0);
  static final Fate RESET = new Fate(Kind.RESET, 0);
  static final Fate STALL = new Fate(Kind.STALL, 0);
}
