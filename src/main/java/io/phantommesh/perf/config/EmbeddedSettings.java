package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * Settings of the embedded reference VPN core service.
 *
 * <p>Immutable.
 *
 * @param host address to bind, loopback by default
 * @param port TCP port, 0..65535; 0 picks a free one
 * @param ioThreads Netty event-loop threads, 0..256; 0 lets Netty choose
 * @param latencyFixed latency added to every answer, >= 0
 * @param latencyTailMean mean of an exponential random latency added on top, >= 0
 * @param errorRatio fraction of {@code /api/v1/*} requests answered 500 on purpose, 0.0..1.0
 * @param leakBytesPerRequest bytes retained per {@code /api/v1/*} request (leak simulation),
 *     0..65536
 * @param leakCapBytes upper bound of the retained bytes, >= 0
 * @param faults resets, stalls, slow first bytes, keep-alive closes and outages on purpose
 */
public record EmbeddedSettings(
    String host,
    int port,
    int ioThreads,
    Duration latencyFixed,
    Duration latencyTailMean,
    double errorRatio,
    int leakBytesPerRequest,
    long leakCapBytes,
    FaultSettings faults) {

  public EmbeddedSettings {
    if (faults == null) {
      throw new IllegalArgumentException("faults must be given (FaultSettings.none())");
    }
  }

  /** Settings without faults (resets, stalls, outages…): latency, errors and leak only. */
  public EmbeddedSettings(
      String host,
      int port,
      int ioThreads,
      Duration latencyFixed,
      Duration latencyTailMean,
      double errorRatio,
      int leakBytesPerRequest,
      long leakCapBytes) {
    this(
        host,
        port,
        ioThreads,
        latencyFixed,
        latencyTailMean,
        errorRatio,
        leakBytesPerRequest,
        leakCapBytes,
        FaultSettings.none());
  }

  /** These settings with {@code newFaults}. */
  public EmbeddedSettings withFaults(FaultSettings newFaults) {
    return new EmbeddedSettings(
        host,
        port,
        ioThreads,
        latencyFixed,
        latencyTailMean,
        errorRatio,
        leakBytesPerRequest,
        leakCapBytes,
        newFaults);
  }

  /** Defaults for tests: loopback, free port, no added latency, errors or leak. */
  public static EmbeddedSettings defaults() {
    return new EmbeddedSettings("127.0.0.1", 0, 0, Duration.ZERO, Duration.ZERO, 0.0, 0, 0);
  }

  /** True when the service must delay answers. */
  public boolean hasLatency() {
    return !latencyFixed.isZero() || !latencyTailMean.isZero();
  }

  /** Largest simulated leak: 64 GiB, beyond any heap this suite runs with. */
  private static final long MAX_LEAK_CAP = 64L << 30;

  /** Reads {@code phantom.embedded} (without {@code process}, see EmbeddedProcessSettings). */
  static EmbeddedSettings read(SettingsReader r) {
    String host =
        r.parsed(
            "host",
            "must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost",
            BindAddress::parse);
    return new EmbeddedSettings(
        host == null ? "127.0.0.1" : host,
        r.integer("port", 0, 65535),
        r.integer("io-threads", 0, 256),
        r.duration("latency.fixed", Duration.ZERO, Duration.ofMinutes(5)),
        r.duration("latency.tail-mean", Duration.ZERO, Duration.ofMinutes(5)),
        r.number("error-ratio", 0, true, 1, ""),
        r.integer("leak-bytes-per-request", 0, 65536),
        r.bytes("leak-cap", 0, MAX_LEAK_CAP),
        FaultSettings.read(r.at("faults")));
  }
}
