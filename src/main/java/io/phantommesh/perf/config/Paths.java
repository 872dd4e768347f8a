package io.phantommesh.perf.config;

/**
 * The URL paths of the VPN core API, overridable for deployments that mount it elsewhere.
 *
 * <p>Immutable; every path starts with {@code /}.
 */
public record Paths(
    String health, String peers, String tunnels, String threatSignals, String metrics) {}
