package io.phantommesh.perf.embedded.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.FaultSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each fault of the embedded service seen from a raw socket, and counted by the service: reset
 * (RST), stall (no answer; released on close), slow first byte, keep-alive close after N answers,
 * and both outage modes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedFaultsTest {
  private static final String GET_HEALTH = "GET /health HTTP/1.1\r\nHost: t\r\n\r\n";
  private EmbeddedVpnCore core;

  @AfterEach
  void stop() {
    if (core != null) {
      core.close();
    }
  }

  private static FaultSettings faults(
      double reset,
      double stall,
      FaultSettings.FirstByte firstByte,
      int maxRequests,
      List<FaultSettings.Outage> outages) {
    return new FaultSettings(7, reset, stall, firstByte, maxRequests, outages);
  }

  private EmbeddedVpnCore start(FaultSettings f) {
    core = EmbeddedVpnCore.start(EmbeddedSettings.defaults().withFaults(f), Secret.of("t0ken"));
    return core;
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", core.port()), 2000);
    s.setSoTimeout(3000);
    return s;
  }

  /** Reads one response (head + Content-Length body); throws on reset, returns "" on EOF. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String h = head.toString(StandardCharsets.ISO_8859_1);
      if (h.endsWith("\r\n\r\n")) {
        int length = 0;
        for (String line : h.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        byte[] body = in.readNBytes(length);
        return h + new String(body, StandardCharsets.UTF_8);
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aResetRequestGetsATcpResetAndIsCounted() throws IOException {
    start(faults(1.0, 0, FaultSettings.FirstByte.NONE, 0, List.of()));
    try (Socket s = connect()) {
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      SocketException e =
          assertThrows(SocketException.class, () -> readResponse(s.getInputStream()));
      assertThat(e.getMessage()).containsIgnoringCase("reset");
    }
    assertThat(core.faultCount(Fault.RESET)).isEqualTo(1);
    assertThat(core.counts().total()).as("nothing answered").isZero();
    assertThat(core.requestCount()).isEqualTo(1);
  }

  @Test
  void resetsFollowTheSeedAndTheRatio() throws IOException {
    start(faults(0.3, 0, FaultSettings.FirstByte.NONE, 0, List.of()));
    StringBuilder fates = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      try (Socket s = connect()) {
        s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
        try {
          fates.append(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200") ? 'a' : '?');
        } catch (SocketException e) {
          fates.append('r');
        }
      }
    }
    long resets = fates.chars().filter(c -> c == 'r').count();
    assertThat(core.faultCount(Fault.RESET)).isEqualTo(resets);
    assertThat(core.counts().count("GET /health", 200)).isEqualTo(40 - resets);
    assertThat(resets).isBetween(4L, 20L);
    core.close();
    // The same seed, the same requests in the same order: the same fates.
    start(faults(0.3, 0, FaultSettings.FirstByte.NONE, 0, List.of()));
    StringBuilder again = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      try (Socket s = connect()) {
        s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
        try {
          again.append(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200") ? 'a' : '?');
        } catch (SocketException e) {
          again.append('r');
        }
      }
    }
    assertThat(again.toString()).isEqualTo(fates.toString());
  }

  @Test
  void aStalledRequestIsNeverAnsweredAndIsReleasedOnClose() throws Exception {
    start(faults(0, 1.0, FaultSettings.FirstByte.NONE, 0, List.of()));
    try (Socket s = connect()) {
      s.setSoTimeout(500);
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      assertThat(core.faultCount(Fault.STALL)).isEqualTo(1);
      assertThat(core.stalledNow()).isEqualTo(1);
      assertThat(core.counts().total()).isZero();
      s.setSoTimeout(5000);
      core.close();
      assertThat(s.getInputStream().read()).as("closed by the service's close()").isEqualTo(-1);
    }
  }

  @Test
  void theFirstByteWaitsTheFixedDelay() throws IOException {
    start(
        faults(
            0,
            0,
            new FaultSettings.FirstByte(
                Duration.ofMillis(300), Duration.ZERO, FaultSettings.Tail.EXPONENTIAL, 2.0),
            0,
            List.of()));
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }
    assertThat(core.faultCount(Fault.SLOW_FIRST_BYTE)).isEqualTo(1);
    assertThat(core.counts().count("GET /health", 200)).isEqualTo(1);
  }

  @Test
  void aDelayedAnswerWhoseClientLeftIsTakenBackOutOfTheCounts() throws Exception {
    start(
        faults(
            0,
            0,
            new FaultSettings.FirstByte(
                Duration.ofMillis(400), Duration.ZERO, FaultSettings.Tail.EXPONENTIAL, 2.0),
            0,
            List.of()));
    try (Socket s = connect()) {
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (core.faultCount(Fault.ABANDONED) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(core.faultCount(Fault.ABANDONED)).isEqualTo(1);
    assertThat(core.counts().count("GET /health", 200)).isZero();
  }

  @Test
  void aKeepAliveConnectionClosesAfterItsLastAllowedAnswer() throws IOException {
    start(faults(0, 0, FaultSettings.FirstByte.NONE, 2, List.of()));
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").doesNotContain("connection: close");
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("connection: close");
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(core.faultCount(Fault.KEEPALIVE_CLOSE)).isEqualTo(1);
    assertThat(core.counts().count("GET /health", 200)).isEqualTo(2);
  }

  @Test
  void aRefuseOutageRefusesConnectionsThenListensAgainOnTheSamePort() throws Exception {
    start(
        faults(
            0,
            0,
            FaultSettings.FirstByte.NONE,
            0,
            List.of(
                new FaultSettings.Outage(
                    Duration.ofMillis(300),
                    Duration.ofMillis(900),
                    FaultSettings.OutageMode.REFUSE))));
    Socket idle = connect();
    Thread.sleep(500);
    assertThat(core.isDown()).isTrue();
    assertThat(idle.getInputStream().read()).as("open connection dropped").isEqualTo(-1);
    idle.close();
    assertThrows(ConnectException.class, this::connect);
    Thread.sleep(700);
    try (Socket s = connect()) {
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");
    }
    assertThat(core.faultCount(Fault.OUTAGE_DROPPED_CONNECTION)).isEqualTo(1);
    FaultReport.OutageRecord o = core.faults().outages().get(0);
    assertThat(o.outageMode()).isEqualTo(FaultSettings.OutageMode.REFUSE);
    assertThat(o.endEpochMillis() - o.startEpochMillis()).isBetween(500L, 800L);
  }

  @Test
  void a503OutageAnswers503ToEveryRequestThenRecovers() throws Exception {
    start(
        faults(
            0,
            0,
            FaultSettings.FirstByte.NONE,
            0,
            List.of(
                new FaultSettings.Outage(
                    Duration.ZERO, Duration.ofMillis(600), FaultSettings.OutageMode.UNAVAILABLE))));
    Thread.sleep(100);
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(in)).startsWith("HTTP/1.1 503").contains("retry-after: 1");
      Thread.sleep(700);
      s.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
    }
    assertThat(core.faultCount(Fault.OUTAGE_503)).isEqualTo(1);
    assertThat(core.counts().count("GET /health", 503)).isEqualTo(1);
  }

  @Test
  void metricsExposeFaultCountsAndOutageTimes() throws Exception {
    start(
        faults(
            0,
            0,
            FaultSettings.FirstByte.NONE,
            0,
            List.of(
                new FaultSettings.Outage(
                    Duration.ZERO, Duration.ofMillis(200), FaultSettings.OutageMode.UNAVAILABLE))));
    Thread.sleep(400);
    String page;
    try (Socket s = connect()) {
      s.getOutputStream()
          .write("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      page = readResponse(s.getInputStream());
    }
    assertThat(page)
        .contains("vpn_faults_total{fault=\"reset\"} 0")
        .contains("vpn_outage_active 0")
        .contains("vpn_outage_start_timestamp_seconds{outage=\"0\",mode=\"503\"} ")
        .contains("vpn_outage_end_timestamp_seconds{outage=\"0\",mode=\"503\"} ");
  }
}
