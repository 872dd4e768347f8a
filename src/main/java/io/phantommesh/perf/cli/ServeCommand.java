package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs the embedded reference VPN core service standalone, for manual tests, wrk
 * benchmarks and injectors on other machines.
 *
 * <p>Settings come from {@link SettingsLoader#load()} ({@code phantom.embedded.*}, with its system
 * properties, overlay and {@code PHANTOM_*} environment variables); the options override them. The
 * first line on stdout is always {@code listening on http://HOST:PORT}, for scripts. The token
 * value is never printed, only where it came from. Runs until {@code --duration} has passed, the
 * {@code --stop-with-pid} process has ended or the JVM is asked to stop (SIGTERM, Ctrl-C), then
 * closes the server and returns 0. Never calls {@code System.exit}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Runs the embedded reference VPN core service until stopped.",
    sortOptions = false)
public final class ServeCommand implements Callable<Integer> {
  /** The token used when neither --token nor PHANTOM_API_TOKEN is given. For loopback use only. */
  public static final String DEV_TOKEN = "dev-token";

  @Spec private CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to bind (default: phantom.embedded.host, 127.0.0.1).")
  private String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port, 0..65535; 0 picks a free one (default: phantom.embedded.port).")
  private Integer port;

  @Option(
      names = "--io-threads",
      paramLabel = "N",
      description =
          "Netty event-loop threads, 0..256; 0 lets Netty choose (default:"
              + " phantom.embedded.io-threads).")
  private Integer ioThreads;

  @Option(
      names = "--latency-fixed",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Latency added to every answer, e.g. 5ms (the settings' duration syntax).")
  private Duration latencyFixed;

  @Option(
      names = "--latency-tail-mean",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Mean of an exponential random latency on top, e.g. 20ms.")
  private Duration latencyTailMean;

  @Option(
      names = "--error-ratio",
      paramLabel = "RATIO",
      description = "Fraction of /api/v1/* requests answered 500, 0.0..1.0.")
  private Double errorRatio;

  @Option(
      names = "--leak-bytes-per-request",
      paramLabel = "BYTES",
      description = "Bytes retained per /api/v1/* request (simulated leak), 0..65536.")
  private Integer leakBytesPerRequest;

  @Option(
      names = "--leak-cap-bytes",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description =
          "Upper bound of the simulated leak, e.g. 256M; a bare number is bytes (default:"
              + " phantom.embedded.leak-cap).")
  private Long leakCapBytes;

  @Mixin private FaultOptions faultOptions = new FaultOptions();

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Bearer token for /api/v1/* (default: PHANTOM_API_TOKEN, else the dev token 'dev-token')."
              + " Prefer the environment variable: options show in process lists.")
  private String token;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 30s (default: run until SIGTERM / Ctrl-C).")
  private Duration duration;

  @Option(
      names = "--stop-with-pid",
      paramLabel = "PID",
      description =
          "Stop when the process PID ends (a simulation that starts the service in a JVM of its"
              + " own passes its own PID, so the service never outlives the run).")
  private Long stopWithPid;

  private final Function<Map<String, String>, PerfSettings> settingsSource;

  /** Reads settings with {@link SettingsLoader#load(Map, String)}, the fault options on top. */
  public ServeCommand() {
    this(overrides -> SettingsLoader.load(overrides, "serve options"));
  }

  /**
   * Reads settings from {@code settingsSource}, which ignores the fault options: for tests and
   * embedding tools that give no fault option.
   */
  public ServeCommand(Supplier<PerfSettings> settingsSource) {
    this(ignoringOverrides(settingsSource));
  }

  /**
   * Reads settings from {@code settingsSource}, given the fault options as settings keys (e.g.
   * {@code phantom.embedded.faults.reset-ratio}), so one parser checks both.
   */
  public ServeCommand(Function<Map<String, String>, PerfSettings> settingsSource) {
    this.settingsSource = Objects.requireNonNull(settingsSource, "settingsSource");
  }

  private static Function<Map<String, String>, PerfSettings> ignoringOverrides(
      Supplier<PerfSettings> source) {
    Objects.requireNonNull(source, "settingsSource");
    return overrides -> source.get();
  }

  @Override
  public Integer call() throws InterruptedException {
    PerfSettings settings = settingsSource.apply(faultOptions.overrides());
    EmbeddedSettings embedded = overlay(settings.embedded());
    long seed = embedded.faults().seed();
    Secret apiToken;
    String tokenSource;
    if (token != null) {
      apiToken = Secret.of(token.strip());
      tokenSource = "--token option";
    } else if (!settings.target().apiToken().isEmpty()) {
      apiToken = settings.target().apiToken();
      tokenSource = "PHANTOM_API_TOKEN (phantom.target.api-token)";
    } else {
      apiToken = Secret.of(DEV_TOKEN);
      tokenSource = "built-in development token (see docs/embedded-service.md)";
    }
    if (apiToken.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--token must not be empty");
    }

    EmbeddedVpnCore core;
    try {
      core = EmbeddedVpnCore.start(embedded, apiToken, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    // Counted down by the shutdown hook or by the end of the --stop-with-pid process.
    CountDownLatch wake = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              core.close();
              out.println("stopped by JVM shutdown after " + core.requestCount() + " requests");
              out.flush();
              stopped.countDown();
              wake.countDown();
            },
            "vpn-core-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Asked to stop while starting: nothing to serve.
      core.close();
      throw e;
    }
    try {
      out.println("listening on " + core.baseUri());
      out.println(
          "transport: "
              + core.transport()
              + ", io threads: "
              + (embedded.ioThreads() == 0 ? "auto" : embedded.ioThreads()));
      out.println("api token: " + tokenSource);
      out.println(
          "faults: latency "
              + human(embedded.latencyFixed())
              + " fixed + "
              + human(embedded.latencyTailMean())
              + " tail mean, error ratio "
              + embedded.errorRatio()
              + ", leak "
              + embedded.leakBytesPerRequest()
              + " B/request (cap "
              + embedded.leakCapBytes()
              + " B), seed "
              + seed);
      out.println("faults on purpose: " + FaultOptions.describe(embedded.faults()));
      out.println(
          (duration == null ? "running until SIGTERM or Ctrl-C" : "running for " + human(duration))
              + (stopWithPid == null ? "" : " or until process " + stopWithPid + " ends"));
      out.flush();
      boolean woken;
      if (stopWithPid != null) {
        ProcessHandle.of(stopWithPid)
            .map(ProcessHandle::onExit)
            .ifPresentOrElse(ended -> ended.thenRun(wake::countDown), () -> wake.countDown());
      }
      if (duration == null) {
        wake.await();
        woken = true;
      } else {
        woken = wake.await(duration.toNanos(), TimeUnit.NANOSECONDS);
      }
      if (stopped.getCount() == 0) {
        // The hook has closed the server and said so; the JVM is about to halt.
        return 0;
      }
      if (woken) {
        core.close();
        out.println(
            "stopped: process "
                + stopWithPid
                + " ended, after "
                + core.requestCount()
                + " requests");
        out.flush();
        return 0;
      }
    } finally {
      core.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook closes the server.
      }
    }
    out.println("stopped after " + human(duration) + " and " + core.requestCount() + " requests");
    out.flush();
    return 0;
  }

  private EmbeddedSettings overlay(EmbeddedSettings s) {
    return new EmbeddedSettings(
        host != null ? host : s.host(),
        port != null ? port : s.port(),
        ioThreads != null ? ioThreads : s.ioThreads(),
        latencyFixed != null ? latencyFixed : s.latencyFixed(),
        latencyTailMean != null ? latencyTailMean : s.latencyTailMean(),
        errorRatio != null ? errorRatio : s.errorRatio(),
        leakBytesPerRequest != null ? leakBytesPerRequest : s.leakBytesPerRequest(),
        leakCapBytes != null ? leakCapBytes : s.leakCapBytes(),
        s.faults());
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
