package io.phantommesh.perf.embedded;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads this process's resident memory and CPU time, as Prometheus' process collector names them.
 *
 * <p>Stateless. Resident memory is {@code VmRSS} from {@code /proc/self/status} on Linux, else the
 * JVM heap in use ({@code Runtime} total - free), which undercounts but still shows growth. CPU
 * time is user + system time of the whole process from {@code com.sun.management}.
 */
final class ProcessMetrics {
  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private ProcessMetrics() {}

  /** Resident set size in bytes. */
  static long residentMemoryBytes() {
    if (Files.isReadable(PROC_STATUS)) {
      try {
        for (String line : Files.readAllLines(PROC_STATUS, StandardCharsets.US_ASCII)) {
          if (line.startsWith("VmRSS:")) {
            // "VmRSS:     123456 kB"
            String[] parts = line.substring(6).trim().split("\\s+");
            return Long.parseLong(parts[0]) * 1024L;
          }
        }
      } catch (IOException | RuntimeException e) {
        // /proc vanished or changed format: fall back to the JVM's own view below.
      }
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** CPU time used by the process in seconds; 0 when the JVM cannot tell. */
  static double cpuSeconds() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long nanos = sun.getProcessCpuTime();
      return nanos < 0 ? 0.0 : nanos / 1e9;
    }
    return 0.0;
  }
}
