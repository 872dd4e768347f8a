package io.phantommesh.perf.run;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.FaultSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedService;
import io.phantommesh.perf.embedded.RequestCounts;
import io.phantommesh.perf.embedded.fault.FaultReport;
import io.phantommesh.perf.soak.PrometheusText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded service in a JVM of its own: {@code java <options> -cp <this class path>
 * io.phantommesh.perf.cli.Main serve …}, started and stopped by this JVM.
 *
 * <p>Why: a soak samples the target's resident memory and CPU time; in the Gatling JVM those would
 * include the injector's. The token travels in the child's environment ({@code PHANTOM_API_TOKEN}),
 * never on its command line, where {@code ps} would show it. The child is told this JVM's PID
 * ({@code --stop-with-pid}), so it stops when this JVM ends however it ends; {@link #close()} stops
 * it sooner (SIGTERM, then a forced kill after 10 s). Its console goes to a log file, whose path
 * every error names.
 *
 * <p>Thread-safe.
 */
public final class ServeProcess implements EmbeddedService {
  /** The command line's entry point, named as text: {@code run} must not import {@code cli}. */
  static final String MAIN_CLASS = "io.phantommesh.perf.cli.Main";

  /** The line {@code serve} prints first, before the URL. */
  private static final String LISTENING = "listening on ";

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final Thread console;
  private final URI baseUri;
  private final Path log;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServeProcess(Process process, Thread console, URI baseUri, Path log) {
    this.process = process;
    this.console = console;
    this.baseUri = baseUri;
    this.log = log;
  }

  /**
   * Starts the service and waits until it listens.
   *
   * @param settings the service's settings (host, port, faults), passed as {@code serve} options
   * @param token the bearer token it must require
   * @param jvmOptions options of its JVM, e.g. {@code -Xmx1g}
   * @param log where its console goes (created or replaced)
   * @param startTimeout how long to wait for it to listen
   * @throws IllegalStateException when it exits or stays silent before listening; the message holds
   *     the end of its console and the log's path
   */
  public static ServeProcess start(
      EmbeddedSettings settings,
      Secret token,
      List<String> jvmOptions,
      Path log,
      Duration startTimeout) {
    List<String> command = command(settings, jvmOptions, ProcessHandle.current().pid());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PHANTOM_API_TOKEN", token.reveal());
    Process process;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded service's JVM: " + command, e);
    }
    CompletableFuture<URI> listening = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, listening), "embedded-service-console");
    pump.setDaemon(true);
    pump.start();
    try {
      URI uri = listening.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new ServeProcess(process, pump, uri, log);
    } catch (TimeoutException | ExecutionException e) {
      stop(process);
      String why =
          e instanceof TimeoutException
              ? "did not listen within " + startTimeout.toSeconds() + " s"
              : e.getCause().getMessage();
      throw new IllegalStateException(
          "the embedded service's own JVM " + why + "; its console (" + log + "):\n" + tail(log),
          e);
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded service", e);
    }
  }

  /** The child's command line: java, options, class path, {@code Main serve} and its options. */
  static List<String> command(EmbeddedSettings s, List<String> jvmOptions, long parentPid) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(jvmOptions);
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(MAIN_CLASS);
    c.add("serve");
    c.addAll(
        List.of(
            "--host", s.host(),
            "--port", String.valueOf(s.port()),
            "--io-threads", String.valueOf(s.ioThreads()),
            "--latency-fixed", s.latencyFixed().toNanos() + "ns",
            "--latency-tail-mean", s.latencyTailMean().toNanos() + "ns",
            "--error-ratio", String.valueOf(s.errorRatio()),
            "--leak-bytes-per-request", String.valueOf(s.leakBytesPerRequest()),
            "--leak-cap-bytes", String.valueOf(s.leakCapBytes()),
            "--stop-with-pid", String.valueOf(parentPid)));
    FaultSettings f = s.faults();
    c.addAll(
        List.of(
            "--seed", String.valueOf(f.seed()),
            "--reset-ratio", String.valueOf(f.resetRatio()),
            "--stall-ratio", String.valueOf(f.stallRatio()),
            "--first-byte-fixed", f.firstByte().fixed().toNanos() + "ns",
            "--first-byte-tail-mean", f.firstByte().tailMean().toNanos() + "ns",
            "--first-byte-tail", f.firstByte().tail().configValue(),
            "--first-byte-pareto-shape", String.valueOf(f.firstByte().paretoShape()),
            "--keepalive-max-requests", String.valueOf(f.keepAliveMaxRequests())));
    for (FaultSettings.Outage o : f.outages()) {
      c.add("--outage");
      c.add(o.text());
    }
    return c;
  }

  /** Copies the child's console to the log; completes {@code listening} from its first line. */
  private static void pump(Process process, Path log, CompletableFuture<URI> listening) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        if (!listening.isDone() && line.startsWith(LISTENING)) {
          try {
            listening.complete(URI.create(line.substring(LISTENING.length()).strip()));
          } catch (IllegalArgumentException e) {
            listening.completeExceptionally(
                new IllegalStateException("printed an unreadable address: " + line));
          }
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(
          new IllegalStateException("console could not be read or logged: " + e.getMessage()));
    }
    if (!listening.isDone()) {
      int exit = process.onExit().join().exitValue();
      listening.completeExceptionally(
          new IllegalStateException("exited with code " + exit + " before listening"));
    }
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  /**
   * The service's {@code vpn_requests_total} from its {@code /metrics}.
   *
   * @throws IllegalStateException when the page cannot be read
   */
  @Override
  public RequestCounts counts() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> page = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (page.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + request.uri() + " answered " + page.statusCode() + "; console in " + log);
      }
      return requestCounts(page.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "GET " + request.uri() + " failed: " + e.getMessage() + "; console in " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + request.uri(), e);
    }
  }

  /**
   * The service's {@code vpn_faults_total} and outage times from its {@code /metrics}; {@link
   * FaultReport#NONE} when the page cannot be read (e.g. during a refuse-mode outage).
   */
  @Override
  public FaultReport faults() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> page = client.send(request, HttpResponse.BodyHandlers.ofString());
      return page.statusCode() == 200 ? faultReport(page.body()) : FaultReport.NONE;
    } catch (IOException e) {
      return FaultReport.NONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FaultReport.NONE;
    }
  }

  /** The fault counts and outage times of a {@code /metrics} page. */
  static FaultReport faultReport(String metricsPage) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<Integer, FaultSettings.OutageMode> modes = new java.util.TreeMap<>();
    Map<Integer, Long> starts = new java.util.TreeMap<>();
    Map<Integer, Long> ends = new java.util.TreeMap<>();
    for (PrometheusText.Sample s : PrometheusText.parse(metricsPage)) {
      Map<String, String> labels = PrometheusText.labels(s.labels());
      switch (s.name()) {
        case "vpn_faults_total" -> {
          if (labels.get("fault") != null) {
            counts.put(labels.get("fault"), (long) s.value());
          }
        }
        case "vpn_outage_start_timestamp_seconds", "vpn_outage_end_timestamp_seconds" -> {
          try {
            int i = Integer.parseInt(labels.getOrDefault("outage", ""));
            modes.put(i, FaultSettings.OutageMode.of(labels.getOrDefault("mode", "")));
            long millis = Math.round(s.value() * 1000);
            (s.name().contains("start") ? starts : ends).put(i, millis);
          } catch (IllegalArgumentException e) {
            // Not an outage line of this service: skipped, as every unreadable line is.
          }
        }
        default -> {}
      }
    }
    List<FaultReport.OutageRecord> outages = new ArrayList<>();
    starts.forEach(
        (i, start) -> outages.add(new FaultReport.OutageRecord(modes.get(i), start, ends.get(i))));
    return new FaultReport(counts, outages);
  }

  /** The {@code vpn_requests_total} samples of a {@code /metrics} page, by endpoint and status. */
  static RequestCounts requestCounts(String metricsPage) {
    Map<String, Map<Integer, Long>> counts = new LinkedHashMap<>();
    for (PrometheusText.Sample s : PrometheusText.parse(metricsPage)) {
      if (!s.name().equals("vpn_requests_total")) {
        continue;
      }
      Map<String, String> labels = PrometheusText.labels(s.labels());
      String endpoint = labels.get("endpoint");
      String status = labels.get("status");
      if (endpoint == null || status == null || !status.matches("\\d{3}")) {
        continue;
      }
      counts
          .computeIfAbsent(endpoint, e -> new LinkedHashMap<>())
          .merge(Integer.parseInt(status), (long) s.value(), Long::sum);
    }
    return new RequestCounts(counts);
  }

  /** "its own JVM (pid N)". */
  @Override
  public String placement() {
    return "its own JVM (pid " + process.pid() + ")";
  }

  /** The child's PID. */
  public long pid() {
    return process.pid();
  }

  /** Where the child's console goes. */
  public Path log() {
    return log;
  }

  /**
   * Stops the child: SIGTERM, then a forced kill after 10 s; returns once its last console lines
   * are in the log. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stop(process);
      try {
        console.join(STOP_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * SIGTERM through the process handle: {@link Process#destroy()} would also close the child's
   * stdout, and its last lines ("stopped … after N requests") would never reach the log.
   */
  private static void stop(Process process) {
    process.toHandle().destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.toHandle().destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.toHandle().destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no console: " + e.getMessage() + ")";
    }
  }
}
