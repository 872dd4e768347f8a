package io.phantommesh.perf.load;

import java.time.Duration;

/**
 * One step of an open-model injection plan: user arrivals over a span of time.
 *
 * <p>Immutable. Mirrors Gatling's open injection steps one to one, so a plan's arrivals can be
 * computed here without running load, and the simulations translate each step to its DSL twin.
 */
public sealed interface Step permits Step.Ramp, Step.AtOnce, Step.Pause {

  /** How long the step lasts. */
  Duration duration();

  /** Users arriving during the step. */
  double arrivals();

  /**
   * Users arriving between {@code fromSeconds} and {@code toSeconds}, measured from the step's own
   * start and clipped to the step.
   */
  double arrivalsBetween(double fromSeconds, double toSeconds);

  /**
   * A linear change of the arrival rate from {@code fromRate} to {@code toRate} users per second
   * (constant when both are equal).
   *
   * @param fromRate users per second at the start, >= 0
   * @param toRate users per second at the end, >= 0
   * @param duration length, > 0
   */
  record Ramp(double fromRate, double toRate, Duration duration) implements Step {
    public Ramp {
      if (fromRate < 0 || toRate < 0 || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "ramp needs rates >= 0 and a positive duration, was "
                + fromRate
                + " -> "
                + toRate
                + " over "
                + duration);
      }
    }

    /** True when the rate does not change. */
    public boolean isConstant() {
      return fromRate == toRate;
    }

    @Override
    public double arrivals() {
      return arrivalsBetween(0, seconds(duration));
    }

    @Override
    public double arrivalsBetween(double fromSeconds, double toSeconds) {
      double d = seconds(duration);
      double a = Math.max(0, Math.min(d, fromSeconds));
      double b = Math.max(0, Math.min(d, toSeconds));
      if (b <= a) {
        return 0;
      }
      double slope = (toRate - fromRate) / d;
      // integral of (fromRate + slope * t) dt from a to b
      return fromRate * (b - a) + slope * (b * b - a * a) / 2;
    }
  }

  /**
   * {@code users} arriving at once, at the step's start.
   *
   * @param users >= 0
   */
  record AtOnce(int users) implements Step {
    public AtOnce {
      if (users < 0) {
        throw new IllegalArgumentException("users must be >= 0, was " + users);
      }
    }

    @Override
    public Duration duration() {
      return Duration.ZERO;
    }

    @Override
    public double arrivals() {
      return users;
    }

    @Override
    public double arrivalsBetween(double fromSeconds, double toSeconds) {
      return fromSeconds <= 0 && toSeconds >= 0 ? users : 0;
    }
  }

  /**
   * No arrivals for a while.
   *
   * @param duration >= 0
   */
  record Pause(Duration duration) implements Step {
    @Override
    public double arrivals() {
      return 0;
    }

    @Override
    public double arrivalsBetween(double fromSeconds, double toSeconds) {
      return 0;
    }
  }

  /** A duration in seconds, with millisecond precision kept. */
  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
