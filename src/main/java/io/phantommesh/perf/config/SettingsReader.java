package io.phantommesh.perf.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The generic settings reader: typed, checked reads of the {@code phantom} tree for the {@code
 * static X read(SettingsReader r)} method beside each settings record.
 *
 * <p>A read never throws. A value that is missing, of the wrong type or out of range becomes a
 * problem line naming the full key the user typed, the value as given, the rule it breaks and where
 * it came from (file and line, system property, environment), and the read returns a harmless
 * fallback so reading goes on; {@link SettingsLoader} throws every problem at once. Each getter
 * takes the key's legal range and states it in its rule, so a range is written once, where it is
 * checked. Not thread-safe: one reader (and its scoped views) per load. Somewhat over 350 lines
 * because each getter states and checks its own rule; split, the rules would scatter.
 */
public final class SettingsReader {
  static final String ROOT = "phantom";

  /** Highest request rate any setting accepts, requests per second: 10 million. */
  public static final double MAX_RATE = 10_000_000;

  /** What a key accepts besides its strict syntax: drives the every-key test's expectations. */
  enum Kind {
    /** Any text at all (a token). */
    ANY_TEXT,
    /** Any text that is not blank (a folder name). */
    NON_BLANK_TEXT,
    /** Empty means "not set"; anything else has a strict syntax (an optional URL). */
    EMPTY_OR_STRICT,
    /** A strict syntax and range: numbers, durations, sizes, booleans, enums, paths, lists. */
    STRICT
  }

  /** State shared by a reader and its scoped views. */
  private static final class Shared {
    final Set<String> problems = new LinkedHashSet<>();
    final Set<String> failedKeys = new TreeSet<>();
    final Map<String, Kind> kinds = new LinkedHashMap<>();
  }

  private final Config tree;
  private final String shownRoot;
  private final String prefix;
  private final SettingsReader fallback;
  private final ConfigValue whole;
  private final Shared shared;

  private SettingsReader(
      Config tree,
      String shownRoot,
      String prefix,
      SettingsReader fallback,
      ConfigValue whole,
      Shared shared) {
    this.tree = tree;
    this.shownRoot = shownRoot;
    this.prefix = prefix;
    this.fallback = fallback;
    this.whole = whole;
    this.shared = shared;
  }

  /** A reader of the {@code phantom} subtree of {@code config}. */
  static SettingsReader of(Config config) {
    return new SettingsReader(
        config.getConfig(ROOT), ROOT + ".", "", null, config.getValue(ROOT), new Shared());
  }

  /** The view of one section: {@code at("target").duration("connect-timeout", ...)}. */
  public SettingsReader at(String section) {
    return new SettingsReader(tree, shownRoot, prefix + section + ".", null, whole, shared);
  }

  /**
   * This section, where each key it does not set is read from {@code base} instead (a profile's
   * {@code slo} over the global one). A problem names the key the value came from.
   */
  public SettingsReader over(SettingsReader base) {
    return new SettingsReader(tree, shownRoot, prefix, base, whole, shared);
  }

  /** The key relative to {@code phantom}, as cross-references in rules show it. */
  public String key(String key) {
    return path(key);
  }

  /** True when the key is set here (or in the base of {@link #over}). */
  public boolean has(String key) {
    return tree.hasPathOrNull(path(key));
  }

  /** The keys set directly in this section, sorted. */
  public Set<String> keys() {
    String p = prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
    ConfigObject o = p == null ? tree.root() : tree.getObject(p);
    return new TreeSet<>(o.keySet());
  }

  /** False when a read of {@code key} has failed: skip the cross-checks that would use it. */
  public boolean isValid(String key) {
    return !shared.failedKeys.contains(full(path(key)));
  }

  /** Any text, e.g. a token; stripped of surrounding blanks. */
  public String text(String key) {
    return read(key, Kind.ANY_TEXT, "must be text", "", c -> tree.getString(c).strip());
  }

  /** Text that is not blank, e.g. a folder; {@code "."} after a problem. */
  public String nonBlank(String key, String what) {
    String rule = "must not be empty (" + what + ")";
    String v = read(key, Kind.NON_BLANK_TEXT, rule, ".", tree::getString);
    if (v.isBlank() && isValid(key)) {
      bad(key, rule);
      return ".";
    }
    return v;
  }

  /**
   * Text parsed by {@code parser}, which returns null for text it refuses; null after a problem.
   */
  public <T> T parsed(String key, String rule, Function<String, T> parser) {
    return parsed(key, Kind.STRICT, rule, parser);
  }

  /** As {@link #parsed(String, String, Function)}, an empty value meaning "not set" (null). */
  public <T> T parsedOrEmpty(String key, String rule, Function<String, T> parser) {
    String raw = read(key, Kind.EMPTY_OR_STRICT, rule, "", c -> tree.getString(c).strip());
    return raw.isEmpty() || !isValid(key) ? null : check(key, rule, parser.apply(raw));
  }

  private <T> T parsed(String key, Kind kind, String rule, Function<String, T> parser) {
    String raw = read(key, kind, rule, null, c -> tree.getString(c).strip());
    return raw == null ? null : check(key, rule, parser.apply(raw));
  }

  private <T> T check(String key, String rule, T value) {
    if (value == null) {
      bad(key, rule);
    }
    return value;
  }

  /** {@code true} or {@code false} ({@code yes/no}, {@code on/off} too, as HOCON allows). */
  public boolean bool(String key) {
    return read(key, Kind.STRICT, "must be true or false", false, tree::getBoolean);
  }

  /** A whole number in {@code [min, max]}; {@code min} after a problem. */
  public int integer(String key, int min, int max) {
    String range = "between " + min + " and " + max;
    Number n = read(key, Kind.STRICT, "must be a whole number " + range, null, tree::getNumber);
    if (n == null) {
      return min;
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < min || d > max) {
      bad(key, d != Math.rint(d) ? "must be a whole number " + range : "must be " + range);
      return min;
    }
    return (int) d;
  }

  /**
   * A finite number in {@code (min, max]} or {@code [min, max]}; {@code note} (the unit) closes the
   * rule, e.g. {@code "requests per second"}. The lower bound after a problem.
   */
  public double number(String key, double min, boolean minIncluded, double max, String note) {
    String rule =
        "must be "
            + (minIncluded ? ">= " : "> ")
            + fmt(min)
            + " and <= "
            + fmt(max)
            + (note.isEmpty() ? "" : " (" + note + ")");
    Number n = read(key, Kind.STRICT, rule, null, tree::getNumber);
    if (n == null) {
      return minIncluded ? min : Math.min(max, min + 1);
    }
    double d = n.doubleValue();
    if (!(minIncluded ? d >= min : d > min) || !(d <= max)) {
      bad(key, rule);
      return minIncluded ? min : Math.min(max, min + 1);
    }
    return d;
  }

  /** A request rate, {@code > 0} and {@code <= }{@link #MAX_RATE} requests per second. */
  public double rate(String key) {
    return number(key, 0, false, MAX_RATE, "requests per second");
  }

  /**
   * A HOCON duration ({@code 500ms}, {@code 10s}, {@code 2m}; a bare number is milliseconds) in
   * {@code [min, max]}; {@code min} (at least 1 s when min is not 0) after a problem.
   */
  public Duration duration(String key, Duration min, Duration max) {
    String range =
        (min.isZero() ? ">= 0" : min.equals(Duration.ofMillis(1)) ? "> 0" : ">= " + human(min))
            + " and <= "
            + human(max);
    Duration fallbackValue = min.isZero() ? Duration.ZERO : max(min, Duration.ofSeconds(1), max);
    Duration v =
        read(
            key,
            Kind.STRICT,
            "must be a duration such as 500ms, 10s or 2m, " + range,
            null,
            tree::getDuration);
    if (v == null) {
      return fallbackValue;
    }
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      bad(key, "must be " + range);
      return fallbackValue;
    }
    return v;
  }

  /** A memory size ({@code 256M}, {@code 1G}; a bare number is bytes) in {@code [min, max]}. */
  public long bytes(String key, long min, long max) {
    String range = "between " + min + " and " + max + " bytes";
    Long v =
        read(
            key,
            Kind.STRICT,
            "must be a memory size such as 256M or 1G, " + range,
            null,
            tree::getBytes);
    if (v == null) {
      return min;
    }
    if (v < min || v > max) {
      bad(key, "must be " + range);
      return min;
    }
    return v;
  }

  /** A list of strings, each passing {@code each} (null: accepted), else names the first. */
  public List<String> stringList(String key, String rule, Function<String, Boolean> each) {
    List<String> v = read(key, Kind.STRICT, rule, List.of(), tree::getStringList);
    for (String s : v) {
      if (!each.apply(s)) {
        bad(key, rule + "; not '" + s + "'");
        return List.of();
      }
    }
    return v;
  }

  /** A list of objects, one reader per element, named {@code key[i]} in problems. */
  public List<SettingsReader> objects(String key, String rule) {
    List<? extends ConfigObject> list =
        read(key, Kind.STRICT, rule, null, c -> tree.getObjectList(c));
    if (list == null) {
      return null;
    }
    List<SettingsReader> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigObject o = list.get(i);
      out.add(
          new SettingsReader(o.toConfig(), full(path(key)) + "[" + i + "].", "", null, o, shared));
    }
    return out;
  }

  /** Adds a problem at {@code key}: its full name, value and origin, then {@code rule}. */
  public void bad(String key, String rule) {
    String p = path(key);
    shared.failedKeys.add(full(p));
    ConfigValue v = tree.hasPathOrNull(p) ? tree.getValue(p) : null;
    if (v == null) {
      shared.problems.add(full(p) + ": is missing; " + rule);
    } else {
      shared.problems.add(
          full(p) + " = " + render(v) + ": " + rule + " (" + describe(v.origin()) + ")");
    }
  }

  /** Adds a problem naming this element of {@link #objects} as a whole, e.g. {@code x.list[2]}. */
  public void badWhole(String rule) {
    String name = shownRoot.substring(0, shownRoot.length() - 1);
    shared.problems.add(
        name + " = " + render(whole) + ": " + rule + " (" + describe(whole.origin()) + ")");
  }

  List<String> problems() {
    return List.copyOf(shared.problems);
  }

  /** Full key ({@code phantom.x.y}) to what it accepts, for every key read so far. */
  Map<String, Kind> kinds() {
    return Map.copyOf(shared.kinds);
  }

  private <T> T read(String key, Kind kind, String rule, T fallbackValue, Function<String, T> get) {
    String p = path(key);
    shared.kinds.putIfAbsent(full(p), kind);
    if (!tree.hasPathOrNull(p) || tree.getIsNull(p)) {
      bad(key, rule);
      return fallbackValue;
    }
    try {
      return get.apply(p);
    } catch (ConfigException e) {
      bad(key, rule);
      return fallbackValue;
    }
  }

  private String path(String key) {
    String own = prefix + key;
    if (fallback == null || tree.hasPathOrNull(own)) {
      return own;
    }
    return fallback.path(key);
  }

  private String full(String path) {
    return shownRoot + path;
  }

  static String describe(ConfigOrigin origin) {
    return origin == null ? "unknown origin" : origin.description();
  }

  static String render(ConfigValue v) {
    return v.render(ConfigRenderOptions.concise());
  }

  /** A number as settings show it: {@code 100}, not {@code 100.0}. */
  public static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** A duration as settings show it: {@code 5m}, {@code 1h30m}, {@code 0.5s}. */
  public static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  private static Duration max(Duration a, Duration b, Duration cap) {
    Duration m = a.compareTo(b) >= 0 ? a : b;
    return m.compareTo(cap) > 0 ? cap : m;
  }
}
