package io.phantommesh.perf.simulation.support;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.config.TargetSettings;
import io.phantommesh.perf.target.EmbeddedVpnCore;
import io.phantommesh.perf.target.Preflight;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The target of one simulation run: the configured service, or the embedded one started on a free
 * loopback port when no base URL is configured.
 *
 * <p>Opened in the simulation constructor (Gatling needs the base URL there) and closed in {@code
 * after()}. Opening runs the preflight check, so an unreachable target or a refused token stops the
 * run before any load is sent.
 */
public final class RunTarget implements AutoCloseable {
  private final TargetSettings settings;
  private final Optional<EmbeddedVpnCore> embedded;

  private RunTarget(TargetSettings settings, Optional<EmbeddedVpnCore> embedded) {
    this.settings = settings;
    this.embedded = embedded;
  }

  /** Starts the embedded service if needed, then runs the preflight check if enabled. */
  public static RunTarget open(PerfSettings perf) {
    TargetSettings configured = perf.target();
    if (!configured.isEmbedded()) {
      if (configured.preflight()) {
        Preflight.check(configured);
      }
      return new RunTarget(configured, Optional.empty());
    }
    Secret token = configured.apiToken().isEmpty() ? randomToken() : configured.apiToken();
    EmbeddedVpnCore core = EmbeddedVpnCore.start(perf.embedded(), token);
    try {
      TargetSettings resolved = configured.withBaseUrl(core.baseUri(), token);
      if (resolved.preflight()) {
        Preflight.check(resolved);
      }
      System.out.println(
          "phantom-mesh-perf: embedded VPN core service listening on " + core.baseUri());
      return new RunTarget(resolved, Optional.of(core));
    } catch (RuntimeException e) {
      core.close();
      throw e;
    }
  }

  /** The effective target settings, base URL set. */
  public TargetSettings settings() {
    return settings;
  }

  /** The embedded service, when this run started one. */
  public Optional<EmbeddedVpnCore> embedded() {
    return embedded;
  }

  /** "embedded (http://127.0.0.1:port)" or the real base URL, never credentials. */
  public String display() {
    return embedded.isPresent()
        ? "embedded (" + settings.displayBaseUrl() + ")"
        : settings.displayBaseUrl();
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedVpnCore::close);
  }

  private static Secret randomToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Secret.of(HexFormat.of().formatHex(bytes));
  }
}
