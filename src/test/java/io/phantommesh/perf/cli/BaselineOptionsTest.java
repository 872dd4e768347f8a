package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The either/or baseline options of {@code report} and {@code compare} are picocli exclusive
 * groups: a wrong combination is a usage error (exit 64) named before any file is read.
 */
class BaselineOptionsTest {

  @Test
  void reportRefusesBothBaselines() {
    Cli c = cli("report", "no-such-run", "--baseline", "x.json", "--baseline-last-pass");
    assertThat(c.code).isEqualTo(ExitCodes.USAGE);
    assertThat(c.err).contains("--baseline").contains("--baseline-last-pass").contains("exclusive");
  }

  @Test
  void compareRefusesBothBaselines() {
    Cli c = cli("compare", "no-such-run", "--baseline", "x.json", "--baseline-last-pass");
    assertThat(c.code).isEqualTo(ExitCodes.USAGE);
    assertThat(c.err).contains("exclusive");
  }

  @Test
  void compareNeedsOneBaseline() {
    Cli c = cli("compare", "no-such-run");
    assertThat(c.code).isEqualTo(ExitCodes.USAGE);
    assertThat(c.err).contains("--baseline").contains("--baseline-last-pass").contains("Missing");
  }

  @Test
  void reportWithOneBaselineGetsPastTheOptions() {
    // The run folder does not exist: the options were accepted and the input is what fails.
    Cli c = cli("report", "no-such-run", "--baseline-last-pass");
    assertThat(c.code).isEqualTo(ExitCodes.UNUSABLE_INPUT);
  }

  private record Cli(int code, String err) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(code, err.toString());
  }
}
