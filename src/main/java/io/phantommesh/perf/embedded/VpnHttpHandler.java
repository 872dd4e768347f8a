package io.phantommesh.perf.embedded;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.phantommesh.perf.embedded.fault.Fate;
import io.phantommesh.perf.embedded.fault.Fault;
import io.phantommesh.perf.embedded.fault.FaultRuntime;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of one connection: hands each request to {@link VpnApi}, delays the answer by the
 * configured latency, and honours HTTP/1.1 persistent connections.
 *
 * <p>One instance per channel, used only on its event loop, so its fields need no locking.
 * Invariants:
 *
 * <ul>
 *   <li>an added latency never blocks the event loop: the write is scheduled on it;
 *   <li>answers leave in request order even when pipelined requests draw different latencies: each
 *       waits in a per-connection queue until its own latency has passed and all answers before it
 *       have left (timer order alone is not enough: equal deadlines computed from different clock
 *       reads can swap);
 *   <li>after a request that asks to close (HTTP/1.0 without keep-alive, or {@code Connection:
 *       close}) the connection closes once its answer is written, and later pipelined requests are
 *       ignored;
 *   <li>undelayed answers are flushed once per read batch, not once per answer;
 *   <li>faults ({@link FaultRuntime}) come first: during a 503-mode outage every request is
 *       answered 503; otherwise a request may be reset (SO_LINGER 0, then close: the peer gets a
 *       TCP RST) or stalled (never answered, the connection held until the peer or the service
 *       closes it) instead of answered, and an answer may wait a first-byte delay; after the
 *       configured number of answers a connection closes ({@code Connection: close});
 *   <li>a delayed answer whose connection closed before it could be written is taken back out of
 *       the request counters (counted {@link Fault#ABANDONED}), so the counters hold only answers
 *       that left the service.
 * </ul>
 */
final class VpnHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final HttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final HttpHeadersFactory TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  private final VpnApi api;
  private final FaultInjector faults;
  private final FaultRuntime runtime;

  /** Answers waiting for their latency or for an earlier answer, in request order. */
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  private boolean flushPending;
  private boolean closing;
  private int answeredHere;

  /** An answer not yet written; {@code ready} once its own latency has passed. */
  private static final class Pending {
    final Reply reply;
    final boolean keepAlive;
    final boolean http10;
    final Endpoint endpoint;
    boolean ready;

    Pending(Reply reply, boolean keepAlive, boolean http10, Endpoint endpoint) {
      this.reply = reply;
      this.keepAlive = keepAlive;
      this.http10 = http10;
      this.endpoint = endpoint;
    }
  }

  VpnHttpHandler(VpnApi api, FaultInjector faults, FaultRuntime runtime) {
    this.api = api;
    this.faults = faults;
    this.runtime = runtime;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (closing) {
      return;
    }
    Reply reply;
    boolean keepAlive;
    long firstByteNanos = 0;
    if (request.decoderResult().isFailure()) {
      reply = api.malformed();
      keepAlive = false;
    } else if (runtime.isUnavailable()) {
      reply = api.unavailable(request.method(), request.uri());
      runtime.counters().count(Fault.OUTAGE_503);
      keepAlive = HttpUtil.isKeepAlive(request);
    } else {
      Fate fate = runtime.nextFate();
      if (fate.kind() == Fate.Kind.RESET) {
        api.receivedUnanswered();
        reset(ctx);
        return;
      }
      if (fate.kind() == Fate.Kind.STALL) {
        api.receivedUnanswered();
        closing = true; // later pipelined requests are never answered either
        runtime.hold(ctx.channel());
        return;
      }
      firstByteNanos = fate.firstByteDelayNanos();
      reply = api.answer(request.method(), request.uri(), request.headers(), request.content());
      keepAlive = HttpUtil.isKeepAlive(request);
    }
    answeredHere++;
    int max = runtime.keepAliveMaxRequests();
    if (keepAlive && max > 0 && answeredHere >= max) {
      keepAlive = false;
      runtime.counters().count(Fault.KEEPALIVE_CLOSE);
    }
    boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    Endpoint endpoint =
        firstByteNanos > 0 || !faults.latency().isNone()
            ? VpnRoutes.match(request.method(), VpnRoutes.pathOf(request.uri())).endpoint()
            : null;
    send(ctx, reply, keepAlive, http10, firstByteNanos, endpoint);
  }

  /** SO_LINGER 0 then close: the kernel answers with a TCP RST instead of a FIN. */
  private void reset(ChannelHandlerContext ctx) {
    closing = true;
    pending.clear();
    try {
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException e) {
      // A transport without SO_LINGER still closes; the peer then sees a FIN, not a RST.
    }
    ctx.close();
  }

  /**
   * Sends {@code reply} now, or once its latency has passed and every earlier answer on this
   * connection has left (HTTP/1.1 answers in request order, so a short delay waits for a long one
   * before it, as head-of-line blocking on a real server would).
   */
  private void send(
      ChannelHandlerContext ctx,
      Reply reply,
      boolean keepAlive,
      boolean http10,
      long firstByteNanos,
      Endpoint endpoint) {
    if (!keepAlive) {
      closing = true;
    }
    long delayNanos = faults.nextDelayNanos() + firstByteNanos;
    if (delayNanos <= 0 && pending.isEmpty()) {
      write(ctx, reply, keepAlive, http10, null);
      flushPending = true;
      return;
    }
    Pending p = new Pending(reply, keepAlive, http10, endpoint);
    pending.add(p);
    if (delayNanos <= 0) {
      p.ready = true; // leaves when the delayed answers before it do
      return;
    }
    try {
      ctx.executor()
          .schedule(
              () -> {
                p.ready = true;
                drain(ctx);
              },
              delayNanos,
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The server is shutting down: nothing more will be written on this connection.
      pending.clear();
      ctx.close();
    }
  }

  /** Writes the ready answers at the head of the queue, in order, with one flush. */
  private void drain(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!pending.isEmpty() && pending.peekFirst().ready) {
      Pending p = pending.pollFirst();
      write(ctx, p.reply, p.keepAlive, p.http10, p.endpoint);
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are routine under load; no per-request logging on the hot path.
    ctx.close();
  }

  /**
   * Writes one answer; {@code endpoint} is given for delayed answers, which are taken back out of
   * the counters when their connection has closed in the meantime.
   */
  private void write(
      ChannelHandlerContext ctx,
      Reply reply,
      boolean keepAlive,
      boolean http10,
      Endpoint endpoint) {
    if (!ctx.channel().isActive()) {
      if (endpoint != null) {
        abandon(endpoint, reply);
      }
      return;
    }
    FullHttpResponse response = toResponse(ctx.alloc(), reply, keepAlive, http10);
    ChannelFuture done = ctx.write(response); // flushed by the caller
    if (endpoint != null) {
      done.addListener(
          f -> {
            if (!f.isSuccess()) {
              abandon(endpoint, reply);
            }
          });
    }
    if (!keepAlive) {
      done.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void abandon(Endpoint endpoint, Reply reply) {
    api.undelivered(endpoint, reply);
    runtime.counters().count(Fault.ABANDONED);
  }

  /** The Netty response for {@code reply}, its body in a pooled buffer. */
  static FullHttpResponse toResponse(
      ByteBufAllocator alloc, Reply reply, boolean keepAlive, boolean http10) {
    byte[] body = reply.body();
    ByteBuf content =
        body.length == 0 ? Unpooled.EMPTY_BUFFER : alloc.buffer(body.length).writeBytes(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, reply.status(), content, HEADERS, TRAILERS);
    HttpHeaders h = response.headers();
    if (reply.contentType() != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    }
    // RFC 9110 8.6: no Content-Length on 204.
    if (reply.code() != 204) {
      h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    if (reply.headerName() != null) {
      h.set(reply.headerName(), reply.headerValue());
    }
    if (!keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    return response;
  }
}
