package io.phantommesh.perf.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
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
 *   <li>answers leave in request order even when pipelined requests draw different latencies (each
 *       answer's deadline is at least the previous one's; Netty runs equal deadlines in
 *       submission order);
 *   <li>after a request that asks to close (HTTP/1.0 without keep-alive, or {@code Connection:
 *       close}) the connection closes once its answer is written, and later pipelined requests are
 *       ignored;
 *   <li>undelayed answers are flushed once per read batch, not once per answer.
 * </ul>
 */
final class VpnHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final HttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final HttpHeadersFactory TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  private final VpnApi api;
  private final FaultInjector faults;
  private int delayedPending;
  private long lastDeadlineNanos;
  private boolean flushPending;
  private boolean closing;

  VpnHttpHandler(VpnApi api, FaultInjector faults) {
    this.api = api;
    this.faults = faults;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (closing) {
      return;
    }
    Reply reply;
    boolean keepAlive;
    if (request.decoderResult().isFailure()) {
      reply = api.malformed();
      keepAlive = false;
    } else {
      reply = api.answer(request.method(), request.uri(), request.headers(), request.content());
      keepAlive = HttpUtil.isKeepAlive(request);
    }
    boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    send(ctx, reply, keepAlive, http10);
  }

  /** Sends {@code reply} now or after the added latency, keeping answers in request order. */
  void send(ChannelHandlerContext ctx, Reply reply, boolean keepAlive, boolean http10) {
    if (!keepAlive) {
      closing = true;
    }
    long delayNanos = faults.nextDelayNanos();
    if (delayNanos <= 0 && delayedPending == 0) {
      write(ctx, reply, keepAlive, http10, false);
      flushPending = true;
      return;
    }
    long now = System.nanoTime();
    long deadline = Math.max(now + delayNanos, lastDeadlineNanos);
    lastDeadlineNanos = deadline;
    delayedPending++;
    try {
      ctx.executor()
          .schedule(
              () -> {
                delayedPending--;
                write(ctx, reply, keepAlive, http10, true);
              },
              deadline - now,
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The server is shutting down: nothing will be written on this connection any more.
      delayedPending--;
      ctx.close();
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

  private static void write(
      ChannelHandlerContext ctx, Reply reply, boolean keepAlive, boolean http10, boolean flush) {
    if (!ctx.channel().isActive()) {
      return;
    }
    FullHttpResponse response = toResponse(ctx.alloc(), reply, keepAlive, http10);
    ChannelFuture done = flush ? ctx.writeAndFlush(response) : ctx.write(response);
    if (!keepAlive) {
      done.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The Netty response for {@code reply}, its body in a pooled buffer. */
  static FullHttpResponse toResponse(
      ByteBufAllocator alloc, Reply reply, boolean keepAlive, boolean http10) {
    byte[] body = reply.body();
    ByteBuf content =
        body.length == 0 ? Unpooled.EMPTY_BUFFER : alloc.buffer(body.length).writeBytes(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(), content, HEADERS, TRAILERS);
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
