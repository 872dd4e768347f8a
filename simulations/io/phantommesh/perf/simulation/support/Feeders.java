package io.phantommesh.perf.simulation.support;

import static io.gatling.javaapi.core.CoreDsl.csv;

import io.gatling.javaapi.core.FeederBuilder;
import io.phantommesh.perf.config.InjectorSettings;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The journeys' test data. Both feeders are endless, so no run length can make them run dry.
 *
 * <ul>
 *   <li>peers: public keys and endpoints cycle through {@code peers.csv}; each record gets a {@code
 *       node_id} that is unique across the run and across injectors ({@code node-i<index>-<run
 *       nonce>-<sequence>}), because a VPN core may reject a node that registers twice.
 *   <li>threat signals: {@code threat-signals.csv} read circularly, so the severity mix of the file
 *       is the mix sent, whatever the run length; uniqueness does not matter here.
 * </ul>
 */
public final class Feeders {
  static final String PEERS_FILE = "peers.csv";
  static final String THREAT_SIGNALS_FILE = "threat-signals.csv";

  private final List<Map<String, Object>> peerRecords;
  private final InjectorSettings injector;
  private final String runNonce;

  public Feeders(InjectorSettings injector) {
    this.injector = injector;
    this.peerRecords = csv(PEERS_FILE).readRecords();
    if (peerRecords.isEmpty()) {
      throw new IllegalStateException(PEERS_FILE + " holds no records: see feeders/README.md");
    }
    this.runNonce = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /** Endless peer records with a run-unique {@code node_id}. */
  public Iterator<Map<String, Object>> peers() {
    AtomicLong sequence = new AtomicLong();
    String prefix = "node-i" + injector.index() + "-" + runNonce + "-";
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Map<String, Object> next() {
        long n = sequence.getAndIncrement();
        Map<String, Object> record = new HashMap<>(peerRecords.get((int) (n % peerRecords.size())));
        record.put("node_id", prefix + n);
        return record;
      }
    };
  }

  /** Threat signals, circular. */
  public FeederBuilder<String> threatSignals() {
    return csv(THREAT_SIGNALS_FILE).circular();
  }
}
