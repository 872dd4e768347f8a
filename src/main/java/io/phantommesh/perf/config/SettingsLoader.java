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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates the {@code phantom} settings: the only class that touches Typesafe Config.
 *
 * <p>Every problem is collected and reported at once in an {@link InvalidSettingsException} that
 * names the key, the value and the rule, so a run fails before it sends any load. Stateless.
 */
public final class SettingsLoader {
  static final String ROOT = "phantom";

  /** Shortest wall-clock time between two soak samples the sampler keeps up with. */
  static final int MIN_WALL_SAMPLE_MILLIS = 10;

  private static final Pattern PERCENT =
      Pattern.compile("\\s*([+-]?[0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");

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
    return from(ConfigFactory.parseString(hocon).withFallback(pureReference()).resolve());
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
    Config reference = pureReference();
    List<String> problems = new ArrayList<>();
    try {
      config.checkValid(reference, ROOT);
    } catch (ConfigException.ValidationFailed e) {
      e.problems()
          .forEach(
              p -> problems.add(p.path() + ": " + p.problem() + " (" + describe(p.origin()) + ")"));
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
            r.embeddedProcess(),
            r.journey(),
            r.injector(),
            slo,
            profileSlos,
            r.rampUp(),
            r.smoke(),
            r.report(),
            r.spike(),
            r.sustained(),
            r.soak(),
            r.healthBaseline(),
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
      if (known.contains(key) || isProfileSloOverride(key, reference) || isSoakScheduleEntry(key)) {
        continue;
      }
      String hint =
          closest(key, known).map(k -> "; did you mean " + ROOT + "." + k + "?").orElse("");
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

  /**
   * {@code profiles.soak.schedule.<n>.<key>}: a schedule given as indexed system properties. The
   * list replaces the default one; {@link Reader#soakSchedule} checks each block's keys.
   */
  private static boolean isSoakScheduleEntry(String key) {
    return key.startsWith("profiles.soak.schedule.");
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

    EmbeddedProcessSettings embeddedProcess() {
      String raw = c.getString("embedded.process").strip();
      EmbeddedProcessSettings.Mode mode = EmbeddedProcessSettings.Mode.AUTO;
      try {
        mode = EmbeddedProcessSettings.Mode.valueOf(raw.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        bad(
            "embedded.process",
            "must be one of "
                + Arrays.stream(EmbeddedProcessSettings.Mode.values())
                    .map(EmbeddedProcessSettings.Mode::configValue)
                    .collect(Collectors.joining(", ")));
      }
      List<String> options = read("embedded.own-jvm-options", c::getStringList, List.of());
      for (String option : options) {
        if (!option.startsWith("-")) {
          bad(
              "embedded.own-jvm-options",
              "every entry must be one JVM option starting with '-', e.g. \"-Xmx1g\"; not '"
                  + option
                  + "'");
          break;
        }
      }
      return new EmbeddedProcessSettings(mode, options);
    }

    JourneySettings journey() {
      return new JourneySettings(
          intIn("journey.keepalives", 0, 100),
          duration("journey.keepalive-interval", Duration.ZERO, Duration.ofHours(1)),
          intIn("journey.threat-signals", 0, 100),
          doubleIn("journey.session-share", 0.0, 1.0),
          duration("journey.warm-up", Duration.ZERO, Duration.ofHours(1)),
          positiveRate("journey.warm-up-rate"),
          warmUpTarget());
    }

    JourneySettings.WarmUpTarget warmUpTarget() {
      String raw = c.getString("journey.warm-up-target").strip();
      for (JourneySettings.WarmUpTarget t : JourneySettings.WarmUpTarget.values()) {
        if (t.configValue().equals(raw)) {
          return t;
        }
      }
      bad(
          "journey.warm-up-target",
          "must be one of "
              + Arrays.stream(JourneySettings.WarmUpTarget.values())
                  .map(JourneySettings.WarmUpTarget::configValue)
                  .collect(Collectors.joining(", ")));
      return JourneySettings.WarmUpTarget.EMBEDDED;
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

    SpikeProfile spike() {
      String p = "profiles.spike.";
      double baseline = positiveRate(p + "baseline-rate");
      double peak = positiveRate(p + "peak-rate");
      if (peak < baseline) {
        bad(p + "peak-rate", "must be >= " + p + "baseline-rate (" + fmt(baseline) + ")");
      }
      Duration recovery = duration(p + "recovery", Duration.ofMillis(1), Duration.ofDays(30));
      int stable = intIn(p + "recovery-stable-seconds", 1, 3600);
      if (stable > recovery.toSeconds()) {
        bad(
            p + "recovery-stable-seconds",
            "must be <= "
                + p
                + "recovery ("
                + human(recovery)
                + "), or recovery can never be seen");
      }
      return new SpikeProfile(
          baseline,
          duration(p + "baseline", Duration.ofMillis(1), Duration.ofDays(30)),
          peak,
          duration(p + "ramp-up", Duration.ZERO, Duration.ofDays(1)),
          duration(p + "hold", Duration.ofMillis(1), Duration.ofDays(30)),
          duration(p + "ramp-down", Duration.ZERO, Duration.ofDays(1)),
          recovery,
          stable);
    }

    SustainedProfile sustained() {
      String p = "profiles.sustained.";
      return new SustainedProfile(
          positiveRate(p + "rate"),
          duration(p + "ramp-in", Duration.ZERO, Duration.ofHours(1)),
          duration(p + "hold", Duration.ofMillis(1), Duration.ofDays(30)));
    }

    HealthBaselineProfile healthBaseline() {
      String p = "profiles.health-baseline.";
      int requests = intIn(p + "requests", 1, 1_000_000);
      int batch = intIn(p + "batch-size", 1, 1_000_000);
      if (batch > requests && requests >= 1) {
        bad(p + "batch-size", "must be <= " + p + "requests (" + requests + ")");
      }
      return new HealthBaselineProfile(
          Math.max(1, requests),
          Math.max(1, Math.min(batch, Math.max(1, requests))),
          duration(p + "batch-gap", Duration.ZERO, Duration.ofHours(1)));
    }

    SoakProfile soak() {
      String p = "profiles.soak.";
      List<SoakBlock> schedule = soakSchedule(p + "schedule");
      int startHour = intIn(p + "start-hour", 0, 23);
      Duration duration = duration(p + "duration", Duration.ofMillis(1), Duration.ofDays(30));
      Duration ramp = duration(p + "ramp-between-levels", Duration.ZERO, Duration.ofDays(1));
      Duration interval =
          duration(p + "user-request-interval", Duration.ofMillis(1), Duration.ofHours(1));
      double timeScale = read(p + "time-scale", c::getDouble, 1.0);
      if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
        bad(
            p + "time-scale",
            "must be > 0 (simulated seconds per wall-clock second: 1 = real time, 60 = 72 h in 72 min)");
        timeScale = 1;
      }
      Duration sampleInterval =
          duration(p + "sample-interval", Duration.ofMillis(1), Duration.ofDays(30));
      Duration sampleTimeout =
          duration(p + "sample-timeout", Duration.ofMillis(1), Duration.ofMinutes(1));
      Optional<URI> metricsUrl = optionalUrl(p + "metrics-url");
      int cores = intIn(p + "target-cores", 0, 4096);
      double growth = positivePercent(p + "thresholds.memory-growth-per-24h", Double.MAX_VALUE);
      double cpu = positivePercent(p + "thresholds.cpu-average", 100);
      Path outputDir = Path.of(nonBlank(p + "output-dir"));

      long wallMillis = Math.round(duration.toMillis() / timeScale);
      if (wallMillis < 1000) {
        bad(
            p + "time-scale",
            "compresses "
                + p
                + "duration ("
                + human(duration)
                + ") to "
                + wallMillis
                + " ms; the run must last >= 1 s of wall-clock time, so time-scale must be <= "
                + fmt(Math.floor(duration.toMillis() / 1000.0)));
      }
      if (sampleInterval.compareTo(duration) > 0) {
        bad(
            p + "sample-interval",
            "must be <= "
                + p
                + "duration ("
                + human(duration)
                + "): both are divided by time-scale, "
                + "so the run would end before its second sample");
      } else {
        double wallSampleMillis = sampleInterval.toNanos() / 1e6 / timeScale;
        if (wallSampleMillis < MIN_WALL_SAMPLE_MILLIS && wallMillis >= 1000) {
          bad(
              p + "sample-interval",
              "is "
                  + String.format(java.util.Locale.ROOT, "%.1f", wallSampleMillis)
                  + " ms of wall-clock time at time-scale "
                  + fmt(timeScale)
                  + "; must be >= "
                  + MIN_WALL_SAMPLE_MILLIS
                  + " ms: raise sample-interval or lower time-scale");
        }
      }
      if (!schedule.isEmpty()) {
        checkRampFits(p + "ramp-between-levels", ramp, schedule);
      }
      return new SoakProfile(
          schedule,
          startHour,
          duration,
          ramp,
          interval,
          timeScale,
          sampleInterval,
          sampleTimeout,
          metricsUrl,
          cores,
          new SoakProfile.Thresholds(growth, cpu),
          outputDir);
    }

    /** The ramp at the start of a block that changes level must end inside that block. */
    private void checkRampFits(String path, Duration ramp, List<SoakBlock> schedule) {
      List<SoakBlock> ordered =
          schedule.stream().sorted(Comparator.comparingInt(SoakBlock::fromMinute)).toList();
      for (int i = 0; i < ordered.size(); i++) {
        SoakBlock block = ordered.get(i);
        SoakBlock before = ordered.get(Math.floorMod(i - 1, ordered.size()));
        if (before.users() != block.users()
            && ramp.compareTo(Duration.ofMinutes(block.lengthMinutes())) > 0) {
          bad(
              path,
              "must be <= the length of every block it ramps into; block "
                  + block
                  + " lasts "
                  + human(Duration.ofMinutes(block.lengthMinutes())));
          return;
        }
      }
    }

    /**
     * The daily schedule: a list of {@code { from = "09:00", to = "17:00", users = 1000, phase =
     * "peak" }} covering the 24 h of a day exactly once. Names gaps and overlaps by clock time.
     */
    List<SoakBlock> soakSchedule(String path) {
      List<? extends com.typesafe.config.ConfigObject> raw;
      try {
        raw = c.getObjectList(path);
      } catch (ConfigException e) {
        bad(
            path,
            "must be a list of blocks like { from = \"09:00\", to = \"17:00\", users = 1000, phase = \"peak\" }");
        return List.of();
      }
      if (raw.isEmpty()) {
        bad(path, "must hold at least one block; the blocks must cover the 24 h of a day");
        return List.of();
      }
      List<SoakBlock> blocks = new ArrayList<>();
      boolean complete = true;
      int[] levels = new int[raw.size()];
      String[] phases = new String[raw.size()];
      int[][] spans = new int[raw.size()][];
      for (int i = 0; i < raw.size(); i++) {
        com.typesafe.config.ConfigObject o = raw.get(i);
        String at = ROOT + "." + path + "[" + i + "]";
        for (String key : new TreeSet<>(o.keySet())) {
          if (!Set.of("from", "to", "users", "phase").contains(key)) {
            badAt(
                at + "." + key,
                o.get(key),
                "unknown key; a block has from, to, users and an optional phase");
            complete = false;
          }
        }
        Integer from = clockTime(at, o, "from", false);
        Integer to = clockTime(at, o, "to", true);
        Integer users = blockUsers(at, o);
        String phase = null;
        if (o.containsKey("phase")) {
          Object v = o.get("phase").unwrapped();
          if (!(v instanceof String s) || s.isBlank()) {
            badAt(at + ".phase", o.get("phase"), "must be a non-empty label, e.g. \"peak\"");
            complete = false;
          } else {
            phase = s.strip();
          }
        }
        if (from == null || to == null || users == null) {
          complete = false;
          continue;
        }
        if (Math.floorMod(to - from, SoakBlock.DAY_MINUTES) == 0
            && !(from == 0 && to == SoakBlock.DAY_MINUTES)) {
          badAt(
              at,
              o,
              "is empty (from = to); to cover the whole day use from = \"00:00\", to = \"24:00\"");
          complete = false;
          continue;
        }
        levels[i] = users;
        phases[i] = phase;
        spans[i] = new int[] {from, to};
      }
      if (!complete) {
        return List.of();
      }
      int max = Integer.MIN_VALUE;
      int min = Integer.MAX_VALUE;
      for (int u : levels) {
        max = Math.max(max, u);
        min = Math.min(min, u);
      }
      for (int i = 0; i < raw.size(); i++) {
        String phase =
            phases[i] != null
                ? phases[i]
                : levels[i] == max ? "peak" : levels[i] == min ? "low" : "shoulder";
        blocks.add(new SoakBlock(spans[i][0], spans[i][1], levels[i], phase));
      }
      return checkCoverage(path, blocks) ? blocks : List.of();
    }

    /** Every minute of the day in exactly one block; otherwise names the gaps and overlaps. */
    private boolean checkCoverage(String path, List<SoakBlock> blocks) {
      int[] count = new int[SoakBlock.DAY_MINUTES];
      for (SoakBlock b : blocks) {
        for (int m = 0; m < b.lengthMinutes(); m++) {
          count[(b.fromMinute() + m) % SoakBlock.DAY_MINUTES]++;
        }
      }
      List<int[]> gaps = runs(count, n -> n == 0);
      List<int[]> overlaps = runs(count, n -> n > 1);
      if (gaps.isEmpty() && overlaps.isEmpty()) {
        return true;
      }
      List<String> why = new ArrayList<>();
      if (!gaps.isEmpty()) {
        long covered = java.util.Arrays.stream(count).filter(n -> n > 0).count();
        why.add(
            "leaves " + ranges(gaps) + " uncovered (covers " + hoursMinutes(covered) + " of 24 h)");
      }
      for (int[] r : overlaps) {
        List<String> holders =
            blocks.stream().filter(b -> b.covers(r[0])).map(SoakBlock::toString).toList();
        why.add(
            "covers "
                + ranges(List.of(r))
                + " more than once ("
                + String.join(" and ", holders)
                + ")");
      }
      bad(path, "must cover the 24 h of a day exactly once, but " + String.join("; ", why));
      return false;
    }

    /** Circular runs of minutes matching {@code test}, as {from, to} pairs (to may pass 1440). */
    private static List<int[]> runs(int[] count, java.util.function.IntPredicate test) {
      int n = count.length;
      List<int[]> out = new ArrayList<>();
      if (java.util.Arrays.stream(count).allMatch(test)) {
        out.add(new int[] {0, n});
        return out;
      }
      int start = 0;
      while (test.test(count[start])) {
        start++; // begin scanning just after a non-matching minute, so no run is split at midnight
      }
      for (int k = 0; k < n; k++) {
        int m = (start + k) % n;
        if (test.test(count[m]) && !test.test(count[Math.floorMod(m - 1, n)])) {
          int len = 0;
          while (test.test(count[(m + len) % n])) {
            len++;
          }
          out.add(new int[] {m, m + len});
        }
      }
      out.sort(Comparator.comparingInt(r -> r[0]));
      return out;
    }

    private static String ranges(List<int[]> runs) {
      List<String> out = new ArrayList<>();
      for (int[] r : runs) {
        out.add(
            SoakBlock.clock(r[0])
                + "-"
                + SoakBlock.clock(
                    r[1] > SoakBlock.DAY_MINUTES ? r[1] - SoakBlock.DAY_MINUTES : r[1]));
      }
      return String.join(", ", out);
    }

    private static String hoursMinutes(long minutes) {
      return minutes % 60 == 0
          ? (minutes / 60) + " h"
          : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    /** {@code "hh:mm"}, 00:00..23:59 ({@code 24:00} allowed for an end); null after a problem. */
    private Integer clockTime(
        String at, com.typesafe.config.ConfigObject o, String key, boolean isEnd) {
      ConfigValue v = o.get(key);
      if (v == null) {
        badAt(at, o, "has no " + key + " (\"hh:mm\")");
        return null;
      }
      Object raw = v.unwrapped();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(\\d{1,2}):(\\d{2})")
              .matcher(String.valueOf(raw).strip());
      if (raw instanceof String && m.matches()) {
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int total = h * 60 + min;
        if (min < 60
            && (total < SoakBlock.DAY_MINUTES || (isEnd && total == SoakBlock.DAY_MINUTES))) {
          return total;
        }
      }
      badAt(
          at + "." + key,
          v,
          "must be a clock time \"hh:mm\" from 00:00 to " + (isEnd ? "24:00" : "23:59"));
      return null;
    }

    private Integer blockUsers(String at, com.typesafe.config.ConfigObject o) {
      ConfigValue v = o.get("users");
      if (v == null) {
        badAt(at, o, "has no users (active users in the block, >= 0)");
        return null;
      }
      Object raw = v.unwrapped();
      Integer users = null;
      if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        users = n.intValue();
      } else if (raw instanceof String s && s.strip().matches("-?\\d{1,9}")) {
        users = Integer.parseInt(s.strip()); // a system property arrives as text
      }
      if (users == null || users < 0 || users > 10_000_000) {
        badAt(at + ".users", v, "must be a whole number of users from 0 to 10000000");
        return null;
      }
      return users;
    }

    private double positivePercent(String path, double max) {
      double v = read(path, c::getDouble, 1.0);
      if (!(v > 0) || v > max || Double.isInfinite(v)) {
        bad(
            path,
            "must be > 0" + (max < Double.MAX_VALUE ? " and <= " + fmt(max) : "") + " (percent)");
        return 1;
      }
      return v;
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
      Duration minLatency =
          duration(p + "min-latency-delta", Duration.ZERO, Duration.ofMinutes(10));
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
    private double percent(
        String path, double min, boolean minIncluded, double max, boolean maxIncluded) {
      String raw = read(path, c::getString, "");
      Matcher m = PERCENT.matcher(raw);
      String range =
          (minIncluded ? "[" : "(")
              + fmt(min * 100)
              + "%, "
              + fmt(max * 100)
              + "%"
              + (maxIncluded ? "]" : ")");
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
          ceiling(
              path,
              s,
              "error-rate",
              s.getDouble("error-rate.target"),
              s.getDouble("error-rate.critical"),
              1.0),
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
        badAt(
            key + ".target",
            s.getValue(metric + ".target"),
            "must be > 0" + (max < 2 ? " and <= " + max : ""));
      }
      if (critical < target) {
        badAt(
            key + ".critical",
            s.getValue(metric + ".critical"),
            "must be >= " + key + ".target (" + fmt(target) + ")");
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
        badAt(
            key + ".critical",
            s.getValue("peak-rps.critical"),
            "must be between 0 and "
                + key
                + ".target ("
                + fmt(target)
                + "): peak req/s is a floor");
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
                && (u.getScheme().equalsIgnoreCase("http")
                    || u.getScheme().equalsIgnoreCase("https"))
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
        bad(
            path,
            min.isZero()
                ? "must be >= 0 and <= " + human(max)
                : "must be > 0 and <= " + human(max));
        return min.isZero() ? Duration.ZERO : Duration.ofSeconds(1);
      }
      return v;
    }

    private void bad(String path, String rule) {
      badAt(ROOT + "." + path, c.getValue(path), rule);
    }

    private void badAt(String fullPath, ConfigValue value, String rule) {
      String full = fullPath.startsWith(ROOT + ".") ? fullPath : ROOT + "." + fullPath;
      problems.add(
          full + " = " + render(value) + ": " + rule + " (" + describe(value.origin()) + ")");
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String human(Duration d) {
      return d.toString().substring(2).toLowerCase();
    }
  }
}
