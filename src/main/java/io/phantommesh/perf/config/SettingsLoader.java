package io.phantommesh.perf.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code phantom} settings: the only class that touches Typesafe Config.
 *
 * <p>Every problem is collected and reported at once in an {@link InvalidSettingsException} that
 * names the key, the value and the rule, so a run fails before it sends any load. Stateless.
 */
public final class SettingsLoader {
  static final String ROOT = "phantom";
  private static final Pattern PERCENT = Pattern.compile("\\s*([+-]?[0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");

  private SettingsLoader() {}

  /**
   * Loads the settings of a run: system properties over an overlay ({@code -Dconfig.resource} or
   * {@code -Dconfig.file}) over {@code PHANTOM_*} environment variables over reference.conf.
   */
  public static PerfSettings load() {
    ConfigFactory.invalidateCaches();
    return from(ConfigFactory.load());
  }

  /** Settings from HOCON text layered over the defaults: for tests and tools. */
  public static PerfSettings fromString(String hocon) {
    return from(
        ConfigFactory.parseString(hocon).withFallback(pureReference()).resolve());
  }

  /** Settings from {@code path -> value} pairs layered over the defaults: for tests and tools. */
  public static PerfSettings fromMap(Map<String, ?> values) {
    return from(
        ConfigFactory.parseMap(values).withFallback(pureReference()).resolve());
  }

  /**
   * Builds settings from a resolved config that contains the defaults.
   *
   * @throws InvalidSettingsException listing every unknown key, wrong type and bad value
   */
  public static PerfSettings from(Config config) {
    Config reference = pureReference();
    List<String> problems = new ArrayList<>();
    try {
      config.checkValid(reference, ROOT);
    } catch (ConfigException.ValidationFailed e) {
      e.problems().forEach(p -> problems.add(p.path() + ": " + p.problem() + " (" + describe(p.origin()) + ")"));
    }
    problems.addAll(unknownKeys(config.getConfig(ROOT), reference.getConfig(ROOT)));
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    Reader r = new Reader(config.getConfig(ROOT), problems);
    Config phantom = config.getConfig(ROOT);
    SloSettings slo = r.slo("slo", phantom.getConfig("slo"));
    Map<String, SloSettings> profileSlos = new LinkedHashMap<>();
    for (String profile : new TreeSet<>(phantom.getConfig("profiles").root().keySet())) {
      String path = "profiles." + profile + ".slo";
      Config own = phantom.hasPath(path) ? phantom.getConfig(path) : ConfigFactory.empty();
      profileSlos.put(profile, r.slo(path, own.withFallback(phantom.getConfig("slo"))));
    }
    PerfSettings settings =
        new PerfSettings(
            r.target(),
            r.embedded(),
            r.journey(),
            r.injector(),
            slo,
            profileSlos,
            r.rampUp(),
            r.smoke(),
            r.report(),
            r.compare());
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return settings;
  }

  /**
   * The reference.conf files of the classpath alone. {@link ConfigFactory#defaultReference()} has
   * system properties merged in, so it would "know" every mistyped {@code -Dphantom.*} key.
   */
  private static Config pureReference() {
    return ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), "reference.conf")
        .resolve();
  }

  /** Keys the user set that reference.conf does not know, each with a "did you mean" hint. */
  private static List<String> unknownKeys(Config given, Config reference) {
    Set<String> known = new TreeSet<>();
    reference.entrySet().forEach(e -> known.add(e.getKey()));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : given.entrySet()) {
      String key = e.getKey();
      if (known.contains(key) || isProfileSloOverride(key, reference)) {
        continue;
      }
      String hint = closest(key, known).map(k -> "; did you mean " + ROOT + "." + k + "?").orElse("");
      problems.add(
          ROOT
              + "."
              + key
              + " = "
              + render(e.getValue())
              + ": unknown setting ("
              + describe(e.getValue().origin())
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

  private static Optional<String> closest(String key, Set<String> known) {
    return known.stream()
        .map(k -> Map.entry(k, distance(key, k)))
        .filter(e -> e.getValue() <= Math.max(3, key.length() / 4))
        .min(Comparator.comparingInt(Map.Entry::getValue))
        .map(Map.Entry::getKey);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String describe(com.typesafe.config.ConfigOrigin origin) {
    return origin == null ? "unknown origin" : origin.description();
  }

  private static String render(ConfigValue v) {
    return v.render(com.typesafe.config.ConfigRenderOptions.concise());
  }

  /** Typed, checked reads; every failure is added to {@code problems} instead of thrown. */
  private static final class Reader {
    private final Config c;
    private final List<String> problems;

    Reader(Config c, List<String> problems) {
      this.c = c;
      this.problems = problems;
    }

    TargetSettings target() {
      Optional<URI> base = optionalUrl("target.base-url");
      Optional<URI> metrics = optionalUrl("target.metrics-url");
      Paths paths =
          new Paths(
              urlPath("target.paths.health"),
              urlPath("target.paths.peers"),
              urlPath("target.paths.tunnels"),
              urlPath("target.paths.threat-signals"),
              urlPath("target.paths.metrics"));
      return new TargetSettings(
          base,
          Secret.of(c.getString("target.api-token").strip()),
          metrics,
          paths,
          duration("target.connect-timeout", Duration.ofMillis(1), Duration.ofMinutes(10)),
          duration("target.request-timeout", Duration.ofMillis(1), Duration.ofHours(1)),
          c.getBoolean("target.preflight"));
    }

    EmbeddedSettings embedded() {
      String host = c.getString("embedded.host");
      if (host.isBlank()) {
        bad("embedded.host", "must not be blank (use 127.0.0.1 for loopback)");
      }
      long leakCap = read("embedded.leak-cap", c::getBytes, 0L);
      if (leakCap < 0) {
        bad("embedded.leak-cap", "must be >= 0");
      }
      return new EmbeddedSettings(
          host,
          intIn("embedded.port", 0, 65535),
          intIn("embedded.io-threads", 0, 256),
          duration("embedded.latency.fixed", Duration.ZERO, Duration.ofMinutes(5)),
          duration("embedded.latency.tail-mean", Duration.ZERO, Duration.ofMinutes(5)),
          doubleIn("embedded.error-ratio", 0.0, 1.0),
          intIn("embedded.leak-bytes-per-request", 0, 65536),
          leakCap);
    }

    JourneySettings journey() {
      return new JourneySettings(
          intIn("journey.keepalives", 0, 100),
          duration("journey.keepalive-interval", Duration.ZERO, Duration.ofHours(1)),
          intIn("journey.threat-signals", 0, 100),
          doubleIn("journey.session-share", 0.0, 1.0),
          duration("journey.warm-up", Duration.ZERO, Duration.ofHours(1)),
          positiveRate("journey.warm-up-rate"));
    }

    InjectorSettings injector() {
      int count = intIn("injector.count", 1, 1000);
      int index = intIn("injector.index", 0, 999);
      if (count >= 1 && index >= count) {
        bad("injector.index", "must be < phantom.injector.count (" + count + ")");
      }
      return new InjectorSettings(index, Math.max(1, count));
    }

    RampUpProfile rampUp() {
      String p = "profiles.ramp-up.";
      double start = positiveRate(p + "start-rate");
      double peak = positiveRate(p + "peak-rate");
      if (peak < start) {
        bad(p + "peak-rate", "must be >= " + p + "start-rate (" + start + ")");
      }
      Duration ramp = duration(p + "ramp", Duration.ofMillis(1), Duration.ofDays(30));
      Duration total = duration(p + "duration", Duration.ofMillis(1), Duration.ofDays(30));
      if (total.compareTo(ramp) < 0) {
        bad(p + "duration", "must be >= " + p + "ramp (" + ramp + ")");
      }
      return new RampUpProfile(start, peak, ramp, total);
    }

    SmokeProfile smoke() {
      return new SmokeProfile(
          positiveRate("profiles.smoke.rate"),
          duration("profiles.smoke.duration", Duration.ofMillis(1), Duration.ofHours(1)));
    }

    ReportSettings report() {
      return new ReportSettings(
          Path.of(nonBlank("report.gatling-results-dir")),
          Path.of(nonBlank("report.output-dir")),
          c.getBoolean("report.enabled"));
    }

    CompareSettings compare() {
      String p = "compare.";
      double mean = percent(p + "mean", 0, false, 100, true);
      double p50 = percent(p + "p50", 0, false, 100, true);
      double p99 = percent(p + "p99", 0, false, 100, true);
      double p999 = percent(p + "p999", 0, false, 100, true);
      double errorRate = percent(p + "error-rate", 0, false, 1, false);
      double peakRps = percent(p + "peak-rps", -1, false, 0, false);
      double softBand = percent(p + "soft-band", 0, false, 1, true);
      Duration minLatency = duration(p + "min-latency-delta", Duration.ZERO, Duration.ofMinutes(10));
      double minRps = read(p + "min-peak-rps-delta", c::getDouble, 0.0);
      if (!(minRps >= 0) || Double.isInfinite(minRps)) {
        bad(p + "min-peak-rps-delta", "must be >= 0 (requests per second)");
        minRps = 0;
      }
      return new CompareSettings(
          mean,
          p50,
          p99,
          p999,
          errorRate,
          peakRps,
          softBand,
          minLatency.toNanos() / 1e6,
          minRps,
          intIn(p + "min-tail-samples", 1, 10_000));
    }

    /**
     * A percentage such as {@code 10%} or {@code -10%} as a fraction, within (min, max) as
     * fractions; each bound inclusive or not.
     */
    private double percent(String path, double min, boolean minIncluded, double max, boolean maxIncluded) {
      String raw = read(path, c::getString, "");
      Matcher m = PERCENT.matcher(raw);
      String range =
          (minIncluded ? "[" : "(") + fmt(min * 100) + "%, " + fmt(max * 100) + "%" + (maxIncluded ? "]" : ")");
      if (!m.matches()) {
        bad(path, "must be a percentage such as 10% (or -10%), in " + range);
        return (min + max) / 2;
      }
      double v = Double.parseDouble(m.group(1)) / 100.0;
      boolean ok = (minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max);
      if (!ok) {
        bad(path, "must be in " + range);
        return (min + max) / 2;
      }
      return v;
    }

    SloSettings slo(String path, Config s) {
      try {
        return sloChecked(path, s);
      } catch (ConfigException e) {
        problems.add(ROOT + "." + path + ": " + e.getMessage());
        return null;
      }
    }

    private SloSettings sloChecked(String path, Config s) {
      return new SloSettings(
          latency(path, s, "mean"),
          latency(path, s, "p50"),
          latency(path, s, "p99"),
          latency(path, s, "p999"),
          ceiling(path, s, "error-rate", s.getDouble("error-rate.target"), s.getDouble("error-rate.critical"), 1.0),
          floor(path, s));
    }

    private Threshold latency(String path, Config s, String metric) {
      double target = s.getDuration(metric + ".target").toNanos() / 1e6;
      double critical = s.getDuration(metric + ".critical").toNanos() / 1e6;
      return ceiling(path, s, metric, target, critical, Double.MAX_VALUE);
    }

    private Threshold ceiling(
        String path, Config s, String metric, double target, double critical, double max) {
      String key = path + "." + metric;
      if (target <= 0 || target > max) {
        badAt(key + ".target", s.getValue(metric + ".target"), "must be > 0" + (max < 2 ? " and <= " + max : ""));
      }
      if (critical < target) {
        badAt(key + ".critical", s.getValue(metric + ".critical"), "must be >= " + key + ".target (" + fmt(target) + ")");
      }
      return new Threshold(target, critical, false);
    }

    private Threshold floor(String path, Config s) {
      double target = s.getDouble("peak-rps.target");
      double critical = s.getDouble("peak-rps.critical");
      String key = path + ".peak-rps";
      if (target <= 0) {
        badAt(key + ".target", s.getValue("peak-rps.target"), "must be > 0 (requests per second)");
      }
      if (critical > target || critical < 0) {
        badAt(key + ".critical", s.getValue("peak-rps.critical"), "must be between 0 and " + key + ".target (" + fmt(target) + "): peak req/s is a floor");
      }
      return new Threshold(target, critical, true);
    }

    private Optional<URI> optionalUrl(String path) {
      String raw = c.getString(path).strip();
      if (raw.isEmpty()) {
        return Optional.empty();
      }
      String rule =
          "must be an absolute http(s) URL with a host and no credentials, e.g. https://vpn-core.example.com:8443";
      try {
        URI u = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        boolean ok =
            u.getScheme() != null
                && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                && u.getHost() != null
                && u.getUserInfo() == null
                && u.getQuery() == null
                && u.getFragment() == null;
        if (!ok) {
          bad(path, rule);
          return Optional.empty();
        }
        return Optional.of(u);
      } catch (URISyntaxException e) {
        bad(path, rule + " (" + e.getReason() + ")");
        return Optional.empty();
      }
    }

    private String urlPath(String path) {
      String v = c.getString(path);
      if (!v.startsWith("/") || v.contains(" ") || v.contains("?")) {
        bad(path, "must start with '/' and hold no spaces or query");
      }
      return v;
    }

    private String nonBlank(String path) {
      String v = c.getString(path);
      if (v.isBlank()) {
        bad(path, "must not be empty");
        return ".";
      }
      return v;
    }

    /** Reads a value; a value that does not parse becomes a problem and {@code fallback}. */
    private <T> T read(String path, Function<String, T> getter, T fallback) {
      try {
        return getter.apply(path);
      } catch (ConfigException e) {
        String why = e.getMessage().replaceFirst("^.*?Invalid value at '[^']*': ", "");
        bad(path, why);
        return fallback;
      }
    }

    private double positiveRate(String path) {
      double v = read(path, c::getDouble, 1.0);
      if (!(v > 0) || Double.isInfinite(v)) {
        bad(path, "must be > 0 (requests per second)");
        return 1;
      }
      return v;
    }

    private int intIn(String path, int min, int max) {
      int v = read(path, c::getInt, min);
      if (v < min || v > max) {
        bad(path, "must be between " + min + " and " + max);
      }
      return v;
    }

    private double doubleIn(String path, double min, double max) {
      double v = read(path, c::getDouble, min);
      if (!(v >= min && v <= max)) {
        bad(path, "must be between " + min + " and " + max);
      }
      return v;
    }

    private Duration duration(String path, Duration min, Duration max) {
      Duration v = read(path, c::getDuration, min.isZero() ? Duration.ZERO : Duration.ofSeconds(1));
      if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
        bad(path, min.isZero() ? "must be >= 0 and <= " + human(max) : "must be > 0 and <= " + human(max));
        return min.isZero() ? Duration.ZERO : Duration.ofSeconds(1);
      }
      return v;
    }

    private void bad(String path, String rule) {
      badAt(ROOT + "." + path, c.getValue(path), rule);
    }

    private void badAt(String fullPath, ConfigValue value, String rule) {
      String full = fullPath.startsWith(ROOT + ".") ? fullPath : ROOT + "." + fullPath;
      problems.add(full + " = " + render(value) + ": " + rule + " (" + describe(value.origin()) + ")");
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String human(Duration d) {
      return d.toString().substring(2).toLowerCase();
    }
  }
}
