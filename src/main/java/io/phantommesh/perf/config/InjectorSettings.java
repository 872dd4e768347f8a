package io.phantommesh.perf.config;

/**
 * This injector's place in a distributed run: injector {@code index} of {@code count} sends {@code
 * 1/count} of every rate.
 *
 * <p>Immutable; {@code 0 <= index < count}.
 */
public record InjectorSettings(int index, int count) {

  /** A single injector carrying the whole load. */
  public static InjectorSettings single() {
    return new InjectorSettings(0, 1);
  }

  /** This injector's share of a rate or user count. */
  public double share(double total) {
    return total / count;
  }
}
