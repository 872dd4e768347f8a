package io.phantommesh.perf.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Faults the embedded service injects on purpose ({@code phantom.embedded.faults}), so that users
 * and tests can rehearse SLOs against a misbehaving target: resets, stalls, slow first bytes,
 * keep-alive connections closed early and scheduled outages.
 *
 * <p>Immutable. Every random choice is a pure function of {@code seed} and the request's arrival
 * number, so the same seed and the same requests give the same faults. The checks here repeat the
 * ranges reference.conf documents, for records built in code.
 *
 * @param seed seed of every fault's draws, >= 0
 * @param resetRatio fraction of requests whose connection is reset (TCP RST) instead of answered,
 *     0.0..1.0
 * @param stallRatio fraction of requests never answered (held until the client gives up or the
 *     service closes), 0.0..1.0; drawn among the requests not reset
 * @param firstByte delay before the first byte of every answer
 * @param keepAliveMaxRequests answers per connection after which the service closes it ({@code
 *     Connection: close}), 0 (never) ..1,000,000
 * @param outages scheduled outages, offsets from the service's start, in order, not overlapping
 */
public record FaultSettings(
    long seed,
    double resetRatio,
    double stallRatio,
    FirstByte firstByte,
    int keepAliveMaxRequests,
    List<Outage> outages) {

  /** Longest outage offset or first-byte delay accepted. */
  public static final Duration MAX_OFFSET = Duration.ofDays(7);

  /** Longest first-byte delay part accepted (fixed or tail mean). */
  public static final Duration MAX_DELAY = Duration.ofMinutes(5);

  /** Seed used when none is given (the embedded service's historical default). */
  public static final long DEFAULT_SEED = 0x5EED_C0DEL;

  public FaultSettings {
    ratio("reset ratio", resetRatio);
    ratio("stall ratio", stallRatio);
    if (firstByte == null) {
      throw new IllegalArgumentException("first-byte delay must be given (FirstByte.NONE)");
    }
    if (keepAliveMaxRequests < 0 || keepAliveMaxRequests > 1_000_000) {
      throw new IllegalArgumentException(
          "keep-alive max requests must be 0..1000000, was " + keepAliveMaxRequests);
    }
    outages = List.copyOf(outages);
    Duration previousEnd = Duration.ZERO;
    for (Outage o : outages) {
      if (o.start().compareTo(previousEnd) < 0) {
        throw new IllegalArgumentException(
            "outages must be in order and must not overlap: "
                + o
                + " starts before "
                + previousEnd);
      }
      previousEnd = o.end();
    }
  }

  /** No fault at all. */
  public static FaultSettings none() {
    return new FaultSettings(DEFAULT_SEED, 0.0, 0.0, FirstByte.NONE, 0, List.of());
  }

  /** True when no fault is set. */
  public boolean isNone() {
    return resetRatio == 0.0
        && stallRatio == 0.0
        && firstByte.isNone()
        && keepAliveMaxRequests == 0
        && outages.isEmpty();
  }

  /** This with another seed. */
  public FaultSettings withSeed(long newSeed) {
    return new FaultSettings(
        newSeed, resetRatio, stallRatio, firstByte, keepAliveMaxRequests, outages);
  }

  /**
   * Reads {@code phantom.embedded.faults}; a bad value becomes a problem naming its key, and that
   * fault is left off.
   */
  static FaultSettings read(SettingsReader r) {
    Long seed =
        r.parsed(
            "seed",
            "must be a whole number from 0 to " + Long.MAX_VALUE,
            v -> {
              try {
                long n = Long.parseLong(v);
                return n >= 0 ? n : null;
              } catch (NumberFormatException e) {
                return null;
              }
            });
    double reset = r.number("reset-ratio", 0, true, 1, "");
    double stall = r.number("stall-ratio", 0, true, 1, "");
    Duration fixed = r.duration("first-byte.fixed", Duration.ZERO, MAX_DELAY);
    Duration mean = r.duration("first-byte.tail-mean", Duration.ZERO, MAX_DELAY);
    Tail tail =
        r.parsed(
            "first-byte.tail",
            "must be exponential or pareto",
            v -> {
              try {
                return Tail.of(v);
              } catch (IllegalArgumentException e) {
                return null;
              }
            });
    double shape = r.number("first-byte.pareto-shape", 1.1, true, 10, "");
    int maxRequests = r.integer("keepalive-max-requests", 0, 1_000_000);
    List<Outage> outages =
        r.parsedOrEmpty(
            "outages",
            "must be comma-separated START-END[:refuse|503] windows from the service's start, in"
                + " order, not overlapping, each within 7 days, e.g. \"10s-20s:refuse, 40s-45s:503\"",
            FaultSettings::parseOutages);
    return new FaultSettings(
        seed == null ? DEFAULT_SEED : seed,
        reset,
        stall,
        new FirstByte(fixed, mean, tail == null ? Tail.EXPONENTIAL : tail, shape),
        maxRequests,
        outages == null ? List.of() : outages);
  }

  /** Comma-separated outages in order and not overlapping; null when the text is not that. */
  static List<Outage> parseOutages(String text) {
    try {
      List<Outage> list = new java.util.ArrayList<>();
      for (String one : text.split(",")) {
        list.add(Outage.parse(one));
      }
      return new FaultSettings(DEFAULT_SEED, 0, 0, FirstByte.NONE, 0, list).outages();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void ratio(String what, double r) {
    if (!(r >= 0.0 && r <= 1.0)) {
      throw new IllegalArgumentException(what + " must be between 0.0 and 1.0, was " + r);
    }
  }

  /** Shape of the random tail of the first-byte delay. */
  public enum Tail {
    /** Exponential: light tail, P99 about 4.6 x the mean. */
    EXPONENTIAL,
    /** Pareto (Lomax, from 0): heavy tail; the shape sets how heavy (smaller is heavier). */
    PARETO;

    /** The configuration value, e.g. {@code "pareto"}. */
    public String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The tail named {@code value} (case-insensitive), or an exception listing the values. */
    public static Tail of(String value) {
      for (Tail t : values()) {
        if (t.configValue().equalsIgnoreCase(value.strip())) {
          return t;
        }
      }
      throw new IllegalArgumentException("tail must be exponential or pareto, was '" + value + "'");
    }
  }

  /**
   * The delay before the first byte of an answer: {@code fixed} plus a random tail of mean {@code
   * tailMean}.
   *
   * @param fixed added to every answer, 0..5 min
   * @param tailMean mean of the random tail, 0..5 min; zero for none
   * @param tail the tail's distribution
   * @param paretoShape shape (alpha) of the Pareto tail, 1.1..10 (ignored for the exponential)
   */
  public record FirstByte(Duration fixed, Duration tailMean, Tail tail, double paretoShape) {
    /** No delay. */
    public static final FirstByte NONE =
        new FirstByte(Duration.ZERO, Duration.ZERO, Tail.EXPONENTIAL, 2.0);

    public FirstByte {
      delay("first-byte fixed delay", fixed);
      delay("first-byte tail mean", tailMean);
      if (tail == null) {
        throw new IllegalArgumentException("first-byte tail must be exponential or pareto");
      }
      if (!(paretoShape >= 1.1 && paretoShape <= 10.0)) {
        throw new IllegalArgumentException(
            "first-byte pareto shape must be between 1.1 and 10, was " + paretoShape);
      }
    }

    /** True when answers are not delayed. */
    public boolean isNone() {
      return fixed.isZero() && tailMean.isZero();
    }

    private static void delay(String what, Duration d) {
      if (d == null || d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
        throw new IllegalArgumentException(what + " must be between 0 and 5 minutes, was " + d);
      }
    }
  }

  /** How the service is down during an outage. */
  public enum OutageMode {
    /** The listening socket is closed and open connections dropped: connections are refused. */
    REFUSE("refuse"),
    /** Connections are accepted and every request is answered 503 Service Unavailable. */
    UNAVAILABLE("503");

    private final String configValue;

    OutageMode(String configValue) {
      this.configValue = configValue;
    }

    /** The configuration value: {@code "refuse"} or {@code "503"}. */
    public String configValue() {
      return configValue;
    }

    /** The mode named {@code value}, or an exception listing the values. */
    public static OutageMode of(String value) {
      for (OutageMode m : values()) {
        if (m.configValue.equalsIgnoreCase(value.strip())) {
          return m;
        }
      }
      throw new IllegalArgumentException("outage mode must be refuse or 503, was '" + value + "'");
    }
  }

  /**
   * One scheduled outage: down from {@code start} to {@code end} after the service started, then
   * back.
   *
   * @param start offset from the service's start, 0..7 days
   * @param end offset from the service's start, after {@code start}, at most 7 days
   * @param mode how it is down
   */
  public record Outage(Duration start, Duration end, OutageMode mode) {
    public Outage {
      if (start == null || start.isNegative() || start.compareTo(MAX_OFFSET) > 0) {
        throw new IllegalArgumentException("outage start must be 0..7 days, was " + start);
      }
      if (end == null || end.compareTo(start) <= 0 || end.compareTo(MAX_OFFSET) > 0) {
        throw new IllegalArgumentException(
            "outage end must be after its start (" + start + ") and at most 7 days, was " + end);
      }
      if (mode == null) {
        throw new IllegalArgumentException("outage mode must be refuse or 503");
      }
    }

    /**
     * Parses {@code START-END[:MODE]}, e.g. {@code 10s-20s:refuse} or {@code 1.5s-3s:503}; the mode
     * defaults to refuse. Durations have the settings' syntax ({@link SettingsValues#duration}).
     */
    public static Outage parse(String text) {
      String t = text.strip();
      String mode = "refuse";
      int colon = t.indexOf(':');
      if (colon >= 0) {
        mode = t.substring(colon + 1);
        t = t.substring(0, colon);
      }
      int dash = t.indexOf('-');
      if (dash <= 0) {
        throw new IllegalArgumentException(
            "outage must read START-END[:refuse|503], e.g. 10s-20s:refuse; was '" + text + "'");
      }
      return new Outage(
          SettingsValues.duration(t.substring(0, dash)),
          SettingsValues.duration(t.substring(dash + 1)),
          OutageMode.of(mode));
    }

    /** {@code START-END:MODE} in milliseconds, the form {@link #parse} reads. */
    public String text() {
      return start.toMillis() + "ms-" + end.toMillis() + "ms:" + mode.configValue();
    }
  }
}
