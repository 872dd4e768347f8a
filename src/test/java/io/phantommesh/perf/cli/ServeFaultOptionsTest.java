package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve}'s fault options: mapped onto {@code phantom.embedded.faults.*} and checked by the
 * settings parser, so a bad option is a settings error naming the key, the value and the rule.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeFaultOptionsTest {

  private record Run(int code, String out, String err) {}

  private static Run main(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void theFaultsAreSetAndNamedOnTheConsole() {
    Run run =
        main(
            "serve",
            "--duration",
            "300ms",
            "--reset-ratio",
            "0.1",
            "--stall-ratio",
            "0.02",
            "--first-byte-fixed",
            "20ms",
            "--first-byte-tail-mean",
            "50ms",
            "--first-byte-tail",
            "pareto",
            "--keepalive-max-requests",
            "3",
            "--outage",
            "10s-20s:refuse",
            "--outage",
            "30s-35s:503");
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out)
        .contains(
            "faults on purpose: reset ratio 0.1, stall ratio 0.02, first byte 20ms fixed + 50ms"
                + " pareto tail mean (shape 2.0), keep-alive closed after 3 answers, outage 10s to"
                + " 20s (connections refused), outage 30s to 35s (503 for all)");
  }

  @Test
  void aBadFaultOptionIsASettingsErrorNamingTheKeyAndTheValue() {
    Run run = main("serve", "--duration", "300ms", "--reset-ratio", "abc", "--outage", "9s-3s");
    assertThat(run.code).isEqualTo(ExitCodes.INVALID_SETTINGS);
    assertThat(run.err)
        .contains("phantom.embedded.faults.reset-ratio")
        .contains("abc")
        .contains("phantom.embedded.faults.outages")
        .contains("9s-3s");
  }
}
