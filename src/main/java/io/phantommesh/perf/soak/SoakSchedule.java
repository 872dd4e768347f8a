package io.phantommesh.perf.soak;

import io.phantommesh.perf.config.SoakBlock;
import io.phantommesh.perf.config.SoakProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The soak's request rate as a function of simulated clock time: the daily schedule turned into
 * linear pieces, repeated day after day.
 *
 * <p>Immutable, pure. A block whose level differs from the block before it starts with a linear
 * ramp (ramp-between-levels long) from the old rate to its own, so the level is reached that long
 * after the block's start; a block at the same level as the one before starts at its level. Rates
 * are requests per second over all injectors ({@code users / user-request-interval}). Times are
 * simulated milliseconds since midnight of the first day.
 */
public final class SoakSchedule {
  /** Milliseconds in a day. */
  public static final long DAY_MILLIS = 24L * 3600 * 1000;

  private final SoakProfile profile;
  private final List<Piece> day;

  /**
   * A linear piece of the rate: from {@code fromRate} at {@code startMillis} to {@code toRate} at
   * {@code endMillis} (exclusive), requests per second.
   */
  public record Piece(long startMillis, long endMillis, double fromRate, double toRate) {
    /** Length in milliseconds, > 0. */
    public long millis() {
      return endMillis - startMillis;
    }

    /** True when the rate does not change over the piece. */
    public boolean isConstant() {
      return fromRate == toRate;
    }

    /** The rate at {@code t} (milliseconds, within the piece). */
    public double rateAt(double t) {
      return fromRate + (toRate - fromRate) * (t - startMillis) / millis();
    }

    Piece clip(long from, long to) {
      long a = Math.max(from, startMillis);
      long b = Math.min(to, endMillis);
      return new Piece(a, b, rateAt(a), rateAt(b));
    }

    Piece shift(long by) {
      return new Piece(startMillis + by, endMillis + by, fromRate, toRate);
    }
  }

  /** The schedule of a validated soak profile. */
  public SoakSchedule(SoakProfile profile) {
    this.profile = profile;
    this.day = buildDay(profile);
  }

  /** The pieces of one day, from 00:00 to 24:00, in order and without gaps. */
  public List<Piece> day() {
    return day;
  }

  /** The rate at a simulated instant (milliseconds since midnight of the first day), req/s. */
  public double rateAt(long simulatedMillis) {
    long t = Math.floorMod(simulatedMillis, DAY_MILLIS);
    for (Piece p : day) {
      if (t >= p.startMillis() && t < p.endMillis()) {
        return p.rateAt(t);
      }
    }
    throw new IllegalStateException("no piece holds " + t + " ms of the day");
  }

  /** Active users at a simulated instant: the rate times the user request interval. */
  public double usersAt(long simulatedMillis) {
    return rateAt(simulatedMillis) * profile.userRequestInterval().toNanos() / 1e9;
  }

  /** The block of the schedule at a simulated instant (the level it holds or ramps to). */
  public SoakBlock blockAt(long simulatedMillis) {
    return profile.blockAt((int) (Math.floorMod(simulatedMillis, DAY_MILLIS) / 60_000));
  }

  /**
   * The pieces between two simulated instants, clipped to them, adjacent constant pieces at the
   * same rate merged.
   *
   * @param fromMillis start, simulated milliseconds since midnight of the first day, >= 0
   * @param toMillis end, > fromMillis
   */
  public List<Piece> between(long fromMillis, long toMillis) {
    if (fromMillis < 0 || toMillis <= fromMillis) {
      throw new IllegalArgumentException(
          "need 0 <= from < to, was " + fromMillis + " .. " + toMillis);
    }
    List<Piece> out = new ArrayList<>();
    for (long dayStart = Math.floorDiv(fromMillis, DAY_MILLIS) * DAY_MILLIS;
        dayStart < toMillis;
        dayStart += DAY_MILLIS) {
      for (Piece p : day) {
        Piece abs = p.shift(dayStart);
        if (abs.endMillis() <= fromMillis || abs.startMillis() >= toMillis) {
          continue;
        }
        Piece c = abs.clip(fromMillis, toMillis);
        Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.isConstant() && c.isConstant() && last.toRate() == c.fromRate()) {
          out.set(
              out.size() - 1,
              new Piece(last.startMillis(), c.endMillis(), last.fromRate(), c.toRate()));
        } else {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static List<Piece> buildDay(SoakProfile p) {
    List<SoakBlock> blocks = p.scheduleInClockOrder();
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("the soak schedule has no blocks");
    }
    long ramp = p.rampBetweenLevels().toMillis();
    List<Piece> raw = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      SoakBlock b = blocks.get(i);
      SoakBlock before = blocks.get(Math.floorMod(i - 1, blocks.size()));
      long start = b.fromMinute() * 60_000L;
      long end = start + b.lengthMinutes() * 60_000L;
      double rate = p.rateOf(b.users());
      double previous = p.rateOf(before.users());
      long levelStart = start;
      if (previous != rate && ramp > 0) {
        levelStart = Math.min(end, start + ramp);
        raw.add(
            new Piece(
                start,
                levelStart,
                previous,
                previous + (rate - previous) * (levelStart - start) / ramp));
      }
      if (levelStart < end) {
        raw.add(new Piece(levelStart, end, rate, rate));
      }
    }
    // Fold pieces that pass midnight back into [0, day).
    List<Piece> day = new ArrayList<>();
    for (Piece piece : raw) {
      for (long k = Math.floorDiv(piece.startMillis(), DAY_MILLIS);
          k * DAY_MILLIS < piece.endMillis();
          k++) {
        long from = Math.max(piece.startMillis(), k * DAY_MILLIS);
        long to = Math.min(piece.endMillis(), (k + 1) * DAY_MILLIS);
        if (to > from) {
          day.add(piece.clip(from, to).shift(-k * DAY_MILLIS));
        }
      }
    }
    day.sort(Comparator.comparingLong(Piece::startMillis));
    long t = 0;
    for (Piece piece : day) {
      if (piece.startMillis() != t) {
        throw new IllegalArgumentException(
            "the soak schedule does not cover the day once at " + t + " ms");
      }
      t = piece.endMillis();
    }
    if (t != DAY_MILLIS) {
      throw new IllegalArgumentException("the soak schedule ends at " + t + " ms, not 24:00");
    }
    return List.copyOf(day);
  }
}
