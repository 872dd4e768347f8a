package io.phantommesh.perf.results;

/**
 * The silent warm-up of a run as its {@code simulation.log} shows it: the users of warm-up
 * scenarios (named {@value #SCENARIO_PREFIX}{@code <scenario>}), and where the measured window
 * begins. The warm-up's requests are silent, so the log holds none of them.
 *
 * <p>The measured window of one log begins at the start of the first user of a measured scenario
 * when the log has warm-up users, at the run start otherwise. Over several logs (injectors): the
 * earliest warm-up start and the earliest measured start.
 *
 * <p>Immutable.
 *
 * @param users users of warm-up scenarios started, over all logs; 0 when there was no warm-up
 * @param startEpochMillis first warm-up user's start, epoch ms; the run start when {@code users} is
 *     0
 * @param measuredStartEpochMillis start of the measured window, epoch ms
 * @param recordsLeftOut request and error records logged during the warm-up and left out of the
 *     figures (0 when every warm-up request was silent, as the simulations make them)
 */
public record WarmUpWindow(
    long users, long startEpochMillis, long measuredStartEpochMillis, long recordsLeftOut) {

  /** Warm-up scenarios are the measured ones' names with this prefix. */
  public static final String SCENARIO_PREFIX = "warm-up ";

  /** True for a scenario of the silent warm-up. */
  public static boolean isWarmUpScenario(String scenario) {
    return scenario != null && scenario.startsWith(SCENARIO_PREFIX);
  }

  /** The warm-up scenario's name of a measured scenario. */
  public static String warmUpScenario(String measuredScenario) {
    return SCENARIO_PREFIX + measuredScenario;
  }

  /** A run without warm-up, starting at {@code runStartEpochMillis}. */
  public static WarmUpWindow none(long runStartEpochMillis) {
    return new WarmUpWindow(0, runStartEpochMillis, runStartEpochMillis, 0);
  }

  /** True when the log showed warm-up users. */
  public boolean happened() {
    return users > 0;
  }

  /** Seconds from the first warm-up user to the measured start; 0 without warm-up. */
  public double durationSeconds() {
    return happened() ? Math.max(0, measuredStartEpochMillis - startEpochMillis) / 1000.0 : 0.0;
  }
}
