package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wrong {@code -Dphantom.*} value given to {@code serve}, which loads the same settings as a run:
 * exit code 3 and one block naming the key as typed, the value and the rule, never a stack trace.
 * The cases are the ones issue 14 found mishandled; {@code EveryKeyRejectsWrongValuesTest} covers
 * every key of reference.conf at the settings level.
 */
class ServeSettingsErrorTest {

  @ParameterizedTest(name = "-D{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "phantom.slo.p99.target | abc",
        "phantom.slo.p99.target | ''",
        "phantom.slo.p99.target | 1e400",
        "phantom.report.enabled | abc",
        "phantom.target.preflight | -1",
        "phantom.embedded.host | abc",
        "phantom.embedded.port | 1e400",
        "phantom.profiles.soak.schedule | abc",
      })
  void aWrongSettingIsExitCode3NamingKeyAndValue(String key, String value) {
    String previous = System.getProperty(key);
    System.setProperty(key, value);
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new String[] {"serve", "--duration", "1ms"},
              new PrintWriter(out, true),
              new PrintWriter(err, true));
      assertThat(code).isEqualTo(ExitCodes.INVALID_SETTINGS);
      assertThat(err.toString())
          .contains(key + " = \"" + value + "\": must ")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      assertThat(out.toString()).doesNotContain("listening on");
    } finally {
      if (previous == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, previous);
      }
      com.typesafe.config.ConfigFactory.invalidateCaches();
    }
  }
}
