package io.phantommesh.perf.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Answers {@code POST /api/v1/peers}: registers a peer from {@code {"node_id", "public_key",
 * "endpoint"}} (all required, non-blank strings) and answers 201 {@code {"peer_id": ...}}.
 *
 * <p>Thread-safe; state lives in {@link VpnState}.
 */
final class PeersHandler {
  private final VpnState state;

  PeersHandler(VpnState state) {
    this.state = state;
  }

  Reply register(ByteBuf body) {
    ObjectNode json = Json.parseObject(body);
    String nodeId = Json.requiredString(json, "node_id");
    String publicKey = Json.requiredString(json, "public_key");
    String endpoint = Json.requiredString(json, "endpoint");
    String peerId = state.registerPeer(nodeId, publicKey, endpoint);
    return Reply.json(HttpResponseStatus.CREATED, Json.object("peer_id", peerId));
  }
}
