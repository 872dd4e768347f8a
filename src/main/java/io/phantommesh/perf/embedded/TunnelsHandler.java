package io.phantommesh.perf.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Answers the tunnel calls: open ({@code POST /api/v1/tunnels}, 201), keepalive ({@code POST
 * /api/v1/tunnels/{id}/keepalive}, 200) and close ({@code DELETE /api/v1/tunnels/{id}}, 204); an
 * unknown peer or tunnel is 404.
 *
 * <p>Thread-safe; state lives in {@link VpnState}.
 */
final class TunnelsHandler {
  private final VpnState state;

  TunnelsHandler(VpnState state) {
    this.state = state;
  }

  Reply open(ByteBuf body) {
    ObjectNode json = Json.parseObject(body);
    String peerId = Json.requiredString(json, "peer_id");
    return state
        .openTunnel(peerId)
        .map(
            t ->
                Reply.json(
                    HttpResponseStatus.CREATED,
                    Json.object("tunnel_id", t.id, "assigned_ip", t.assignedIp)))
        .orElseGet(() -> Reply.error(HttpResponseStatus.NOT_FOUND, "unknown peer: " + peerId));
  }

  Reply keepAlive(String tunnelId) {
    if (!state.keepAlive(tunnelId)) {
      return unknownTunnel(tunnelId);
    }
    return Reply.json(HttpResponseStatus.OK, Json.object("tunnel_id", tunnelId, "status", "alive"));
  }

  Reply close(String tunnelId) {
    return state.closeTunnel(tunnelId)
        ? Reply.empty(HttpResponseStatus.NO_CONTENT)
        : unknownTunnel(tunnelId);
  }

  private static Reply unknownTunnel(String tunnelId) {
    return Reply.error(HttpResponseStatus.NOT_FOUND, "unknown tunnel: " + tunnelId);
  }
}
