package io.phantommesh.perf.embedded.fault;

import io.phantommesh.perf.config.FaultSettings;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs the scheduled outages of a service: at each outage's start it takes the service down (503
 * mode: {@link FaultRuntime#setUnavailable}; refuse mode: the {@link Listening} callback closes the
 * listening socket and drops open connections), at its end brings it back, and records when each
 * happened.
 *
 * <p>Thread-safe. Offsets count from the moment {@link #start} is called (the service listening).
 */
public final class OutageSchedule {
  /** How the service stops and resumes listening, for refuse-mode outages. */
  public interface Listening {
    /** Closes the listening socket and drops every open connection; returns how many dropped. */
    int stop();

    /** Listens again on the same address. */
    void resume();
  }

  private final List<FaultSettings.Outage> outages;
  private final FaultRuntime runtime;
  private final Listening listening;
  private final LongSupplier epochMillis;

  public OutageSchedule(
      List<FaultSettings.Outage> outages,
      FaultRuntime runtime,
      Listening listening,
      LongSupplier epochMillis) {
    this.outages = List.copyOf(outages);
    this.runtime = runtime;
    this.listening = listening;
    this.epochMillis = epochMillis;
  }

  /** Schedules every outage on {@code timer}, offsets counted from now. */
  public void start(ScheduledExecutorService timer) {
    for (FaultSettings.Outage o : outages) {
      timer.schedule(() -> down(o), o.start().toNanos(), TimeUnit.NANOSECONDS);
      timer.schedule(() -> up(o), o.end().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void down(FaultSettings.Outage o) {
    runtime.outageBegan(o.mode(), epochMillis.getAsLong());
    if (o.mode() == FaultSettings.OutageMode.UNAVAILABLE) {
      runtime.setUnavailable(true);
    } else {
      int dropped = listening.stop();
      for (int i = 0; i < dropped; i++) {
        runtime.counters().count(Fault.OUTAGE_DROPPED_CONNECTION);
      }
    }
  }

  private void up(FaultSettings.Outage o) {
    if (o.mode() == FaultSettings.OutageMode.UNAVAILABLE) {
      runtime.setUnavailable(false);
    } else {
      listening.resume();
    }
    runtime.outageEnded(epochMillis.getAsLong());
  }
}
