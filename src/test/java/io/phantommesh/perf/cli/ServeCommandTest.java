package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.testsupport.VpnClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code serve}: the standalone service's command line. */
@Tag("slow")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeCommandTest {
  private static final Pattern FIRST_LINE =
      Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))"); // loopback only

  @Test
  void printsTheBoundUrlFirstAndStopsAfterTheDuration() {
    Run run = run(() -> SettingsLoader.fromMap(Map.of()), "--port", "0", "--duration", "300ms");

    assertThat(run.exitCode).isZero();
    assertThat(run.out.lines().findFirst().orElseThrow()).matches(FIRST_LINE);
    assertThat(run.out).contains("api token: built-in development token").contains("stopped after");
    assertThat(run.out).doesNotContain(ServeCommand.DEV_TOKEN);
  }

  @Test
  void tokenFromSettingsIsUsedButNeverPrinted() throws Exception {
    String secret = "s3cret-from-env-0042";
    Supplier<PerfSettings> settings =
        () -> SettingsLoader.fromMap(Map.of("phantom.target.api-token", secret));
    StringWriter out = new StringWriter();
    CommandLine cli =
        new CommandLine(new ServeCommand(settings)).setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () -> cli.execute("--duration", "5s", "--latency-fixed", "1ms"));

    URI base = awaitUrl(out);
    VpnClient client = new VpnClient(base);
    int withEnvToken =
        client
            .postAuthorized("/api/v1/peers", VpnClient.peerJson("n"), "Bearer " + secret)
            .statusCode();
    int withDevToken =
        client
            .postAuthorized("/api/v1/peers", VpnClient.peerJson("n"), "Bearer dev-token")
            .statusCode();

    assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(withEnvToken).isEqualTo(201);
    assertThat(withDevToken).isEqualTo(401);
    assertThat(out.toString()).contains("PHANTOM_API_TOKEN").doesNotContain(secret);
  }

  @Test
  void optionsOverrideTheSettings() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli =
        new CommandLine(new ServeCommand(() -> SettingsLoader.fromMap(Map.of())))
            .setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "--duration",
                    "5s",
                    "--error-ratio",
                    "1.0",
                    "--token",
                    "opt-token-77",
                    "--leak-bytes-per-request",
                    "10"));

    URI base = awaitUrl(out);
    int status =
        new VpnClient(base)
            .postAuthorized("/api/v1/peers", VpnClient.peerJson("n"), "Bearer opt-token-77")
            .statusCode();

    assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(status).isEqualTo(500);
    assertThat(out.toString())
        .contains("--token option")
        .contains("leak 10 B/request")
        .doesNotContain("opt-token-77");
  }

  @Test
  void outOfRangeOptionIsAUsageError() {
    Run run = run(() -> SettingsLoader.fromMap(Map.of()), "--error-ratio", "2", "--duration", "1s");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("error ratio");
  }

  @Test
  void badDurationIsAUsageError() {
    Run run = run(() -> SettingsLoader.fromMap(Map.of()), "--latency-fixed", "soon");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("soon");
  }

  @Test
  void durationConverterAcceptsTheSettingsSyntax() {
    DurationConverter c = new DurationConverter();

    assertThat(c.convert("5ms")).isEqualTo(Duration.ofMillis(5));
    assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.convert("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("0")).isEqualTo(Duration.ZERO);
    assertThat(c.convert("500")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("3 seconds")).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> c.convert("PT3S"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("500ms");
    assertThatThrownBy(() -> c.convert("-5ms"))
        .isInstanceOf(CommandLine.TypeConversionException.class);
  }

  @Test
  void stopsAtOnceWhenTheProcessToFollowHasAlreadyEnded() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long started = System.nanoTime();
    Run run =
        run(
            () -> SettingsLoader.fromMap(Map.of()),
            "--port",
            "0",
            "--duration",
            "20s",
            "--stop-with-pid",
            String.valueOf(gone.pid()));

    assertThat(run.exitCode).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(run.out)
        .contains("running for 20s or until process " + gone.pid() + " ends")
        .contains("stopped: process " + gone.pid() + " ended, after 0 requests");
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(Supplier<PerfSettings> settings, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new ServeCommand(settings))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static URI awaitUrl(StringWriter out) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Matcher m = FIRST_LINE.matcher(out.toString());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no 'listening on' line in: " + out);
  }
}
