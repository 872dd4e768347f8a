package io.phantommesh.perf.config;

/**
 * This injector's place in a distributed run: injector {@code index} of {@code count} sends {@code
 * 1/count} of every rate.
 *
 * <p>Immutable; {@code 0 <= index < count}.
 */
public record InjectorSettings(int index, int count) {

  /** Reads {@code phantom.injector}. */
  static InjectorSettings read(SettingsReader r) {
    int count = r.integer("count", 1, 1000);
    int index = r.integer("index", 0, 999);
    if (r.isValid("count") && r.isValid("index") && index >= count) {
      r.bad("index", "must be < phantom.injector.count (" + count + ")");
      index = 0;
    }
    return new InjectorSettings(index, count);
  }

  /** A single injector carrying the whole load. */
  public static InjectorSettings single() {
    return new InjectorSettings(0, 1);
  }

  /** This injector's share of a rate or user count. */
  public double share(double total) {
    return total / count;
  }
}
