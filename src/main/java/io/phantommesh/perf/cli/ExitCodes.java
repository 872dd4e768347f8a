package io.phantommesh.perf.cli;

import io.phantommesh.perf.run.PreLoadFailure;
import io.phantommesh.perf.verdict.Tier;

/**
 * Process exit codes of the command line, for CI to act on. Documented in the README and in {@code
 * --help}.
 */
public final class ExitCodes {
  /** Every threshold passed. */
  public static final int PASS = 0;

  /** The command failed unexpectedly (a bug, or the disk refused a write). */
  public static final int INTERNAL_ERROR = 1;

  /** A run folder is missing, empty, truncated, from another Gatling version, or not a log. */
  public static final int UNUSABLE_INPUT = 2;

  /** A setting is unknown, of the wrong type or out of range. */
  public static final int INVALID_SETTINGS = PreLoadFailure.INVALID_SETTINGS;

  /**
   * The target failed the preflight check before any load: unreachable, unhealthy, token refused.
   */
  public static final int TARGET_UNAVAILABLE = PreLoadFailure.TARGET_UNAVAILABLE;

  /** At least one threshold is WARNING and none CRITICAL. */
  public static final int WARNING = 10;

  /** At least one threshold is CRITICAL. */
  public static final int CRITICAL = 11;

  /** The command line itself is wrong (unknown option, missing argument). */
  public static final int USAGE = 64;

  /** Text for {@code --help}. */
  public static final String HELP =
      "Exit codes: 0 PASS, 10 WARNING, 11 CRITICAL, 2 unusable run folder, 3 invalid settings,"
          + " 4 target unavailable, 64 usage error, 1 internal error.";

  private ExitCodes() {}

  /** The exit code of an overall verdict. */
  public static int of(Tier tier) {
    return switch (tier) {
      case PASS -> PASS;
      case WARNING -> WARNING;
      case CRITICAL -> CRITICAL;
    };
  }
}
