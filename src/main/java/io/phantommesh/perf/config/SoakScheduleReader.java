package io.phantommesh.perf.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the soak's daily schedule, {@code phantom.profiles.soak.schedule}: a list of {@code { from
 * = "09:00", to = "17:00", users = 1000, phase = "peak" }} covering the 24 h of a day exactly once.
 *
 * <p>Stateless. Lives in {@code config}, beside {@link SoakProfile}, because the settings hold the
 * validated schedule and config depends on nothing above it; the soak package turns the schedule
 * into rates.
 */
final class SoakScheduleReader {
  private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})");
  private static final Set<String> KEYS = Set.of("from", "to", "users", "phase");

  private SoakScheduleReader() {}

  /** The blocks, in the order given; empty after a problem. */
  static List<SoakBlock> read(SettingsReader r, String key) {
    List<SettingsReader> raw =
        r.objects(
            key,
            "must be a list of blocks like { from = \"09:00\", to = \"17:00\", users = 1000, phase"
                + " = \"peak\" }");
    if (raw == null) {
      return List.of();
    }
    if (raw.isEmpty()) {
      r.bad(key, "must hold at least one block; the blocks must cover the 24 h of a day");
      return List.of();
    }
    List<SoakBlock> parsed = new ArrayList<>();
    boolean complete = true;
    for (SettingsReader b : raw) {
      SoakBlock block = block(b);
      complete &= block != null;
      parsed.add(block);
    }
    if (!complete) {
      return List.of();
    }
    int max = parsed.stream().mapToInt(SoakBlock::users).max().orElse(0);
    int min = parsed.stream().mapToInt(SoakBlock::users).min().orElse(0);
    List<SoakBlock> blocks = new ArrayList<>();
    for (SoakBlock b : parsed) {
      String phase =
          b.phase() != null
              ? b.phase()
              : b.users() == max ? "peak" : b.users() == min ? "low" : "shoulder";
      blocks.add(new SoakBlock(b.fromMinute(), b.toMinute(), b.users(), phase));
    }
    var why = DayCoverage.problem(blocks);
    if (why.isPresent()) {
      r.bad(key, "must cover the 24 h of a day exactly once, but " + why.get());
      return List.of();
    }
    return blocks;
  }

  /** The ramp at the start of a block that changes level must end inside that block. */
  static void checkRampFits(SettingsReader r, String key, Duration ramp, List<SoakBlock> schedule) {
    List<SoakBlock> ordered =
        schedule.stream().sorted(java.util.Comparator.comparingInt(SoakBlock::fromMinute)).toList();
    for (int i = 0; i < ordered.size(); i++) {
      SoakBlock block = ordered.get(i);
      SoakBlock before = ordered.get(Math.floorMod(i - 1, ordered.size()));
      Duration length = Duration.ofMinutes(block.lengthMinutes());
      if (before.users() != block.users() && ramp.compareTo(length) > 0) {
        r.bad(
            key,
            "must be <= the length of every block it ramps into; block "
                + block
                + " lasts "
                + SettingsReader.human(length));
        return;
      }
    }
  }

  /** One block, its phase null when not given; null after a problem. */
  private static SoakBlock block(SettingsReader b) {
    boolean ok = true;
    for (String k : b.keys()) {
      if (!KEYS.contains(k)) {
        b.bad(k, "unknown key; a block has from, to, users and an optional phase");
        ok = false;
      }
    }
    Integer from =
        b.parsed(
            "from", "must be a clock time \"hh:mm\" from 00:00 to 23:59", t -> clock(t, false));
    Integer to =
        b.parsed("to", "must be a clock time \"hh:mm\" from 00:00 to 24:00", t -> clock(t, true));
    int users = b.integer("users", 0, 10_000_000);
    String phase = b.has("phase") ? b.nonBlank("phase", "a label, e.g. \"peak\"").strip() : null;
    ok &= from != null && to != null && b.isValid("users") && (phase == null || b.isValid("phase"));
    if (!ok) {
      return null;
    }
    if (Math.floorMod(to - from, SoakBlock.DAY_MINUTES) == 0
        && !(from == 0 && to == SoakBlock.DAY_MINUTES)) {
      b.badWhole(
          "is empty (from = to); to cover the whole day use from = \"00:00\", to = \"24:00\"");
      return null;
    }
    return new SoakBlock(from, to, users, phase);
  }

  /** Minutes of the day of {@code "hh:mm"}, 00:00..23:59 (24:00 for an end); null otherwise. */
  private static Integer clock(String text, boolean isEnd) {
    Matcher m = CLOCK.matcher(text);
    if (!m.matches()) {
      return null;
    }
    int h = Integer.parseInt(m.group(1));
    int min = Integer.parseInt(m.group(2));
    int total = h * 60 + min;
    boolean ok =
        min < 60 && (total < SoakBlock.DAY_MINUTES || (isEnd && total == SoakBlock.DAY_MINUTES));
    return ok ? total : null;
  }
}
