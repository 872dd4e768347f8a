package io.phantommesh.perf.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads the {@code phantom} settings: with {@link SettingsReader}, the only code that touches
 * Typesafe Config.
 *
 * <p>Rejects keys reference.conf does not know (with a "did you mean" hint) and settings whose
 * shape is wrong (a section given as a value), then reads every section with the {@code read}
 * beside its record. Every problem is collected and reported at once in an {@link
 * InvalidSettingsException} that names the key, the value and the rule, so a run fails before it
 * sends any load. Stateless.
 */
public final class SettingsLoader {
  private static final String ROOT = SettingsReader.ROOT;

  private SettingsLoader() {}

  /**
   * Loads the settings of a run: system properties over an overlay ({@code -Dconfig.resource} or
   * {@code -Dconfig.file}) over {@code PHANTOM_*} environment variables over reference.conf.
   */
  public static PerfSettings load() {
    return from(loadConfig());
  }

  /**
   * Whether failures print their details (stack traces): {@code phantom.verbose}, read leniently so
   * it works when the rest of the settings is invalid; false when it cannot be read.
   */
  public static boolean isVerbose() {
    try {
      return loadConfig().getBoolean(ROOT + ".verbose");
    } catch (ConfigException | InvalidSettingsException e) {
      return false;
    }
  }

  /**
   * System properties, overlay, environment and reference.conf; a file that does not parse names
   * itself.
   */
  private static Config loadConfig() {
    ConfigFactory.invalidateCaches();
    try {
      return ConfigFactory.load();
    } catch (ConfigException e) {
      throw new InvalidSettingsException(List.of(e.getMessage()));
    }
  }

  /**
   * Loads the settings of a run with {@code overrides} above everything else, e.g. the {@code
   * serve} command's options mapped onto their keys, so one parser checks both: a bad override is
   * reported like any setting, naming its key and value.
   *
   * @param overrides full key ({@code phantom.embedded.faults.reset-ratio}) to value as typed
   * @param origin where the overrides come from, for error messages (e.g. "serve options")
   */
  public static PerfSettings load(Map<String, String> overrides, String origin) {
    Config base = loadConfig();
    try {
      return from(ConfigFactory.parseMap(overrides, origin).withFallback(base).resolve());
    } catch (ConfigException e) {
      throw new InvalidSettingsException(List.of(e.getMessage()));
    }
  }

  /** Settings from HOCON text layered over the defaults: for tests and tools. */
  public static PerfSettings fromString(String hocon) {
    try {
      return from(ConfigFactory.parseString(hocon).withFallback(pureReference()).resolve());
    } catch (ConfigException e) {
      throw new InvalidSettingsException(List.of(e.getMessage()));
    }
  }

  /** Settings from {@code path -> value} pairs layered over the defaults: for tests and tools. */
  public static PerfSettings fromMap(Map<String, ?> values) {
    return from(ConfigFactory.parseMap(values).withFallback(pureReference()).resolve());
  }

  /**
   * Builds settings from a resolved config that contains the defaults.
   *
   * @throws InvalidSettingsException listing every unknown key, wrong type and bad value
   */
  public static PerfSettings from(Config config) {
    return read(config).settings();
  }

  /** The settings and what each key accepts, for the test that walks every key. */
  record Outcome(PerfSettings settings, Map<String, SettingsReader.Kind> kinds) {}

  static Outcome read(Config config) {
    Config reference = pureReference();
    if (!config.hasPath(ROOT) || config.getValue(ROOT).valueType() != ConfigValueType.OBJECT) {
      throw new InvalidSettingsException(List.of(ROOT + ": must be a section { ... }"));
    }
    List<String> problems = new ArrayList<>(wrongShapes(config, reference));
    problems.addAll(unknownKeys(config.getConfig(ROOT), reference.getConfig(ROOT)));
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    SettingsReader r = SettingsReader.of(config);
    PerfSettings settings = PerfSettings.read(r);
    if (!r.problems().isEmpty()) {
      throw new InvalidSettingsException(r.problems());
    }
    return new Outcome(settings, r.kinds());
  }

  /**
   * The reference.conf files of the classpath alone. {@link ConfigFactory#defaultReference()} has
   * system properties merged in, so it would "know" every mistyped {@code -Dphantom.*} key.
   */
  static Config pureReference() {
    return Reference.CONFIG;
  }

  /** Parsed once: the classpath's reference.conf does not change while the JVM runs. */
  private static final class Reference {
    static final Config CONFIG =
        ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), "reference.conf")
            .resolve();
  }

  /**
   * A section of reference.conf given as a value ({@code -Dphantom.slo=abc}) or missing. A wrong
   * value of a leaf is left to the reader, which states the leaf's own rule.
   */
  private static List<String> wrongShapes(Config config, Config reference) {
    List<String> problems = new ArrayList<>();
    try {
      config.checkValid(reference, ROOT);
    } catch (ConfigException.ValidationFailed e) {
      for (ConfigException.ValidationProblem p : e.problems()) {
        String path = p.path().startsWith(ROOT + ".") ? p.path() : ROOT + "." + p.path();
        if (reference.hasPath(path)
            && reference.getValue(path).valueType() == ConfigValueType.OBJECT) {
          String keys = new TreeSet<>(reference.getObject(path).keySet()).toString();
          String given =
              config.hasPathOrNull(path)
                  ? " = " + SettingsReader.render(config.getValue(path))
                  : "";
          problems.add(
              path
                  + given
                  + ": must be a section with the keys "
                  + keys
                  + ", as in reference.conf ("
                  + SettingsReader.describe(p.origin())
                  + ")");
        }
      }
    }
    return problems;
  }

  /** Keys the user set that reference.conf does not know, each with a "did you mean" hint. */
  private static List<String> unknownKeys(Config given, Config reference) {
    Set<String> known = new TreeSet<>();
    reference.entrySet().forEach(e -> known.add(e.getKey()));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : given.entrySet()) {
      String key = e.getKey();
      if (known.contains(key)
          || reference.hasPathOrNull(key) // a section given as a value: see wrongShapes
          || isProfileSloOverride(key, reference)
          || isSoakScheduleEntry(key)) {
        continue;
      }
      String hint =
          Levenshtein.closest(key, known)
              .map(k -> "; did you mean " + ROOT + "." + k + "?")
              .orElse("");
      problems.add(
          ROOT
              + "."
              + key
              + " = "
              + SettingsReader.render(e.getValue())
              + ": unknown setting ("
              + SettingsReader.describe(e.getValue().origin())
              + ")"
              + hint);
    }
    return problems;
  }

  /** {@code profiles.<known profile>.slo.<known slo key>} overrides the global target. */
  private static boolean isProfileSloOverride(String key, Config reference) {
    String[] parts = key.split("\\.", 4);
    return parts.length == 4
        && parts[0].equals("profiles")
        && parts[2].equals("slo")
        && reference.hasPath("profiles." + parts[1])
        && reference.hasPath("slo." + parts[3]);
  }

  /**
   * {@code profiles.soak.schedule.<n>.<key>}: a schedule given as indexed system properties. The
   * list replaces the default one; {@link SoakScheduleReader} checks each block's keys.
   */
  private static boolean isSoakScheduleEntry(String key) {
    return key.startsWith("profiles.soak.schedule.");
  }
}
