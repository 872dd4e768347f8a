package io.phantommesh.perf.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a simulation runs the embedded service: in the Gatling JVM, or in a JVM of its own.
 *
 * <p>Immutable.
 *
 * @param mode where it runs
 * @param jvmOptions JVM options of the service's own JVM (used with {@link Mode#OWN})
 */
public record EmbeddedProcessSettings(Mode mode, List<String> jvmOptions) {

  /** Values of {@code phantom.embedded.process}. */
  public enum Mode {
    /** Own JVM for a model that samples the target's memory and CPU (the soak), else shared. */
    AUTO,
    /** In the Gatling JVM: nothing to start, nothing to stop, and no second JVM's warm-up. */
    SHARED,
    /** In a JVM of its own, started before the load and stopped after it. */
    OWN;

    /** The configuration value, e.g. {@code "auto"}. */
    public String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EmbeddedProcessSettings {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * True when the service gets its own JVM.
   *
   * @param samplesTarget whether the model samples the target's memory and CPU, which in a shared
   *     JVM would include the injector's own
   */
  public boolean ownJvm(boolean samplesTarget) {
    return mode == Mode.OWN || (mode == Mode.AUTO && samplesTarget);
  }

  /** Reads {@code phantom.embedded.process} and {@code phantom.embedded.own-jvm-options}. */
  static EmbeddedProcessSettings read(SettingsReader r) {
    Mode mode =
        r.parsed(
            "process",
            "must be one of "
                + Arrays.stream(Mode.values())
                    .map(Mode::configValue)
                    .collect(Collectors.joining(", ")),
            text ->
                Arrays.stream(Mode.values())
                    .filter(m -> m.configValue().equalsIgnoreCase(text))
                    .findFirst()
                    .orElse(null));
    List<String> options =
        r.stringList(
            "own-jvm-options",
            "must be a list of JVM options, each one starting with '-', e.g. [\"-Xmx1g\"]",
            o -> o.startsWith("-"));
    return new EmbeddedProcessSettings(mode == null ? Mode.AUTO : mode, options);
  }
}
