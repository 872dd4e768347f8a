package io.phantommesh.perf.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the load goes: a real VPN core service, or (when no base URL is set) the embedded one.
 *
 * <p>Immutable. {@link #toString()} never shows the token.
 *
 * @param baseUrl the real service's base URL, without a trailing slash; empty for the embedded one
 * @param apiToken the bearer token for {@code /api/v1/*}
 * @param metricsUrl the Prometheus endpoint sampled by soak runs; empty means {@code base +
 *     paths.metrics}
 * @param connectTimeout preflight TCP connect timeout, > 0
 * @param requestTimeout per-request timeout of every journey request, > 0
 * @param preflight whether to probe the target before sending load
 */
public record TargetSettings(
    Optional<URI> baseUrl,
    Secret apiToken,
    Optional<URI> metricsUrl,
    Paths paths,
    Duration connectTimeout,
    Duration requestTimeout,
    boolean preflight) {

  /** True when the suite must start its embedded service. */
  public boolean isEmbedded() {
    return baseUrl.isEmpty();
  }

  /** This target with its base URL set (used once the embedded service has a port). */
  public TargetSettings withBaseUrl(URI url, Secret token) {
    return new TargetSettings(
        Optional.of(url), token, metricsUrl, paths, connectTimeout, requestTimeout, preflight);
  }

  /** The metrics URL to sample: the configured one, else base URL + metrics path. */
  public URI effectiveMetricsUrl() {
    return metricsUrl.orElseGet(
        () ->
            URI.create(
                baseUrl.orElseThrow(() -> new IllegalStateException("no base URL yet"))
                    + paths.metrics()));
  }

  /** The base URL as text, for reports: scheme, host, port and path, never credentials. */
  public String displayBaseUrl() {
    return baseUrl.map(TargetSettings::withoutUserInfo).orElse("embedded");
  }

  private static String withoutUserInfo(URI u) {
    return u.getScheme()
        + "://"
        + u.getHost()
        + (u.getPort() >= 0 ? ":" + u.getPort() : "")
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }

  /** Reads {@code phantom.target}. */
  static TargetSettings read(SettingsReader r) {
    return new TargetSettings(
        Optional.ofNullable(r.parsedOrEmpty("base-url", HttpUrl.RULE, HttpUrl::parse)),
        Secret.of(r.text("api-token")),
        Optional.ofNullable(r.parsedOrEmpty("metrics-url", HttpUrl.RULE, HttpUrl::parse)),
        Paths.read(r.at("paths")),
        r.duration("connect-timeout", Duration.ofMillis(1), Duration.ofMinutes(10)),
        r.duration("request-timeout", Duration.ofMillis(1), Duration.ofHours(1)),
        r.bool("preflight"));
  }
}
