package io.phantommesh.perf.results;

import java.util.List;

/**
 * The header of a Gatling run, as its {@code simulation.log} Run record states it.
 *
 * <p>Immutable.
 *
 * @param gatlingVersion version of Gatling that wrote the log, e.g. {@code 3.15.1}
 * @param simulationClass fully qualified simulation class name
 * @param startEpochMillis run start, epoch milliseconds (all record times are offsets from it)
 * @param runDescription free text given with {@code -Dgatling.runDescription}, may be empty
 * @param scenarios scenario names in declaration order (User records refer to them by index)
 * @param assertionCount number of Gatling assertions the simulation declared
 */
public record RunInfo(
    String gatlingVersion,
    String simulationClass,
    long startEpochMillis,
    String runDescription,
    List<String> scenarios,
    int assertionCount) {

  public RunInfo {
    scenarios = List.copyOf(scenarios);
  }
}
