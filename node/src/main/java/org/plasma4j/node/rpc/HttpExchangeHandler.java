package org.plasma4j.node.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.plasma4j.api.RpcError;
import org.plasma4j.node.supervision.Fatal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's exchanges, one request at a time, on the connection's event loop. The connection
 * moves through phases, each with its own deadline:
 *
 * <pre>
 * WAITING (idle timeout) → first byte → HEADERS (header and request timeouts) → BODY (request timeout)
 *   → PROCESSING (a request thread; nothing is read) → answer written → WAITING, or closed
 * </pre>
 *
 * Any refusal (a limit, a malformed message, a deadline) answers with the matching status and a
 * JSON-RPC error body and closes the connection; the rest of a refused request is never decoded,
 * only discarded for a bounded time so that the answer survives the close ({@link LingeringClose}).
 */
final class HttpExchangeHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(HttpExchangeHandler.class);

  private enum Phase {
    WAITING,
    HEADERS,
    BODY,
    PROCESSING,
    CLOSING
  }

  private final RpcLimits limits;
  private final ByteBudget budget;
  private final Executor workers;
  private final JsonRpcDispatcher dispatcher;
  private final ObjectMapper mapper;
  private final Fatal fatal;

  private ChannelHandlerContext ctx;
  private Phase phase = Phase.WAITING;
  private ScheduledFuture<?> phaseTimer;
  private ScheduledFuture<?> requestTimer;
  private ByteBudget.Share share;
  private ByteBuf body;
  private long reserved;
  private boolean keepAlive;
  private final ArrayDeque<Object> pipelined = new ArrayDeque<>();

  HttpExchangeHandler(
      RpcLimits limits,
      ByteBudget budget,
      Executor workers,
      JsonRpcDispatcher dispatcher,
      ObjectMapper mapper,
      Fatal fatal) {
    this.limits = limits;
    this.budget = budget;
    this.workers = workers;
    this.dispatcher = dispatcher;
    this.mapper = mapper;
    this.fatal = fatal;
  }

  /**
   * Sits before the HTTP decoder and sees raw bytes: the first byte of a request starts its clocks.
   */
  ChannelHandler byteWatch() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext c, Object msg) {
        if (msg instanceof ByteBuf b && b.isReadable() && phase == Phase.WAITING) {
          requestStarted();
        }
        c.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    awaitRequest();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    phase = Phase.CLOSING;
    cancelTimers();
    freeRequest();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  // ---------------------------------------------------------------- phases

  private void awaitRequest() {
    phase = Phase.WAITING;
    cancelTimers();
    phaseTimer = schedule(limits.idleTimeout(), ctx::close); // an idle connection is simply closed
    while (!pipelined.isEmpty() && reading()) {
      handle(pipelined.poll());
    }
    if (reading()) {
      ctx.read();
    }
  }

  private void requestStarted() {
    phase = Phase.HEADERS;
    cancelTimers();
    phaseTimer =
        schedule(limits.headerTimeout(), () -> timedOut("headers", limits.headerTimeout()));
    requestTimer =
        schedule(limits.requestTimeout(), () -> timedOut("request", limits.requestTimeout()));
  }

  private void timedOut(String what, Duration limit) {
    if (phase == Phase.HEADERS || phase == Phase.BODY) {
      refuse(
          HttpResponseStatus.REQUEST_TIMEOUT,
          RpcError.REQUEST_TIMEOUT,
          "the " + what + " did not arrive within " + limit.toMillis() + " ms");
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (phase == Phase.CLOSING) {
      ReferenceCountUtil.release(msg);
    } else if (phase == Phase.PROCESSING || !pipelined.isEmpty()) {
      // a client that sent its next request before reading the answer: the decoder already split it
      // off
      // the bytes of one read; it waits here (at most one read's worth) and nothing more is read
      pipelined.add(msg);
    } else {
      handle(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (reading()) {
      ctx.read();
    }
    ctx.fireChannelReadComplete();
  }

  private boolean reading() {
    return phase == Phase.WAITING || phase == Phase.HEADERS || phase == Phase.BODY;
  }

  private void handle(Object msg) {
    try {
      if (phase == Phase.WAITING) {
        requestStarted(); // a pipelined request whose bytes came with an earlier one
      }
      if (msg instanceof HttpRequest request) {
        onRequest(request);
      }
      if (msg instanceof HttpContent content && phase == Phase.BODY) {
        onContent(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongFrameException) {
        refuse(
            HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            RpcError.PAYLOAD_TOO_LARGE,
            "request line and headers over " + limits.maxHeaderBytes() + " bytes");
      } else {
        refuse(
            HttpResponseStatus.BAD_REQUEST,
            RpcError.INVALID_REQUEST,
            "malformed HTTP request: " + cause.getMessage());
      }
      return;
    }
    phase = Phase.BODY;
    cancel(phaseTimer);
    keepAlive = HttpUtil.isKeepAlive(request);
    if (!HttpMethod.POST.equals(request.method())) {
      refuse(
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          RpcError.INVALID_REQUEST,
          "JSON-RPC requires HTTP POST");
      return;
    }
    long declared;
    try {
      declared = HttpUtil.getContentLength(request, -1L);
    } catch (NumberFormatException e) {
      refuse(HttpResponseStatus.BAD_REQUEST, RpcError.INVALID_REQUEST, "malformed Content-Length");
      return;
    }
    if (declared > limits.maxBodyBytes()) {
      refuse(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          RpcError.PAYLOAD_TOO_LARGE,
          "body over " + limits.maxBodyBytes() + " bytes (declared " + declared + ")");
      return;
    }
    share = budget.share();
    if (declared > 0 && !reserve(declared)) {
      return;
    }
    if (HttpUtil.is100ContinueExpected(request)) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    body = Unpooled.buffer((int) Math.min(Math.max(declared, 0), 1 << 20));
  }

  private void onContent(HttpContent content) {
    if (content.decoderResult().isFailure()) {
      refuse(
          HttpResponseStatus.BAD_REQUEST,
          RpcError.INVALID_REQUEST,
          "malformed HTTP body: " + content.decoderResult().cause().getMessage());
      return;
    }
    int n = content.content().readableBytes();
    long size = (long) body.readableBytes() + n;
    if (size > limits.maxBodyBytes()) {
      refuse(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          RpcError.PAYLOAD_TOO_LARGE,
          "body over " + limits.maxBodyBytes() + " bytes");
      return;
    }
    if (size > reserved && !reserve(size - reserved)) {
      return;
    }
    body.writeBytes(content.content());
    if (content instanceof LastHttpContent) {
      dispatch();
    }
  }

  private boolean reserve(long bytes) {
    if (share.tryReserve(bytes)) {
      reserved += bytes;
      return true;
    }
    refuse(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        RpcError.SERVER_BUSY,
        "the server holds too many requests in memory; retry later");
    return false;
  }

  private void dispatch() {
    phase = Phase.PROCESSING;
    cancelTimers();
    byte[] bytes = ByteBufUtil.getBytes(body);
    body.release();
    body = null;
    // from here the request thread and then respond() own the share: a connection that closes
    // meanwhile
    // must not give back bytes the request thread is still reserving
    ByteBudget.Share answerShare = share;
    share = null;
    reserved = 0;
    boolean alive = keepAlive;
    try {
      workers.execute(() -> answer(bytes, answerShare, alive));
    } catch (RejectedExecutionException e) {
      answerShare.releaseAll();
      refuse(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          RpcError.SERVER_BUSY,
          "too many requests waiting (" + limits.queueCapacity() + "); retry later");
    }
  }

  /** On a request thread. */
  private void answer(byte[] request, ByteBudget.Share answerShare, boolean alive) {
    byte[] response;
    try {
      response = dispatcher.handle(
          request, new JsonRpcDispatcher.ResponseBound(limits.maxResponseBytes(), answerShare));
    } catch (Throwable t) {
      if (Fatal.isFatal(t)) {
        answerShare.releaseAll();
        ctx.close();
        fatal.halt("a JSON-RPC request thread", t);
        return;
      }
      LOG.error("request failed", t);
      response = errorJson(RpcError.INTERNAL_ERROR, RpcError.INTERNAL_ERROR.defaultMessage());
    }
    byte[] out = response;
    ctx.executor().execute(() -> respond(out, answerShare, alive));
  }

  private void respond(byte[] json, ByteBudget.Share answerShare, boolean alive) {
    if (!ctx.channel().isActive()) {
      answerShare.releaseAll();
      return;
    }
    ctx.writeAndFlush(response(HttpResponseStatus.OK, json, alive)).addListener(f -> {
      answerShare.releaseAll();
      if (f.isSuccess() && alive && ctx.channel().isActive()) {
        awaitRequest();
      } else {
        ctx.close();
      }
    });
  }

  /**
   * Answers with an error and closes with a {@link LingeringClose}: the rest of the request is read
   * only to be thrown away, so the client gets the answer rather than a reset.
   */
  private void refuse(HttpResponseStatus status, RpcError error, String message) {
    if (phase == Phase.CLOSING) {
      return; // refused or closed already
    }
    phase = Phase.CLOSING;
    cancelTimers();
    freeRequest();
    LOG.debug("refused {}: {} {}", ctx.channel().remoteAddress(), status.code(), message);
    ChannelFutureListener lingering = LingeringClose.begin(ctx.channel(), limits);
    ctx.writeAndFlush(response(status, errorJson(error, message), false)).addListener(lingering);
  }

  private FullHttpResponse response(HttpResponseStatus status, byte[] json, boolean alive) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(json));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
        .set(
            HttpHeaderNames.CONNECTION,
            alive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    if (status.equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
      r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    }
    return r;
  }

  private byte[] errorJson(RpcError error, String message) {
    try {
      return mapper.writeValueAsBytes(JsonRpcDispatcher.error(NullNode.instance, error, message));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize an error", e);
    }
  }

  private void freeRequest() {
    if (phase == Phase.CLOSING) {
      pipelined.forEach(ReferenceCountUtil::release);
      pipelined.clear();
    }
    if (body != null) {
      body.release();
      body = null;
    }
    if (share != null) {
      share.releaseAll();
      share = null;
    }
    reserved = 0;
  }

  private ScheduledFuture<?> schedule(Duration after, Runnable action) {
    return ctx.executor().schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancelTimers() {
    cancel(phaseTimer);
    cancel(requestTimer);
    phaseTimer = null;
    requestTimer = null;
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
