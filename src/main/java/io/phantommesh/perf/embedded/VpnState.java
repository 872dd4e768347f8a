package io.phantommesh.perf.embedded;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The in-memory peers and tunnels of the embedded service.
 *
 * <p>Thread-safe. State stays bounded over runs of any length, so a soak test sees only the
 * deliberate leak in the service's memory:
 *
 * <ul>
 *   <li>a closed tunnel is removed at once;
 *   <li>a peer is removed when its last open tunnel closes (or expires), so opening a second tunnel
 *       for it afterwards answers 404; the journey registers one peer per session;
 *   <li>what clients abandon (a tunnel never closed, a peer never given a tunnel, e.g. after an
 *       injected failure) expires after the idle timeout, measured from the tunnel's last open or
 *       keepalive and the peer's registration, as a real VPN drops dead tunnels. The peak state is
 *       therefore about (rate of abandoned sessions x idle timeout), independent of run length.
 * </ul>
 *
 * Assigned addresses come from 10.0.0.0/8, skipping .0 and .255, and repeat after about 16.5
 * million tunnels.
 */
final class VpnState {
  private final ConcurrentHashMap<String, Peer> peers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Tunnel> tunnels = new ConcurrentHashMap<>();
  private final AtomicLong peerSeq = new AtomicLong();
  private final AtomicLong tunnelSeq = new AtomicLong();
  private final AtomicLong signalSeq = new AtomicLong();
  private final long idSalt;
  private final LongSupplier nanoClock;

  /**
   * @param idSalt makes this instance's ids differ from another's
   * @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   */
  VpnState(long idSalt, LongSupplier nanoClock) {
    this.idSalt = idSalt;
    this.nanoClock = nanoClock;
  }

  /** A registered peer. Its open-tunnel count is guarded by its entry's lock in the peer map. */
  static final class Peer {
    final String id;
    final String nodeId;
    final String publicKey;
    final String endpoint;
    final long registeredNanos;
    int openTunnels;

    Peer(String id, String nodeId, String publicKey, String endpoint, long registeredNanos) {
      this.id = id;
      this.nodeId = nodeId;
      this.publicKey = publicKey;
      this.endpoint = endpoint;
      this.registeredNanos = registeredNanos;
    }
  }

  /** An open tunnel. */
  static final class Tunnel {
    final String id;
    final String peerId;
    final String assignedIp;
    volatile long lastSeenNanos;

    Tunnel(String id, String peerId, String assignedIp, long lastSeenNanos) {
      this.id = id;
      this.peerId = peerId;
      this.assignedIp = assignedIp;
      this.lastSeenNanos = lastSeenNanos;
    }
  }

  /** Registers a peer and returns its new id. */
  String registerPeer(String nodeId, String publicKey, String endpoint) {
    String id = newId("peer-", peerSeq);
    peers.put(id, new Peer(id, nodeId, publicKey, endpoint, nanoClock.getAsLong()));
    return id;
  }

  /** Opens a tunnel for a registered peer; empty when the peer is unknown. */
  Optional<Tunnel> openTunnel(String peerId) {
    // Counting the tunnel inside the map's atomic update means a concurrent close of the peer's
    // last tunnel cannot remove the peer under us.
    Peer peer =
        peers.computeIfPresent(
            peerId,
            (k, p) -> {
              p.openTunnels++;
              return p;
            });
    if (peer == null) {
      return Optional.empty();
    }
    long n = tunnelSeq.getAndIncrement();
    Tunnel t = new Tunnel(newId("tun-", n), peerId, addressOf(n), nanoClock.getAsLong());
    tunnels.put(t.id, t);
    return Optional.of(t);
  }

  /** Marks a tunnel alive; false when it is unknown (never opened, closed or expired). */
  boolean keepAlive(String tunnelId) {
    Tunnel t = tunnels.get(tunnelId);
    if (t == null) {
      return false;
    }
    t.lastSeenNanos = nanoClock.getAsLong();
    return true;
  }

  /** Closes a tunnel; false when it is unknown. Removes its peer when it was the last. */
  boolean closeTunnel(String tunnelId) {
    Tunnel t = tunnels.remove(tunnelId);
    if (t == null) {
      return false;
    }
    releasePeer(t.peerId);
    return true;
  }

  /** A new threat-signal id. Signals are acknowledged, not stored. */
  String newSignalId() {
    return newId("sig-", signalSeq);
  }

  int openTunnelCount() {
    return tunnels.size();
  }

  int peerCount() {
    return peers.size();
  }

  /**
   * Removes tunnels idle for longer than {@code idleNanos} and peers registered longer ago than
   * that without an open tunnel.
   *
   * @return number of tunnels and peers removed
   */
  int expireIdle(long idleNanos) {
    long now = nanoClock.getAsLong();
    int removed = 0;
    for (Iterator<Tunnel> it = tunnels.values().iterator(); it.hasNext(); ) {
      Tunnel t = it.next();
      if (now - t.lastSeenNanos > idleNanos && tunnels.remove(t.id, t)) {
        removed += releasePeer(t.peerId) ? 2 : 1;
      }
    }
    for (Map.Entry<String, Peer> e : peers.entrySet()) {
      boolean[] expired = {false};
      peers.computeIfPresent(
          e.getKey(),
          (k, p) -> {
            expired[0] = p.openTunnels == 0 && now - p.registeredNanos > idleNanos;
            return expired[0] ? null : p;
          });
      if (expired[0]) {
        removed++;
      }
    }
    return removed;
  }

  /** Counts one tunnel of the peer closed; true when that removed the peer. */
  private boolean releasePeer(String peerId) {
    boolean[] removed = {false};
    peers.computeIfPresent(
        peerId,
        (k, p) -> {
          removed[0] = --p.openTunnels <= 0;
          return removed[0] ? null : p;
        });
    return removed[0];
  }

  private String newId(String prefix, AtomicLong seq) {
    return newId(prefix, seq.getAndIncrement());
  }

  /** Unique per prefix and instance: the mix is a bijection of the sequence number. */
  private String newId(String prefix, long n) {
    String hex = Long.toHexString(Draws.mix((idSalt ^ prefix.hashCode()) + n));
    return prefix + "0".repeat(16 - hex.length()) + hex;
  }

  /** 10.x.y.z for the n-th tunnel, z in 1..254. */
  static String addressOf(long n) {
    long hosts = 254L * 256 * 256;
    long i = Math.floorMod(n, hosts);
    long z = i % 254 + 1;
    long y = (i / 254) % 256;
    long x = (i / 254 / 256) % 256;
    return "10." + x + "." + y + "." + z;
  }
}
