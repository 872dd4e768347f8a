package io.phantommesh.perf.run;

import io.phantommesh.perf.config.InvalidSettingsException;
import io.phantommesh.perf.config.SettingsLoader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A failure before any load is sent: invalid settings or an unavailable target. Printed as one
 * short block (what is wrong, how to fix it) and ended with its own exit code, never as a stack
 * trace: {@link #INVALID_SETTINGS} or {@link #TARGET_UNAVAILABLE}.
 *
 * <p>Stateless. In a Gatling JVM an exception thrown by the simulation constructor is printed twice
 * with a 30-line stack (Gatling's "Run crashed" and the Maven plugin's fork launcher), so {@link
 * #orExit} prints the block and halts the JVM instead. {@code -Dphantom.verbose=true} (or {@code
 * PHANTOM_VERBOSE=true}) adds the stack trace.
 */
public final class PreLoadFailure {
  /** Exit code of invalid settings: an unknown key, a wrong type, a value out of range. */
  public static final int INVALID_SETTINGS = 3;

  /** Exit code of a target that failed the preflight: unreachable, unhealthy, token refused. */
  public static final int TARGET_UNAVAILABLE = 4;

  private PreLoadFailure() {}

  /**
   * Runs {@code step}; on a pre-load failure prints its block to stderr and halts the JVM with its
   * exit code. Other exceptions pass through.
   */
  public static <T> T orExit(Supplier<T> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      Optional<Integer> code = exitCodeOf(e);
      if (code.isEmpty()) {
        throw e;
      }
      PrintStream err = System.err;
      err.print(block(e, SettingsLoader.isVerbose()));
      err.flush();
      System.exit(code.get());
      throw e; // not reached
    }
  }

  /** The exit code of a pre-load failure; empty for any other exception. */
  public static Optional<Integer> exitCodeOf(Throwable e) {
    if (e instanceof InvalidSettingsException) {
      return Optional.of(INVALID_SETTINGS);
    }
    if (e instanceof TargetUnavailableException) {
      return Optional.of(TARGET_UNAVAILABLE);
    }
    return Optional.empty();
  }

  /** How to fix a pre-load failure, one line; empty for any other exception. */
  public static String hintOf(Throwable e) {
    if (e instanceof InvalidSettingsException) {
      return "every key, its default and its range are in src/main/resources/reference.conf;"
          + " set one with -Dphantom.<key>=<value>, an overlay (-Dconfig.file=...) or its PHANTOM_*"
          + " variable";
    }
    if (e instanceof TargetUnavailableException) {
      return "no load was sent; start the target or fix phantom.target.base-url and"
          + " PHANTOM_API_TOKEN (phantom.target.preflight=false skips the check)";
    }
    return "";
  }

  /**
   * The block: {@code phantom-mesh-perf: <what>}, {@code hint: <fix>}, then the stack trace if
   * {@code verbose}, else how to get it.
   */
  public static String block(Throwable e, boolean verbose) {
    StringBuilder sb = new StringBuilder();
    String nl = System.lineSeparator();
    sb.append("phantom-mesh-perf: ").append(e.getMessage()).append(nl);
    String hint = hintOf(e);
    if (!hint.isEmpty()) {
      sb.append("hint: ").append(hint).append(nl);
    }
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      sb.append(trace);
    } else {
      sb.append("(details: -Dphantom.verbose=true)").append(nl);
    }
    return sb.toString();
  }
}
