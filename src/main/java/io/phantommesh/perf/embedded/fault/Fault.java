package io.phantommesh.perf.embedded.fault;

import java.util.Locale;

/**
 * What the embedded service did on purpose, as counted in {@code vpn_faults_total{fault}} and in
 * {@link FaultReport}. The labels are part of the result schema: never rename one.
 */
public enum Fault {
  /** A request whose connection was reset (TCP RST) instead of answered. */
  RESET,
  /** A request held without an answer (a stall). */
  STALL,
  /** An answer whose first byte was delayed. */
  SLOW_FIRST_BYTE,
  /** A keep-alive connection closed after its last allowed answer ({@code Connection: close}). */
  KEEPALIVE_CLOSE,
  /** An open connection dropped when a refuse-mode outage began. */
  OUTAGE_DROPPED_CONNECTION,
  /** A request answered 503 during a 503-mode outage. */
  OUTAGE_503,
  /** A decided answer never written: its connection closed first (the client gave up). */
  ABANDONED;

  /** The label, e.g. {@code "slow_first_byte"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The fault with this label, or null. */
  public static Fault ofLabel(String label) {
    for (Fault f : values()) {
      if (f.label().equals(label)) {
        return f;
      }
    }
    return null;
  }
}
