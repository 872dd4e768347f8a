package io.phantommesh.perf.bench;

import io.phantommesh.perf.results.LogRecordVisitor;
import io.phantommesh.perf.results.RunAggregator;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.SimulationLogReader;
import io.phantommesh.perf.results.SimulationLogWriter;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures decoding and aggregating big {@code simulation.log} files against Gatling's own {@code
 * reportsOnly} on the same files. A command, not a test: see {@code docs/results.md} for how to run
 * it and the figures measured.
 *
 * <p>For each size (requests, default 1 M and 20 M) it (a) writes a realistic log with {@link
 * SimulationLogWriter} under {@code target/bench/<size>/run/}, unless one of that size is already
 * there; (b) decodes it alone, then decodes and aggregates it, printing wall time, records per
 * second and the peak heap (sum of the heap pools' peaks); (c) forks Gatling's {@code reportsOnly}
 * on the same folder and prints its wall time and the ratio.
 *
 * <p>The generated run: 1,000 users arrive per second, each logs in, lists servers, then in a
 * "session" group (with a nested "tunnel" group) connects, sends heartbeats and disconnects: 10
 * requests per user, 10,000 requests per second. Response times are log-normal (median about 20 ms)
 * with a rare tail to 2 s; about 1 % are KO with one of four messages, some of them timeouts at 60
 * s; one user in 2,000 logs an Error record.
 *
 * <p>Arguments: {@code [--requests 1000000,20000000] [--dir target/bench] [--no-gatling]
 * [--gatling-heap 2g]}; {@code --requests N --generate-into FOLDER} only writes (or keeps) the log
 * of N requests as {@code FOLDER/simulation.log}, for {@code bench/report-speed.sh}.
 */
public final class DecodeBenchmark {

  private static final String[] KO_MESSAGES = {
    "status.find.is(200), found 503",
    "j.n.ConnectException: Connection refused: /127.0.0.1:8443",
    "Request timeout to 127.0.0.1/127.0.0.1:8443 after 60000 ms",
    "jsonPath($.tunnel.id).find.exists, found nothing",
  };
  private static final String CRASH = "connect: No attribute named 'serverId' is defined ";
  private static final List<String> SESSION = List.of("session");
  private static final List<String> TUNNEL = List.of("session", "tunnel");

  private static final Pattern GATLING_PARSE_TIME =
      Pattern.compile("Parsing log file\\(s\\) done in (\\d+)s");
  private static final Pattern GATLING_P99 =
      Pattern.compile("response time 99th percentile \\(ms\\)\\s+\\|\\s+([0-9,]+)");

  private DecodeBenchmark() {}

  public static void main(String[] args) throws IOException {
    List<Long> sizes = List.of(1_000_000L, 20_000_000L);
    Path dir = Path.of("target", "bench");
    boolean runGatling = true;
    String gatlingHeap = "2g";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> {
          List<Long> parsed = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            parsed.add(Long.parseLong(s.replace("_", "")));
          }
          sizes = parsed;
        }
        case "--dir" -> dir = Path.of(args[++i]);
        case "--no-gatling" -> runGatling = false;
        case "--gatling-heap" -> gatlingHeap = args[++i];
        case "--generate-into" -> {
          // Only write (or keep) the log of the first size in the given run folder.
          Path folder = Path.of(args[++i]);
          Path log = folder.resolve(SimulationLogReader.LOG_FILE_NAME);
          long requests = sizes.get(0);
          if (!Files.exists(log) || !isComplete(log, requests)) {
            Files.createDirectories(folder);
            long records = generate(log, requests);
            System.out.printf(
                Locale.ROOT,
                "%,d requests: generated %,d records, %,d MB in %s%n",
                requests,
                records,
                Files.size(log) / 1_000_000,
                log);
          }
          return;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "JVM max heap %d MiB, %d cores%n",
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    for (long requests : sizes) {
      Path resultsDir = dir.resolve(Long.toString(requests));
      Path runFolder = resultsDir.resolve("run");
      Path log = runFolder.resolve(SimulationLogReader.LOG_FILE_NAME);
      if (!Files.exists(log) || !isComplete(log, requests)) {
        Files.createDirectories(runFolder);
        long t0 = System.nanoTime();
        long records = generate(log, requests);
        System.out.printf(
            Locale.ROOT,
            "%,d requests: generated %,d records, %,d MB in %.1f s%n",
            requests,
            records,
            Files.size(log) / 1_000_000,
            seconds(t0));
      }
      measure(log, requests);
      if (runGatling) {
        compareWithGatling(resultsDir, log, requests, gatlingHeap);
      }
    }
  }

  private static double ours;

  private static void measure(Path log, long requests) {
    // Decode only: a visitor that does nothing but count.
    resetPeaks();
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    long records;
    try (SimulationLogReader reader = SimulationLogReader.open(log)) {
      records = reader.readAll(new LogRecordVisitor() {}) + 1;
    }
    double decode = seconds(t0);
    System.out.printf(
        Locale.ROOT,
        "%,d requests: decode only      %6.2f s (CPU %.2f s), %,12.0f records/s, peak heap %4d"
            + " MiB%n",
        requests,
        decode,
        (cpuNanos() - c0) / 1e9,
        records / decode,
        peakHeapMiB());

    resetPeaks();
    t0 = System.nanoTime();
    c0 = cpuNanos();
    RunStatistics stats = RunAggregator.aggregate(List.of(log.getParent()));
    ours = seconds(t0);
    double cpu = (cpuNanos() - c0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%,d requests: decode+aggregate %6.2f s (CPU %.2f s), %,12.0f records/s, peak heap %4d MiB"
            + " (mean %.1f, P50 %d, P95 %d, P99 %d, max %d ms; peak %d rps; %d s timeline;"
            + " %d error kinds)%n",
        requests,
        ours,
        cpu,
        records / ours,
        peakHeapMiB(),
        stats.global().latency().meanMillis(),
        stats.global().latency().p50Millis(),
        stats.global().latency().p95Millis(),
        stats.global().latency().p99Millis(),
        stats.global().latency().maxMillis(),
        stats.peakRps(),
        stats.timeline().size(),
        stats.errors().size());
    if (stats.global().count() != requests) {
      throw new IllegalStateException("aggregated " + stats.global().count() + " requests");
    }
  }

  private static void compareWithGatling(Path resultsDir, Path log, long requests, String heap) {
    GatlingProcess.Result result =
        GatlingProcess.run(
            List.of("-Xmx" + heap),
            List.of("-ro", log.getParent().getFileName().toString(), "-rf", resultsDir.toString()),
            Duration.ofMinutes(30),
            resultsDir.resolve("reports-only.out"));
    if (result.exitCode() != 0) {
      throw new IllegalStateException("reportsOnly failed:\n" + result.tail(30));
    }
    double gatling = result.elapsed().toMillis() / 1000.0;
    Matcher parsing = GATLING_PARSE_TIME.matcher(result.output());
    Matcher p99 = GATLING_P99.matcher(result.output());
    System.out.printf(
        Locale.ROOT,
        "%,d requests: Gatling reportsOnly %6.2f s in all (-Xmx%s, JVM start and HTML included),"
            + " log parsing alone %s s: %.1fx our decode+aggregate; Gatling's P99 %s ms%n",
        requests,
        gatling,
        heap,
        parsing.find() ? parsing.group(1) : "?",
        gatling / ours,
        p99.find() ? p99.group(1) : "?");
  }

  /** True when the log's first request count marker matches: it holds {@code requests}. */
  private static boolean isComplete(Path log, long requests) {
    try {
      RunInfo run = SimulationLogReader.readRunInfo(log);
      return run.runDescription().equals(description(requests));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String description(long requests) {
    return "DecodeBenchmark " + requests + " requests";
  }

  /**
   * Writes a log of {@code requests} requests, records in the order a live Gatling writes them (by
   * end time), driven by a queue of the users in flight (about 1,000).
   */
  static long generate(Path log, long requests) {
    SplittableRandom random = new SplittableRandom(20261123);
    RunInfo run =
        new RunInfo(
            SimulationLogReader.PINNED_GATLING_VERSION,
            "io.phantommesh.perf.simulation.RampUpSimulation",
            1_795_000_000_000L,
            description(requests),
            List.of("vpn user", "Zürich user", "東京 user"),
            0);
    long users = requests / 10;
    long records = 1;
    try (SimulationLogWriter w = SimulationLogWriter.create(log, run, List.of())) {
      PriorityQueue<User> inFlight = new PriorityQueue<>((a, b) -> Integer.compare(a.next, b.next));
      long started = 0;
      while (started < users || !inFlight.isEmpty()) {
        int nextArrival = started < users ? (int) started : Integer.MAX_VALUE; // 1 user per ms
        if (started < users && (inFlight.isEmpty() || nextArrival <= inFlight.peek().next)) {
          User u = new User((int) (started % 10 == 0 ? started % 3 : 0), nextArrival);
          w.writeUser(u.scenario, true, nextArrival);
          records++;
          started++;
          inFlight.add(u);
          continue;
        }
        User u = inFlight.poll();
        records += u.step(w, random);
        if (u.step < 12) {
          inFlight.add(u);
        }
      }
    }
    return records;
  }

  /** One virtual user's journey: 10 requests, two groups, think times. */
  private static final class User {
    final int scenario;
    int next;
    int step;
    int requestStart;
    int sessionStart;
    int tunnelStart;
    int sessionCumulated;
    int tunnelCumulated;
    boolean sessionOk = true;
    boolean tunnelOk = true;

    User(int scenario, int startMillis) {
      this.scenario = scenario;
      this.requestStart = startMillis;
      this.next = startMillis; // first request starts now, its record comes at its end
    }

    /** Writes what happens at {@link #next}; returns the number of records written. */
    int step(SimulationLogWriter w, SplittableRandom random) {
      int records = 0;
      if (step == 11) {
        w.writeUser(scenario, false, next);
        step++;
        return 1;
      }
      if (step == 0) {
        // Schedule the first request's end.
        return schedule(random, records);
      }
      int requestIndex = step - 1; // the request that just ended at `next`
      int responseTime = next - requestStart;
      boolean ok = random.nextInt(100) != 0;
      String message = ok ? "" : KO_MESSAGES[random.nextInt(KO_MESSAGES.length)];
      List<String> path =
          requestIndex >= 2 && requestIndex <= 8
              ? (requestIndex >= 3 && requestIndex <= 6 ? TUNNEL : SESSION)
              : List.of();
      String name =
          switch (requestIndex) {
            case 0 -> "login";
            case 1 -> "list servers";
            case 2 -> "connect";
            case 7 -> "Zürich exit";
            case 8 -> "東京 exit";
            case 9 -> "logout";
            default -> "heartbeat";
          };
      w.writeRequest(path, name, requestStart, next, ok, message);
      records++;
      if (requestIndex == 2) {
        sessionStart = requestStart;
      }
      if (path == SESSION || path == TUNNEL) {
        sessionCumulated += responseTime;
        sessionOk &= ok;
      }
      if (path == TUNNEL) {
        if (requestIndex == 3) {
          tunnelStart = requestStart;
        }
        tunnelCumulated += responseTime;
        tunnelOk &= ok;
        if (requestIndex == 6) {
          w.writeGroup(TUNNEL, tunnelStart, next, tunnelCumulated, tunnelOk);
          records++;
        }
      }
      if (requestIndex == 8) {
        w.writeGroup(SESSION, sessionStart, next, sessionCumulated, sessionOk);
        records++;
      }
      if (requestIndex == 4 && random.nextInt(2000) == 0) {
        w.writeError(CRASH, next);
        records++;
      }
      if (requestIndex == 9) {
        step = 11;
        next += 1;
        return records;
      }
      return schedule(random, records);
    }

    private int schedule(SplittableRandom random, int records) {
      int think = step == 0 ? 0 : random.nextInt(50);
      requestStart = next + think;
      next = requestStart + responseTime(random);
      step++;
      return records;
    }

    private static int responseTime(SplittableRandom random) {
      int tail = random.nextInt(10_000);
      if (tail == 0) {
        return 60_000; // a timeout
      }
      if (tail < 20) {
        return 200 + random.nextInt(1_800);
      }
      double gaussian = nextGaussian(random);
      return (int) Math.min(2_000, Math.round(Math.exp(3.0 + 0.6 * gaussian)));
    }

    private static double nextGaussian(SplittableRandom random) {
      // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
      double u = 1.0 - random.nextDouble();
      double v = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  /** CPU time of the calling thread, in ns. */
  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
