package io.phantommesh.perf.embedded.fault;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.phantommesh.perf.config.FaultSettings;
import io.phantommesh.perf.embedded.Draws;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of one running service: decides each request's {@link Fate}, holds stalled requests,
 * knows whether a 503-mode outage is on, and counts what it did.
 *
 * <p>Thread-safe. Reproducible: request {@code k} (in arrival order over the whole service) is
 * reset iff draw {@code k} of the reset stream is below the reset ratio, else stalled iff draw
 * {@code k} of the stall stream is below the stall ratio; its first-byte delay comes from draw
 * {@code k} of a third stream. Stalled requests are held until their client closes the connection
 * or {@link #releaseHeld()} closes them (when the service stops), so a stall never outlives the
 * service.
 */
public final class FaultRuntime {
  private static final long RESET_STREAM = 0x7265736574L;
  private static final long STALL_STREAM = 0x7374616c6cL;
  private static final long FIRST_BYTE_STREAM = 0x6669727374L;

  private final FaultSettings settings;
  private final FirstByteDelay firstByte;
  private final FaultCounters counters = new FaultCounters();
  private final AtomicLong arrivals = new AtomicLong();
  private final ChannelGroup held =
      new DefaultChannelGroup("stalled", GlobalEventExecutor.INSTANCE);
  private final List<FaultReport.OutageRecord> outages = new ArrayList<>();
  private volatile boolean unavailable;

  public FaultRuntime(FaultSettings settings) {
    this.settings = settings;
    this.firstByte = new FirstByteDelay(settings.firstByte());
  }

  /** No fault at all. */
  public static FaultRuntime none() {
    return new FaultRuntime(FaultSettings.none());
  }

  /** The settings this runtime applies. */
  public FaultSettings settings() {
    return settings;
  }

  /** The counters of what was done. */
  public FaultCounters counters() {
    return counters;
  }

  /** The fate of the next request to arrive; counts resets, stalls and slow first bytes. */
  public Fate nextFate() {
    if (settings.resetRatio() == 0.0
        && settings.stallRatio() == 0.0
        && settings.firstByte().isNone()) {
      return Fate.ANSWER_NOW;
    }
    long k = arrivals.getAndIncrement();
    long seed = settings.seed();
    if (settings.resetRatio() > 0
        && Draws.uniform(seed ^ RESET_STREAM, k) < settings.resetRatio()) {
      counters.count(Fault.RESET);
      return Fate.RESET;
    }
    if (settings.stallRatio() > 0
        && Draws.uniform(seed ^ STALL_STREAM, k) < settings.stallRatio()) {
      counters.count(Fault.STALL);
      return Fate.STALL;
    }
    if (settings.firstByte().isNone()) {
      return Fate.ANSWER_NOW;
    }
    double u = firstByte.hasTail() ? Draws.uniform(seed ^ FIRST_BYTE_STREAM, k) : 0.0;
    long delay = firstByte.nanos(u);
    if (delay > 0) {
      counters.count(Fault.SLOW_FIRST_BYTE);
    }
    return new Fate(Fate.Kind.ANSWER, delay);
  }

  /** Holds a stalled request's connection until it closes or the service stops. */
  public void hold(Channel channel) {
    held.add(channel);
  }

  /** Connections holding a stalled request now. */
  public int heldCount() {
    return held.size();
  }

  /** Closes every connection holding a stalled request; returns once they are closed. */
  public void releaseHeld() {
    held.close().awaitUninterruptibly();
  }

  /**
   * Answers per connection before the service closes it; 0 for never.
   *
   * @return 0..1,000,000
   */
  public int keepAliveMaxRequests() {
    return settings.keepAliveMaxRequests();
  }

  /** True while a 503-mode outage is on. */
  public boolean isUnavailable() {
    return unavailable;
  }

  /** Records that an outage began. */
  void outageBegan(FaultSettings.OutageMode mode, long epochMillis) {
    synchronized (outages) {
      outages.add(new FaultReport.OutageRecord(mode, epochMillis, null));
    }
  }

  /** Records that the outage under way ended. */
  void outageEnded(long epochMillis) {
    synchronized (outages) {
      int last = outages.size() - 1;
      FaultReport.OutageRecord r = outages.get(last);
      outages.set(last, new FaultReport.OutageRecord(r.mode(), r.startEpochMillis(), epochMillis));
    }
  }

  /** True while an outage of either mode is on. */
  public boolean isDown() {
    synchronized (outages) {
      return !outages.isEmpty() && outages.get(outages.size() - 1).endEpochMillis() == null;
    }
  }

  /** Every fault's count and the outages that began so far. */
  public FaultReport report() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counters.snapshot().forEach((f, n) -> counts.put(f.label(), n));
    synchronized (outages) {
      return new FaultReport(counts, outages);
    }
  }

  /** Starts or ends a 503-mode outage. */
  public void setUnavailable(boolean on) {
    this.unavailable = on;
  }
}
