package io.phantommesh.perf.config;

/**
 * The URL paths of the VPN core API, overridable for deployments that mount it elsewhere.
 *
 * <p>Immutable; every path starts with {@code /}.
 */
public record Paths(
    String health, String peers, String tunnels, String threatSignals, String metrics) {

  /** Reads {@code phantom.target.paths}. */
  static Paths read(SettingsReader r) {
    return new Paths(
        path(r, "health"),
        path(r, "peers"),
        path(r, "tunnels"),
        path(r, "threat-signals"),
        path(r, "metrics"));
  }

  private static String path(SettingsReader r, String key) {
    String p = r.parsed(key, "must start with '/' and hold no spaces or query", HttpUrl::path);
    return p == null ? "/" : p;
  }
}
