package io.phantommesh.perf.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakCsvTest {
  private static final Instant T = Instant.parse("2026-01-04T13:34:51.123Z");

  @Test
  void writesTheDocumentedFormatInAnyLocale() throws Exception {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      StringWriter w = new StringWriter();
      SoakCsv.writeHeader(w);
      SoakCsv.writeRow(w, SoakSample.ok(300, T, 412_876_800, 12.34));
      SoakCsv.writeRow(w, SoakSample.missing(600, T.plusMillis(83), "answered HTTP 503, twice"));
      assertThat(w.toString())
          .isEqualTo(
              "simulated_time,wall_time,rss_bytes,cpu_seconds,status\n"
                  + "300.000,2026-01-04T13:34:51.123Z,412876800,12.340000,ok\n"
                  + "600.000,2026-01-04T13:34:51.206Z,,,\"missing: answered HTTP 503, twice\"\n");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void readsBackWhatItWrote(@TempDir Path dir) throws Exception {
    List<SoakSample> rows =
        List.of(
            SoakSample.ok(0, T, 100, 0.5),
            SoakSample.missing(300, T.plusSeconds(5), "answered garbage: no \"x\", really"),
            SoakSample.ok(600, T.plusSeconds(10), 200, 1.25));
    Path file = dir.resolve("soak-metrics.csv");
    try (var w = Files.newBufferedWriter(file)) {
      SoakCsv.writeHeader(w);
      for (SoakSample s : rows) {
        SoakCsv.writeRow(w, s);
      }
    }
    List<SoakSample> read = SoakCsv.read(file);
    assertThat(read).hasSize(3);
    assertThat(read.get(0)).isEqualTo(rows.get(0));
    assertThat(read.get(1).status()).isEqualTo(rows.get(1).status());
    assertThat(read.get(1).isOk()).isFalse();
    assertThat(read.get(2)).isEqualTo(rows.get(2));
  }
}
