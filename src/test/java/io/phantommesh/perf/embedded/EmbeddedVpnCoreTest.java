package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.testsupport.VpnClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lifecycle of the embedded service: start, address, close. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedVpnCoreTest {

  @Test
  void portZeroBindsAFreeLoopbackPortAndBaseUriHasNoTrailingSlash() {
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      assertThat(core.port()).isPositive();
      assertThat(core.baseUri().toString())
          .isEqualTo("http://127.0.0.1:" + core.port())
          .doesNotEndWith("/");
      assertThat(new VpnClient(core).get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void startupWarmUpLeavesNoTraceInCountersOrState() {
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      assertThat(core.requestCount()).isZero();
      assertThat(core.counts().byEndpoint()).isEmpty();
      assertThat(core.peerCount()).isZero();
      assertThat(core.leakedBytes()).isZero();
    }
  }

  @Test
  void usesEpollOnLinux() {
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
      assertThat(core.transport()).isEqualTo(os.contains("linux") ? "epoll" : "nio");
    }
  }

  @Test
  void closeReleasesThePortAndIsIdempotent() throws IOException {
    EmbeddedVpnCore core = VpnClient.startCore();
    int port = core.port();

    core.close();
    core.close();

    assertThat(core.isClosed()).isTrue();
    try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void bindsTheConfiguredPort() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    EmbeddedSettings settings = withPort(port);

    try (EmbeddedVpnCore core = VpnClient.startCore(settings)) {
      assertThat(core.port()).isEqualTo(port);
    }
  }

  @Test
  void portInUseFailsWithTheAddressInTheMessage() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> VpnClient.startCore(withPort(taken.getLocalPort())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void refusesToStartWithoutToken() {
    assertThatThrownBy(() -> EmbeddedVpnCore.start(EmbeddedSettings.defaults(), Secret.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token");
  }

  @Test
  void rejectsFaultSettingsOutOfRange() {
    EmbeddedSettings d = EmbeddedSettings.defaults();
    assertThatThrownBy(
            () ->
                VpnClient.startCore(
                    new EmbeddedSettings(
                        "127.0.0.1", 0, 0, Duration.ZERO, Duration.ZERO, 1.5, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error ratio");
    assertThatThrownBy(
            () ->
                VpnClient.startCore(
                    new EmbeddedSettings(
                        "127.0.0.1", 0, 0, Duration.ofMillis(-1), Duration.ZERO, 0, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency");
    assertThatThrownBy(
            () ->
                VpnClient.startCore(
                    new EmbeddedSettings(
                        "127.0.0.1", 0, 0, Duration.ZERO, Duration.ZERO, 0, 70_000, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leak");
    try (EmbeddedVpnCore core = VpnClient.startCore(d)) {
      assertThatThrownBy(() -> core.setErrorRatio(-0.1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> core.setIdleExpiry(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void abandonedTunnelsExpireAfterTheIdleTime() throws InterruptedException {
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      VpnClient client = new VpnClient(core);
      String tunnel = client.openTunnel(client.registerPeer());
      client.registerPeer(); // never given a tunnel

      core.setIdleExpiry(Duration.ofMillis(200));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while ((core.openTunnelCount() > 0 || core.peerCount() > 0) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(core.openTunnelCount()).isZero();
      assertThat(core.peerCount()).isZero();
      assertThat(client.post("/api/v1/tunnels/" + tunnel + "/keepalive", "").statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void toStringShowsAddressButNeverTheToken() {
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      assertThat(core.toString())
          .contains(core.baseUri().toString())
          .doesNotContain(VpnClient.TOKEN);
    }
  }

  private static EmbeddedSettings withPort(int port) {
    EmbeddedSettings d = EmbeddedSettings.defaults();
    return new EmbeddedSettings(
        d.host(),
        port,
        d.ioThreads(),
        d.latencyFixed(),
        d.latencyTailMean(),
        d.errorRatio(),
        d.leakBytesPerRequest(),
        d.leakCapBytes());
  }
}
