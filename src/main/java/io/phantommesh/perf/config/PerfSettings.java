package io.phantommesh.perf.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * All settings of one run, read and validated once, before any load is sent.
 *
 * <p>Immutable. Built only by {@link SettingsLoader}, from one {@code read} per section beside its
 * record; nothing else reads Typesafe Config.
 *
 * @param profileSlos the effective targets of each load model: the global {@code slo} block with
 *     the model's own {@code profiles.<name>.slo} overrides on top
 * @param compare tolerances of the comparison with a baseline run ({@code phantom.compare})
 * @param live the live run monitor ({@code phantom.live})
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
    CompareSettings compare,
    LiveSettings live) {

  public PerfSettings {
    profileSlos = Map.copyOf(profileSlos);
  }

  /** Reads every section of {@code phantom}. */
  static PerfSettings read(SettingsReader r) {
    // Checked with the rest; used by the failure printers, which read it on their own because
    // they must work when the rest is invalid (SettingsLoader.isVerbose).
    r.bool("verbose");
    SettingsReader globalSlo = r.at("slo");
    SloSettings slo = SloSettings.read(globalSlo);
    Map<String, SloSettings> profileSlos = new LinkedHashMap<>();
    SettingsReader profiles = r.at("profiles");
    for (String profile : new TreeSet<>(profiles.keys())) {
      profileSlos.put(profile, SloSettings.read(profiles.at(profile + ".slo").over(globalSlo)));
    }
    return new PerfSettings(
        TargetSettings.read(r.at("target")),
        EmbeddedSettings.read(r.at("embedded")),
        EmbeddedProcessSettings.read(r.at("embedded")),
        JourneySettings.read(r.at("journey")),
        InjectorSettings.read(r.at("injector")),
        slo,
        profileSlos,
        RampUpProfile.read(profiles.at("ramp-up")),
        SmokeProfile.read(profiles.at("smoke")),
        ReportSettings.read(r.at("report")),
        SpikeProfile.read(profiles.at("spike")),
        SustainedProfile.read(profiles.at("sustained")),
        SoakProfile.read(profiles.at("soak")),
        HealthBaselineProfile.read(profiles.at("health-baseline")),
        CompareSettings.read(r.at("compare")),
        LiveSettings.read(r.at("live")));
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
        compare,
        live);
  }
}
