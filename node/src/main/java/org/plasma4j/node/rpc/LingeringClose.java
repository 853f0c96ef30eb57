package org.plasma4j.node.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request was refused without destroying the refusal. Closing a socket
 * with unread bytes makes TCP send a reset, which can discard an answer the client has not read
 * yet, so a client still sending the refused body would see a broken connection instead of the
 * error. Instead, once the answer is written only the sending side is shut (the client reads the
 * answer and then end of stream), and what the client still sends is read and thrown away until it
 * closes, {@link #TIME} passes or more than {@link #maxDiscarded} bytes arrive, whichever comes
 * first.
 *
 * <p>It sits first in the pipeline, so the discarded bytes reach no decoder, hold no part of the
 * {@link ByteBudget} and are never taken for a request. An admitted connection keeps counting
 * against the connection caps until it is closed; one refused at the door is counted apart (see
 * {@link JsonRpcHttpServer}), so lingering refusals never take an admitted connection's place.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {

  /** How long a refused client may keep sending before its connection is closed regardless. */
  static final Duration TIME = Duration.ofSeconds(2);

  /**
   * Bytes discarded before the connection is closed regardless: four body caps, so an honest client
   * that sends a body a few times over the cap before it reads is drained and not reset while it
   * writes; a bound of one cap would reset it mid-body, the very race this class exists to avoid.
   */
  static long maxDiscarded(RpcLimits limits) {
    return 4L * limits.maxBodyBytes();
  }

  private final long maxBytes;
  private long discarded;
  private ScheduledFuture<?> deadline;

  private LingeringClose(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Starts discarding what {@code channel} receives at once (so a client blocked on sending is not
   * stuck behind a full window while the answer waits), and returns the listener that shuts the
   * sending side when the answer has been written.
   */
  static ChannelFutureListener begin(Channel channel, RpcLimits limits) {
    channel.pipeline().addFirst("lingering-close", new LingeringClose(maxDiscarded(limits)));
    return written -> {
      if (written.isSuccess() && channel.isActive() && channel instanceof DuplexChannel duplex) {
        duplex.shutdownOutput();
      } else {
        channel.close();
      }
    };
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline =
        ctx.executor().schedule(() -> ctx.channel().close(), TIME.toNanos(), TimeUnit.NANOSECONDS);
    ctx.channel().closeFuture().addListener(f -> deadline.cancel(false));
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      discarded += b.readableBytes();
    }
    ReferenceCountUtil.release(msg);
    if (discarded > maxBytes) {
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a refused client that resets while we discard: nothing is left to answer, and nothing behind
    // this handler (at the door, nothing at all) should see it
    ctx.close();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // not passed on: the handlers behind would ask for reads of their own
    if (ctx.channel().isActive()) {
      ctx.read();
    }
  }
}
