package io.phantommesh.perf.embedded;

/**
 * Reproducible pseudo-random draws: draw {@code n} of a stream is a pure function of the seed, the
 * stream and {@code n} (SplitMix64's finaliser over a Weyl sequence).
 *
 * <p>Stateless. Because each draw depends only on its index, a run that answers the same requests
 * in the same order injects the same failures, whatever the threads did, and no shared random
 * generator is contended on the hot path.
 */
public final class Draws {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Draws() {}

  /** A 64-bit mix of {@code z}: a bijection, so distinct inputs give distinct outputs. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Draw {@code n} of stream {@code seed}, uniform in [0, 1). */
  public static double uniform(long seed, long n) {
    return (mix(seed + n * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
  }
}
