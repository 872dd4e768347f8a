package io.phantommesh.perf.soak;

import io.phantommesh.perf.config.SoakProfile;
import io.phantommesh.perf.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the target's resident memory and CPU time during a soak run and writes them to {@code
 * soak-metrics.csv}, one row per slot.
 *
 * <p>Lifecycle: the constructor takes one sample (with a timeout of at least 10 s, for a cold
 * target) and fails fast when the metrics URL answers nothing or garbage, before any load is sent;
 * {@link #start()} creates the run folder and starts a daemon thread that GETs the Prometheus page
 * at every slot ({@code k x} the wall-clock sample interval after the start, {@code k = 0 ..
 * expectedSamples - 1}); {@link #stop()} waits at most 1 s for slots falling due, writes the
 * remaining slots as missing and closes the file. So a run that completes leaves exactly {@code
 * expectedSamples} rows. A failed, garbled or late sample becomes a missing row with its reason and
 * is counted; it never stops the run.
 *
 * <p>Thread-safe. Sends no load: one GET per slot, to one URL, with a timeout.
 */
public final class MetricsSampler implements AutoCloseable {
  /** The resident-memory gauge of Prometheus' process collector. */
  public static final String RSS = "process_resident_memory_bytes";

  /** The CPU-time counter of Prometheus' process collector. */
  public static final String CPU = "process_cpu_seconds_total";

  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  /** The first sample may meet a cold target (class loading, JIT): it gets at least this long. */
  private static final Duration PROBE_TIMEOUT_FLOOR = Duration.ofSeconds(10);

  private final SoakProfile profile;
  private final URI url;
  private final int cores;
  private final Duration timeout;
  private final long intervalNanos;
  private final int slots;
  private final HttpClient client;
  private final AtomicInteger okCount = new AtomicInteger();
  private final AtomicInteger missingCount = new AtomicInteger();
  private volatile boolean stopRequested;
  private volatile long stopDeadlineNanos;
  private Thread thread;
  private Path csv;
  private SoakRun run;
  private long startNanos;
  private long startEpochMillis;

  /**
   * A reading of the target's page: both values, or why there are none.
   *
   * @param rssBytes resident memory, bytes
   * @param cpuSeconds CPU time, seconds
   * @param problem empty when the reading holds both values
   */
  public record Reading(long rssBytes, double cpuSeconds, Optional<String> problem) {
    static Reading failed(String why) {
      return new Reading(-1, Double.NaN, Optional.of(why));
    }
  }

  /**
   * Connects to the metrics URL and takes one sample.
   *
   * @param profile the soak settings (intervals, time scale, output folder, limits)
   * @param metricsUrl the Prometheus text endpoint
   * @param cores the target's CPU cores, >= 1 (see {@link #coresOf})
   * @throws IllegalStateException naming the URL when it answers nothing or garbage
   */
  public MetricsSampler(SoakProfile profile, URI metricsUrl, int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1, was " + cores);
    }
    this.profile = profile;
    this.url = metricsUrl;
    this.cores = cores;
    this.intervalNanos = profile.wallSampleInterval().toNanos();
    this.slots = profile.expectedSamples();
    Duration interval = profile.wallSampleInterval();
    this.timeout =
        profile.sampleTimeout().compareTo(interval) < 0 ? profile.sampleTimeout() : interval;
    Duration probeTimeout =
        profile.sampleTimeout().compareTo(PROBE_TIMEOUT_FLOOR) > 0
            ? profile.sampleTimeout()
            : PROBE_TIMEOUT_FLOOR;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(probeTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Reading first = read(probeTimeout);
    if (first.problem().isPresent()) {
      throw new IllegalStateException(
          "soak: the metrics URL "
              + url
              + " "
              + first.problem().get()
              + ". The soak samples "
              + RSS
              + " and "
              + CPU
              + " (Prometheus text) from it and needs one good sample before any load: point"
              + " phantom.profiles.soak.metrics-url (or phantom.target.metrics-url) at the target's"
              + " Prometheus endpoint");
    }
  }

  /** The cores setting resolved: 0 means this machine's available processors. */
  public static int coresOf(SoakProfile profile) {
    return profile.targetCores() > 0
        ? profile.targetCores()
        : Runtime.getRuntime().availableProcessors();
  }

  /** One GET of the page, with its values or the reason it has none. Never throws for I/O. */
  public Reading read() {
    return read(timeout);
  }

  private Reading read(Duration requestTimeout) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Accept", "text/plain")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return Reading.failed("answered nothing within " + requestTimeout.toMillis() + " ms");
    } catch (ConnectException e) {
      return Reading.failed("refused the connection (" + e.getMessage() + ")");
    } catch (IOException e) {
      return Reading.failed("answered nothing usable (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reading.failed("sampling interrupted");
    }
    if (response.statusCode() != 200) {
      return Reading.failed("answered HTTP " + response.statusCode());
    }
    return parse(response.body());
  }

  /** The two values from a page, or why they are not there. */
  static Reading parse(String page) {
    Optional<Double> rss = PrometheusText.firstValue(page, RSS);
    Optional<Double> cpu = PrometheusText.firstValue(page, CPU);
    if (rss.isEmpty() || cpu.isEmpty()) {
      String excerpt = page.strip().replaceAll("\\s+", " ");
      excerpt = excerpt.length() > 60 ? excerpt.substring(0, 60) + "..." : excerpt;
      return Reading.failed(
          "answered garbage: no "
              + (rss.isEmpty() ? RSS : CPU)
              + " in its page ("
              + page.length()
              + " chars"
              + (excerpt.isEmpty() ? "" : ", starting \"" + excerpt + "\"")
              + ")");
    }
    if (!Double.isFinite(rss.get()) || rss.get() < 0) {
      return Reading.failed(RSS + " is " + rss.get());
    }
    if (!Double.isFinite(cpu.get()) || cpu.get() < 0) {
      return Reading.failed(CPU + " is " + cpu.get());
    }
    return new Reading(Math.round(rss.get()), cpu.get(), Optional.empty());
  }

  /**
   * Starts sampling now: slot 0 immediately, then one slot per wall-clock sample interval.
   *
   * @return the CSV being written, {@code <output-dir>/<now epoch ms>/soak-metrics.csv}
   * @throws IllegalStateException when started twice
   */
  public synchronized Path start() {
    if (thread != null) {
      throw new IllegalStateException("sampler already started");
    }
    startEpochMillis = System.currentTimeMillis();
    startNanos = System.nanoTime();
    run = SoakRun.of(profile, startEpochMillis, cores, url.toString());
    Path folder = run.folder(profile.outputDir());
    Writer out;
    csv = folder.resolve(SoakRun.CSV);
    try {
      // Rows go to a ".part" file (readable while the soak runs), published as the CSV on close.
      out = AtomicFiles.openStreaming(csv);
      SoakCsv.writeHeader(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("soak: cannot create " + csv, e);
    }
    thread = new Thread(() -> loop(out), "phantom-soak-sampler");
    thread.setDaemon(true);
    thread.start();
    return csv;
  }

  /**
   * Stops sampling: takes the slots falling due within the next second, writes the rest as missing,
   * closes the file. Returns within a few seconds. Idempotent; a no-op before {@link #start()}.
   */
  public void stop() {
    Thread t;
    synchronized (this) {
      t = thread;
      if (t == null || stopRequested) {
        if (t != null) {
          join(t);
        }
        return;
      }
      stopDeadlineNanos = System.nanoTime() + STOP_GRACE.toNanos();
      stopRequested = true;
    }
    LockSupport.unpark(t);
    join(t);
  }

  private void join(Thread t) {
    try {
      t.join(STOP_GRACE.plus(timeout).plusSeconds(5).toMillis());
      if (t.isAlive()) {
        t.interrupt();
        t.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The CSV being written; empty before {@link #start()}. */
  public synchronized Optional<Path> csvPath() {
    return Optional.ofNullable(csv);
  }

  /** The facts of this run for its sidecar; empty before {@link #start()}. */
  public synchronized Optional<SoakRun> run() {
    return Optional.ofNullable(run);
  }

  /** Rows with values written so far. */
  public int samplesTaken() {
    return okCount.get();
  }

  /** Missing rows written so far. */
  public int missingCount() {
    return missingCount.get();
  }

  /** Slots of a complete run. */
  public int expectedSamples() {
    return slots;
  }

  /** The sampled URL. */
  public URI url() {
    return url;
  }

  private void loop(Writer out) {
    try (out) {
      for (int k = 0; k < slots; k++) {
        long due = startNanos + Math.round(k * (double) intervalNanos);
        if (!waitUntil(due)) {
          for (int rest = k; rest < slots; rest++) {
            long restDue = startNanos + Math.round(rest * (double) intervalNanos);
            write(
                out,
                SoakSample.missing(
                    simulated(restDue), wall(restDue), "run ended before this sample"));
          }
          return;
        }
        long late = System.nanoTime() - due;
        if (late > intervalNanos) {
          write(
              out,
              SoakSample.missing(
                  simulated(due),
                  wall(due),
                  "late by " + late / 1_000_000 + " ms (the previous sample was slow)"));
          continue;
        }
        long sentAt = System.nanoTime();
        Reading r = read();
        write(
            out,
            r.problem().isPresent()
                ? SoakSample.missing(simulated(sentAt), wall(sentAt), r.problem().get())
                : SoakSample.ok(simulated(sentAt), wall(sentAt), r.rssBytes(), r.cpuSeconds()));
      }
    } catch (IOException e) {
      System.err.println("phantom-mesh-perf: soak sampler stopped, cannot write " + csv + ": " + e);
    }
  }

  /** Waits for {@code due}; false when the run stopped and {@code due} lies past the grace. */
  private boolean waitUntil(long due) {
    while (true) {
      long now = System.nanoTime();
      if (stopRequested && due - stopDeadlineNanos > 0) {
        return false;
      }
      if (now - due >= 0) {
        return true;
      }
      LockSupport.parkNanos(this, due - now);
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
  }

  private void write(Writer out, SoakSample s) throws IOException {
    SoakCsv.writeRow(out, s);
    out.flush();
    (s.isOk() ? okCount : missingCount).incrementAndGet();
  }

  private double simulated(long nanos) {
    return (nanos - startNanos) / 1e9 * profile.timeScale();
  }

  private Instant wall(long nanos) {
    return Instant.ofEpochMilli(startEpochMillis + Math.round((nanos - startNanos) / 1e6));
  }
}
