package io.phantommesh.perf.testsupport;

import io.phantommesh.perf.cli.ServeCommand;
import picocli.CommandLine;

/**
 * Runs {@code serve} from the test classpath until {@code Main} registers it as a subcommand:
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * io.phantommesh.perf.testsupport.ServeHarness --port 8080}.
 *
 * <p>Not a test; only a test-scope entry point for manual runs and benchmarks.
 */
public final class ServeHarness {
  private ServeHarness() {}

  public static void main(String[] args) {
    int code = new CommandLine(new ServeCommand()).execute(args);
    System.exit(code);
  }
}
