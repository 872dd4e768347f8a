package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.config.TargetSettings;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PreflightTest {
  private static final Secret TOKEN = Secret.of("preflight-token");
  private final TargetSettings defaults = SettingsLoader.fromString("").target();
  private EmbeddedVpnCore core;

  @BeforeEach
  void start() {
    core = EmbeddedVpnCore.start(EmbeddedSettings.defaults(), TOKEN);
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void passesAHealthyTargetWithTheRightTokenInTwoRequests() {
    assertThatCode(() -> Preflight.check(defaults.withBaseUrl(core.baseUri(), TOKEN)))
        .doesNotThrowAnyException();
    assertThat(core.requestCount()).isEqualTo(2);
  }

  @Test
  void rejectsAWrongTokenWithoutPrintingIt() {
    Secret wrong = Secret.of("not-the-token");
    assertThatThrownBy(() -> Preflight.check(defaults.withBaseUrl(core.baseUri(), wrong)))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessageContaining("refused the API token")
        .hasMessageContaining("401")
        .hasMessageContaining("PHANTOM_API_TOKEN")
        .hasMessageNotContaining("not-the-token");
  }

  @Test
  void rejectsAMissingTokenForARealTarget() {
    assertThatThrownBy(() -> Preflight.check(defaults.withBaseUrl(core.baseUri(), Secret.of(""))))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessageContaining("set PHANTOM_API_TOKEN");
    assertThat(core.requestCount()).isZero();
  }

  @Test
  void namesAnUnreachableTargetAndTheSettingToFix() throws Exception {
    int freePort;
    try (ServerSocket s = new ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + freePort);
    assertThatThrownBy(() -> Preflight.check(defaults.withBaseUrl(nowhere, TOKEN)))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessageContaining("http://127.0.0.1:" + freePort + "/health")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("PHANTOM_TARGET_BASE_URL");
  }

  @Test
  void aTargetThatStopsAnsweringFailsAfterTheRequestTimeout() {
    PerfSettings slow = SettingsLoader.fromString("phantom.target.request-timeout = 300ms");
    try (EmbeddedVpnCore sleepy =
        EmbeddedVpnCore.start(
            new EmbeddedSettings(
                "127.0.0.1",
                0,
                0,
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ZERO,
                0,
                0,
                0),
            TOKEN)) {
      assertThatThrownBy(() -> Preflight.check(slow.target().withBaseUrl(sleepy.baseUri(), TOKEN)))
          .isInstanceOf(TargetUnavailableException.class)
          .hasMessageContaining("did not answer")
          .hasMessageContaining("request-timeout = 300 ms");
    }
  }
}
