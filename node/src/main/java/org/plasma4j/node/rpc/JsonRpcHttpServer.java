package org.plasma4j.node.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.plasma4j.api.RpcError;
import org.plasma4j.node.supervision.Fatal;

/**
 * JSON-RPC over HTTP POST (HTTP/1.1, keep-alive) on Netty. A client gets nothing it is not entitled
 * to by {@link RpcLimits}:
 *
 * <ul>
 *   <li>Connections cost no thread: a selector thread reads them, and only a complete request is
 *       handed to a request thread. Connections are capped in all and per IP address.
 *   <li>Every phase has a deadline: waiting for a request, its headers, its whole body, and the
 *       writing of the answer. A client that stops or trickles is closed.
 *   <li>A declared body larger than the limit is refused before a byte of it is decoded (what the
 *       client still sends is discarded for a bounded time, {@link LingeringClose}); bodies and
 *       answers held in memory are counted against one {@link ByteBudget}.
 *   <li>Complete requests wait in a bounded queue; when it is full the request is answered
 *       SERVER_BUSY at once instead of waiting without limit.
 *   <li>A connection is read only while a request is arriving, so a client that sends more without
 *       reading the answers is slowed by TCP, not buffered.
 * </ul>
 */
public final class JsonRpcHttpServer implements AutoCloseable {

  /** The largest request body by default (docs/rpc-errors.md, PAYLOAD_TOO_LARGE). */
  public static final int MAX_BODY_BYTES = RpcLimits.DEFAULT_MAX_BODY_BYTES;

  static {
    // Netty's sun.misc.Unsafe memory access makes JDK 24+ print deprecation warnings at every
    // start; the
    // server uses heap buffers, so the portable path costs nothing that matters. An explicit
    // setting wins.
    if (System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
  }

  private final RpcLimits limits;
  private final JsonRpcDispatcher dispatcher;
  private final ObjectMapper mapper;
  private final Fatal fatal;
  private final ThreadPoolExecutor workers;
  private final ByteBudget budget;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup io;
  private final Channel listener;
  /** Admitted connections: only these count against the caps. */
  private final AtomicInteger open = new AtomicInteger();

  private final ConcurrentHashMap<InetAddress, Integer> perPeer = new ConcurrentHashMap<>();

  /**
   * Connections refused at the door that are still discarding what their clients send. They are
   * bounded on their own, so that refused connections never take an admitted one's place: counted
   * with the admitted, an address past its own cap could fill the server for every other address.
   */
  private final AtomicInteger lingering = new AtomicInteger();

  public JsonRpcHttpServer(
      String host, int port, int threads, JsonRpcDispatcher dispatcher, ObjectMapper mapper)
      throws IOException {
    this(host, port, threads, dispatcher, mapper, RpcLimits.defaults(), Fatal.exitProcess());
  }

  /**
   * Binds at once (port 0 picks a free port) but accepts connections only after {@link #start()}.
   */
  public JsonRpcHttpServer(
      String host,
      int port,
      int threads,
      JsonRpcDispatcher dispatcher,
      ObjectMapper mapper,
      RpcLimits limits,
      Fatal fatal)
      throws IOException {
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.mapper = mapper;
    this.fatal = fatal;
    this.budget = new ByteBudget(limits.maxBufferedBytes());
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(
        threads,
        threads,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(limits.queueCapacity()),
        r -> {
          Thread t = new Thread(r, "rpc-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
    this.acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("rpc-accept", true));
    this.io = new NioEventLoopGroup(
        Math.min(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("rpc-io", true));
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(acceptor, io)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.AUTO_READ, false) // accept nothing before start()
        .childOption(
            ChannelOption.AUTO_READ, false) // each connection reads only what its handler asks for
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            admit(ch);
          }
        });
    try {
      this.listener = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
    } catch (Exception e) {
      close();
      throw new IOException("cannot bind " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public void start() {
    listener.config().setAutoRead(true);
  }

  /** The bound port (useful when configured with port 0). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Bytes of the {@link ByteBudget} held by requests in progress now (for tests). */
  long bufferedBytes() {
    return budget.used();
  }

  /** Connections open now, admitted or refused and lingering (for tests and health). */
  public int openConnections() {
    return open.get() + lingering.get();
  }

  private void admit(SocketChannel ch) {
    InetAddress peer = ch.remoteAddress().getAddress();
    String refusal = take(peer);
    if (refusal != null) {
      refuseAtDoor(ch, refusal);
      return;
    }
    ch.closeFuture().addListener(f -> give(peer));
    HttpExchangeHandler exchange =
        new HttpExchangeHandler(limits, budget, workers, dispatcher, mapper, fatal);
    ch.pipeline()
        .addLast(new WriteTimeoutHandler(limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast(exchange.byteWatch())
        .addLast(new HttpServerCodec(
            Math.min(8192, limits.maxHeaderBytes()), limits.maxHeaderBytes(), 64 * 1024))
        .addLast(exchange);
  }

  /**
   * Takes an admitted connection's place in all and for {@code peer}; null if taken, otherwise why
   * not (and nothing is held).
   */
  private String take(InetAddress peer) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      return "the server has " + limits.maxConnections() + " connections open";
    }
    int cap = limits.maxConnectionsPerPeer();
    // one atomic step per address: a count that drops to zero is removed, and is never raised again
    // on the removed entry
    boolean[] taken = {false};
    perPeer.compute(peer, (p, held) -> {
      if (held != null && held >= cap) {
        return held;
      }
      taken[0] = true;
      return held == null ? 1 : held + 1;
    });
    if (taken[0]) {
      return null;
    }
    open.decrementAndGet();
    return "too many connections from " + peer.getHostAddress() + " (at most " + cap + ")";
  }

  private void give(InetAddress peer) {
    perPeer.computeIfPresent(peer, (p, held) -> held == 1 ? null : held - 1);
    open.decrementAndGet();
  }

  /**
   * Answers SERVER_BUSY. The refused client may have sent its request already: unread, it would
   * turn the close into a reset that can destroy the answer, so up to the connection cap of refused
   * connections linger at a time; past that a flood is closed at once.
   */
  private void refuseAtDoor(SocketChannel ch, String why) {
    boolean linger = lingering.incrementAndGet() <= limits.maxConnections();
    if (linger) {
      ch.closeFuture().addListener(f -> lingering.decrementAndGet());
    } else {
      lingering.decrementAndGet();
    }
    ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        ChannelFutureListener after =
            linger ? LingeringClose.begin(ctx.channel(), limits) : ChannelFutureListener.CLOSE;
        ctx.writeAndFlush(busy(why)).addListener(after);
      }
    });
  }

  /** A complete HTTP 503 with a JSON-RPC SERVER_BUSY body, for a connection refused at the door. */
  private ByteBuf busy(String message) {
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(JsonRpcDispatcher.error(
          com.fasterxml.jackson.databind.node.NullNode.instance, RpcError.SERVER_BUSY, message));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String head =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
            + json.length + "\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
    return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), json);
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdown();
  }
}
