package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.FaultSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.embedded.fault.FaultReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service in its own JVM gets the same faults, and reports them through its /metrics. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeProcessFaultsTest {

  @Test
  void theChildsCommandLineCarriesEveryFault() {
    FaultSettings f =
        new FaultSettings(
            9,
            0.1,
            0.2,
            new FaultSettings.FirstByte(
                Duration.ofMillis(5), Duration.ofMillis(7), FaultSettings.Tail.PARETO, 1.5),
            4,
            List.of(FaultSettings.Outage.parse("1s-2s:503")));
    String line =
        String.join(
            " ", ServeProcess.command(EmbeddedSettings.defaults().withFaults(f), List.of(), 1));
    assertThat(line)
        .contains("--seed 9")
        .contains("--reset-ratio 0.1")
        .contains("--stall-ratio 0.2")
        .contains("--first-byte-fixed 5000000ns")
        .contains("--first-byte-tail-mean 7000000ns")
        .contains("--first-byte-tail pareto")
        .contains("--first-byte-pareto-shape 1.5")
        .contains("--keepalive-max-requests 4")
        .contains("--outage 1000ms-2000ms:503");
  }

  @Test
  void theFaultReportIsReadBackFromTheMetricsPage() throws Exception {
    FaultSettings f =
        new FaultSettings(
            1,
            0,
            0,
            FaultSettings.FirstByte.NONE,
            0,
            List.of(FaultSettings.Outage.parse("0ms-1500ms:503")));
    try (EmbeddedVpnCore core =
        EmbeddedVpnCore.start(EmbeddedSettings.defaults().withFaults(f), Secret.of("t"))) {
      HttpClient http = HttpClient.newHttpClient();
      URI metrics = core.baseUri().resolve("/metrics");
      int during =
          http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
              .statusCode();
      Thread.sleep(1700);
      String page =
          http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      FaultReport read = ServeProcess.faultReport(page);
      FaultReport own = core.faults();
      assertThat(during).isEqualTo(503);
      assertThat(read.counts()).isEqualTo(own.counts());
      assertThat(read.count(io.phantommesh.perf.embedded.fault.Fault.OUTAGE_503)).isEqualTo(1);
      assertThat(read.outages()).hasSize(1);
      assertThat(read.outages().get(0).startEpochMillis())
          .isEqualTo(own.outages().get(0).startEpochMillis());
      assertThat(read.outages().get(0).endEpochMillis())
          .isEqualTo(own.outages().get(0).endEpochMillis());
    }
  }
}
