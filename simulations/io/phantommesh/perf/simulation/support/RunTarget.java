package io.phantommesh.perf.simulation.support;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.config.TargetSettings;
import io.phantommesh.perf.embedded.EmbeddedService;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.run.Preflight;
import io.phantommesh.perf.run.ServeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The target of one simulation run: the configured service, or the embedded one started on a free
 * loopback port when no base URL is configured, in the Gatling JVM or in a JVM of its own ({@code
 * phantom.embedded.process}).
 *
 * <p>Opened in the simulation constructor (Gatling needs the base URL there) and closed in {@code
 * after()}. Opening runs the preflight check, so an unreachable target or a refused token stops the
 * run before any load is sent.
 */
public final class RunTarget implements AutoCloseable {
  private final TargetSettings settings;

  /** How long the embedded service's own JVM may take to listen. */
  private static final Duration OWN_JVM_START_TIMEOUT = Duration.ofSeconds(60);

  private final Optional<EmbeddedService> embedded;

  private RunTarget(TargetSettings settings, Optional<EmbeddedService> embedded) {
    this.settings = settings;
    this.embedded = embedded;
  }

  /**
   * Starts the embedded service if needed, then runs the preflight check if enabled.
   *
   * @param samplesTarget whether the model samples the target's memory and CPU: with {@code
   *     phantom.embedded.process = auto}, the embedded service then gets a JVM of its own
   */
  public static RunTarget open(PerfSettings perf, boolean samplesTarget) {
    TargetSettings configured = perf.target();
    if (!configured.isEmbedded()) {
      if (configured.preflight()) {
        Preflight.check(configured);
      }
      return new RunTarget(configured, Optional.empty());
    }
    Secret token = configured.apiToken().isEmpty() ? randomToken() : configured.apiToken();
    EmbeddedService core =
        perf.embeddedProcess().ownJvm(samplesTarget)
            ? ServeProcess.start(
                perf.embedded(),
                token,
                perf.embeddedProcess().jvmOptions(),
                consoleLog("embedded-service"),
                OWN_JVM_START_TIMEOUT)
            : EmbeddedVpnCore.start(perf.embedded(), token);
    try {
      TargetSettings resolved = configured.withBaseUrl(core.baseUri(), token);
      if (resolved.preflight()) {
        Preflight.check(resolved);
      }
      System.out.println(
          "phantom-mesh-perf: embedded VPN core service listening on "
              + core.baseUri()
              + ", in "
              + core.placement()
              + (core instanceof ServeProcess p ? ", console in " + p.log() : ""));
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
  public Optional<EmbeddedService> embedded() {
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
    embedded.ifPresent(EmbeddedService::close);
  }

  /**
   * A fresh file in the temporary folder for a service JVM's console.
   *
   * @param name the service, e.g. {@code embedded-service}: file {@code phantom-<name>-….log}
   */
  static Path consoleLog(String name) {
    try {
      return Files.createTempFile("phantom-" + name + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the console log of the " + name, e);
    }
  }

  /** A random bearer token for a service started here. */
  static Secret randomToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Secret.of(HexFormat.of().formatHex(bytes));
  }
}
