package io.phantommesh.perf.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The format of {@code soak-metrics.csv}: a header, then one row per sampling slot.
 *
 * <pre>
 * simulated_time,wall_time,rss_bytes,cpu_seconds,status
 * 300.000,2026-01-04T13:34:51.123Z,412876800,12.340000,ok
 * 600.000,2026-01-04T13:34:51.206Z,,,"missing: HTTP 503"
 * </pre>
 *
 * <p>Stateless. {@code simulated_time} is simulated seconds since the soak's start, {@code
 * wall_time} an ISO-8601 UTC instant to the millisecond, {@code rss_bytes} whole bytes, {@code
 * cpu_seconds} CPU seconds to the microsecond; both are empty in a missing row. {@code status} is
 * quoted when it holds a comma or a quote. Numbers use a dot, whatever the locale.
 */
public final class SoakCsv {
  /** The header line. */
  public static final String HEADER = "simulated_time,wall_time,rss_bytes,cpu_seconds,status";

  private SoakCsv() {}

  /** Writes the header line. */
  public static void writeHeader(Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
  }

  /** Writes one row. */
  public static void writeRow(Writer out, SoakSample s) throws IOException {
    out.write(row(s));
    out.write('\n');
  }

  /** One row, without its line end. */
  public static String row(SoakSample s) {
    return String.format(Locale.ROOT, "%.3f", s.simulatedSeconds())
        + ","
        + s.wallTime().truncatedTo(ChronoUnit.MILLIS)
        + ","
        + (s.isOk() ? Long.toString(s.rssBytes()) : "")
        + ","
        + (s.isOk() ? String.format(Locale.ROOT, "%.6f", s.cpuSeconds()) : "")
        + ","
        + quote(s.status());
  }

  /** Reads every row of a file written by {@link #writeRow}. */
  public static List<SoakSample> read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<SoakSample> out = new ArrayList<>();
      String header = in.readLine();
      if (!HEADER.equals(header)) {
        throw new IllegalArgumentException(
            file + ": not a soak-metrics.csv (header was: " + header + ")");
      }
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          out.add(parseRow(line, file + ":" + number));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static SoakSample parseRow(String line, String where) {
    String[] f = line.split(",", 5);
    if (f.length != 5) {
      throw new IllegalArgumentException(where + ": expected 5 columns, got: " + line);
    }
    try {
      String status = unquote(f[4]);
      double simulated = Double.parseDouble(f[0]);
      Instant wall = Instant.parse(f[1]);
      if (SoakSample.OK.equals(status)) {
        return SoakSample.ok(simulated, wall, Long.parseLong(f[2]), Double.parseDouble(f[3]));
      }
      return new SoakSample(simulated, wall, -1, Double.NaN, status);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage() + " in: " + line, e);
    }
  }

  private static String quote(String s) {
    String flat = s.replace('\r', ' ').replace('\n', ' ');
    return flat.contains(",") || flat.contains("\"")
        ? "\"" + flat.replace("\"", "\"\"") + "\""
        : flat;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }
}
