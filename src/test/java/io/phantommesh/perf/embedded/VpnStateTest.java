package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Peers and tunnels in memory: bounded over long runs, unique ids and addresses. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VpnStateTest {
  private final AtomicLong clockNanos = new AtomicLong();
  private final VpnState state = new VpnState(42L, clockNanos::get);

  @Test
  void peerIsRemovedWhenItsLastTunnelCloses() {
    String peer = state.registerPeer("n", "k", "e");
    String t1 = state.openTunnel(peer).orElseThrow().id;
    String t2 = state.openTunnel(peer).orElseThrow().id;

    state.closeTunnel(t1);
    assertThat(state.peerCount()).isEqualTo(1);
    state.closeTunnel(t2);

    assertThat(state.peerCount()).isZero();
    assertThat(state.openTunnel(peer)).isEmpty();
  }

  @Test
  void abandonedTunnelsAndPeersExpireAfterTheIdleTime() {
    long idle = TimeUnit.MINUTES.toNanos(10);
    String abandonedPeer = state.registerPeer("n", "k", "e");
    String busyPeer = state.registerPeer("n", "k", "e");
    String kept = state.openTunnel(busyPeer).orElseThrow().id;
    String abandoned = state.openTunnel(state.registerPeer("n", "k", "e")).orElseThrow().id;

    clockNanos.addAndGet(idle - 1);
    state.keepAlive(kept);
    assertThat(state.expireIdle(idle)).isZero();

    clockNanos.addAndGet(2);
    assertThat(state.expireIdle(idle))
        .as("abandoned tunnel, its peer, the tunnel-less peer")
        .isEqualTo(3);

    assertThat(state.keepAlive(abandoned)).isFalse();
    assertThat(state.keepAlive(kept)).isTrue();
    assertThat(state.openTunnel(abandonedPeer)).isEmpty();
    assertThat(state.openTunnelCount()).isEqualTo(1);
    assertThat(state.peerCount()).isEqualTo(1);
  }

  @Test
  void manySessionsLeaveNothingBehind() {
    for (int i = 0; i < 10_000; i++) {
      String t = state.openTunnel(state.registerPeer("n", "k", "e")).orElseThrow().id;
      state.keepAlive(t);
      state.closeTunnel(t);
    }
    assertThat(state.openTunnelCount()).isZero();
    assertThat(state.peerCount()).isZero();
  }

  @Test
  void idsAreUniqueAndDistinctAcrossKinds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      String peer = state.registerPeer("n", "k", "e");
      ids.add(peer);
      ids.add(state.openTunnel(peer).orElseThrow().id);
      ids.add(state.newSignalId());
    }
    assertThat(ids).hasSize(15_000);
    assertThat(ids).allSatisfy(id -> assertThat(id).matches("(peer|tun|sig)-[0-9a-f]{16}"));
  }

  @Test
  void addressesAreIn10Slash8WithoutNetworkOrBroadcastHost() {
    assertThat(VpnState.addressOf(0)).isEqualTo("10.0.0.1");
    assertThat(VpnState.addressOf(253)).isEqualTo("10.0.0.254");
    assertThat(VpnState.addressOf(254)).isEqualTo("10.0.1.1");
    assertThat(VpnState.addressOf(254L * 256)).isEqualTo("10.1.0.1");
    assertThat(VpnState.addressOf(254L * 256 * 256 - 1)).isEqualTo("10.255.255.254");
    assertThat(VpnState.addressOf(254L * 256 * 256)).isEqualTo("10.0.0.1");
    Set<String> first = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      first.add(VpnState.addressOf(i));
    }
    assertThat(first).hasSize(100_000);
  }
}
