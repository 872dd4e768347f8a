package io.phantommesh.perf.config;

import java.util.Map;

/**
 * All settings of one run, read and validated once, before any load is sent.
 *
 * <p>Immutable. Built only by {@link SettingsLoader}; nothing else reads Typesafe Config.
 *
 * @param profileSlos the effective targets of each load model: the global {@code slo} block with
 *     the model's own {@code profiles.<name>.slo} overrides on top
 * @param compare tolerances of the comparison with a baseline run ({@code phantom.compare})
 */
public record PerfSettings(
    TargetSettings target,
    EmbeddedSettings embedded,
    EmbeddedProcessSettings embeddedProcess,
    JourneySettings journey,
    InjectorSettings injector,
    SloSettings slo,
    Map<String, SloSettings> profileSlos,
    RampUpProfile rampUp,
    SmokeProfile smoke,
    ReportSettings report,
    SpikeProfile spike,
    SustainedProfile sustained,
    SoakProfile soak,
    HealthBaselineProfile healthBaseline,
    CompareSettings compare) {

  public PerfSettings {
    profileSlos = Map.copyOf(profileSlos);
  }

  /**
   * The targets of a load model.
   *
   * @param profile a key of {@code phantom.profiles}, e.g. {@code "ramp-up"}
   * @throws IllegalArgumentException for an unknown profile
   */
  public SloSettings sloFor(String profile) {
    SloSettings s = profileSlos.get(profile);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown profile '"
              + profile
              + "'; known: "
              + new java.util.TreeSet<>(profileSlos.keySet()));
    }
    return s;
  }

  /** These settings with the target replaced (once the embedded service is listening). */
  public PerfSettings withTarget(TargetSettings newTarget) {
    return new PerfSettings(
        newTarget,
        embedded,
        embeddedProcess,
        journey,
        injector,
        slo,
        profileSlos,
        rampUp,
        smoke,
        report,
        spike,
        sustained,
        soak,
        healthBaseline,
        compare);
  }
}
