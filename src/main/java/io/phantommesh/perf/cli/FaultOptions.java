package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.FaultSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s fault options (a picocli mixin): kept as typed text and handed to the settings
 * parser as {@code phantom.embedded.faults.*} keys, so an option and a setting are checked by one
 * parser and a bad option names its key.
 */
final class FaultOptions {
  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of injected failures, latency tail and faults (phantom.embedded.faults.seed).")
  private String seed;

  @Option(
      names = "--reset-ratio",
      paramLabel = "RATIO",
      description =
          "Fraction of requests whose connection is reset (TCP RST) instead of answered, 0.0..1.0"
              + " (phantom.embedded.faults.reset-ratio).")
  private String resetRatio;

  @Option(
      names = "--stall-ratio",
      paramLabel = "RATIO",
      description =
          "Fraction of requests never answered (held until the client gives up), 0.0..1.0"
              + " (phantom.embedded.faults.stall-ratio).")
  private String stallRatio;

  @Option(
      names = "--first-byte-fixed",
      paramLabel = "DURATION",
      description = "Delay before every answer's first byte, e.g. 50ms (0..5m).")
  private String firstByteFixed;

  @Option(
      names = "--first-byte-tail-mean",
      paramLabel = "DURATION",
      description = "Mean of a random first-byte delay on top, e.g. 100ms (0..5m).")
  private String firstByteTailMean;

  @Option(
      names = "--first-byte-tail",
      paramLabel = "SHAPE",
      description = "exponential or pareto (heavy tail).")
  private String firstByteTail;

  @Option(
      names = "--first-byte-pareto-shape",
      paramLabel = "ALPHA",
      description = "Shape of the pareto tail, 1.1..10; smaller is heavier.")
  private String firstBytePareto;

  @Option(
      names = "--keepalive-max-requests",
      paramLabel = "N",
      description = "Close a keep-alive connection after N answers (0 = never).")
  private String keepAliveMaxRequests;

  @Option(
      names = "--outage",
      paramLabel = "START-END[:MODE]",
      description =
          "A scheduled outage, offsets from start, e.g. 10s-20s:refuse or 10s-20s:503; repeatable"
              + " (replaces phantom.embedded.faults.outages).")
  private List<String> outages;

  /** The fault options as settings keys, for the settings parser. */
  Map<String, String> overrides() {
    String p = "phantom.embedded.faults.";
    Map<String, String> m = new LinkedHashMap<>();
    put(m, p + "seed", seed);
    put(m, p + "reset-ratio", resetRatio);
    put(m, p + "stall-ratio", stallRatio);
    put(m, p + "first-byte.fixed", firstByteFixed);
    put(m, p + "first-byte.tail-mean", firstByteTailMean);
    put(m, p + "first-byte.tail", firstByteTail);
    put(m, p + "first-byte.pareto-shape", firstBytePareto);
    put(m, p + "keepalive-max-requests", keepAliveMaxRequests);
    if (outages != null) {
      m.put(p + "outages", String.join(",", outages));
    }
    return m;
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value.strip());
    }
  }

  /** One line naming every fault on purpose, or "none". */
  static String describe(FaultSettings f) {
    if (f.isNone()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    if (f.resetRatio() > 0) {
      parts.add("reset ratio " + f.resetRatio());
    }
    if (f.stallRatio() > 0) {
      parts.add("stall ratio " + f.stallRatio());
    }
    if (!f.firstByte().isNone()) {
      parts.add(
          "first byte "
              + human(f.firstByte().fixed())
              + " fixed + "
              + human(f.firstByte().tailMean())
              + " "
              + f.firstByte().tail().configValue()
              + " tail mean"
              + (f.firstByte().tail() == FaultSettings.Tail.PARETO
                  ? " (shape " + f.firstByte().paretoShape() + ")"
                  : ""));
    }
    if (f.keepAliveMaxRequests() > 0) {
      parts.add("keep-alive closed after " + f.keepAliveMaxRequests() + " answers");
    }
    for (FaultSettings.Outage o : f.outages()) {
      parts.add(
          "outage "
              + human(o.start())
              + " to "
              + human(o.end())
              + " ("
              + (o.mode() == FaultSettings.OutageMode.REFUSE
                  ? "connections refused"
                  : "503 for all")
              + ")");
    }
    return String.join(", ", parts);
  }

  private static String human(Duration d) {
    if (d.isZero()) {
      return "0ms";
    }
    if (d.toNanos() % 1_000_000 == 0 && d.toMillis() < 10_000) {
      return d.toMillis() + "ms";
    }
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
