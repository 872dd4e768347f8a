package io.phantommesh.perf.results;

import java.util.List;

/**
 * Receives the records of one {@code simulation.log} in file order, as {@link SimulationLogReader}
 * decodes them; every method does nothing by default.
 *
 * <p>Times are whole milliseconds relative to the run start ({@link RunInfo#startEpochMillis()}),
 * exactly as the log stores them. Strings are the reader's cached instances: the same name or
 * message is the same {@code String} object, and a group path is the same immutable {@code List}
 * each time it recurs, so a visitor may key maps on them without copying. A method is only called
 * for a record that was read completely.
 */
public interface LogRecordVisitor {

  /** The Run record, always first and exactly once. */
  default void onRun(RunInfo run) {}

  /**
   * A User record: a virtual user started or ended.
   *
   * @param scenarioIndex index into {@link RunInfo#scenarios()}, 0-based
   * @param scenario the scenario name at that index
   * @param isStart true when the user started, false when it ended
   * @param timestampOffsetMillis when, in ms from the run start
   */
  default void onUser(
      int scenarioIndex, String scenario, boolean isStart, int timestampOffsetMillis) {}

  /**
   * A Request record: one response (or failure) of one request.
   *
   * @param groupPath enclosing groups, outermost first; empty (never null) at top level
   * @param name request name
   * @param startOffsetMillis when the request started, ms from the run start
   * @param endOffsetMillis when its response ended, ms from the run start
   * @param isOk true for status OK, false for KO
   * @param message failure message, {@code ""} when there is none
   */
  default void onRequest(
      List<String> groupPath,
      String name,
      int startOffsetMillis,
      int endOffsetMillis,
      boolean isOk,
      String message) {}

  /**
   * A Group record: one execution of a group block ended.
   *
   * @param groupPath the group itself, preceded by its enclosing groups, outermost first; never
   *     empty
   * @param startOffsetMillis when the block was entered, ms from the run start
   * @param endOffsetMillis when it was left, ms from the run start
   * @param cumulatedResponseTimeMillis sum of the response times of the requests inside, ms
   *     (Gatling's default group figure)
   * @param isOk false when any request inside failed
   */
  default void onGroup(
      List<String> groupPath,
      int startOffsetMillis,
      int endOffsetMillis,
      int cumulatedResponseTimeMillis,
      boolean isOk) {}

  /**
   * An Error record: a request that could not even be built or sent (Gatling's "crash").
   *
   * @param message what went wrong, as Gatling phrased it
   * @param timestampOffsetMillis when, in ms from the run start
   */
  default void onError(String message, int timestampOffsetMillis) {}
}
