package org.plasma4j.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP answer's body collected up to a byte limit: past it the subscription is cancelled, so the
 * client stops reading (the connection is dropped) and never holds more than the limit of an
 * untrusted node's answer, whatever the node sends or declares.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** Completes the body of an answer that passed the limit; stackless, as a routine refusal. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    TooLarge(long limit) {
      super("answer larger than " + limit + " bytes", null);
      this.limit = limit;
      setStackTrace(new StackTraceElement[0]);
    }

    public long limit() {
      return limit;
    }

    /** The {@link TooLarge} somewhere in {@code t}'s causes, or null. */
    public static TooLarge in(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof TooLarge tooLarge) {
          return tooLarge;
        }
      }
      return null;
    }
  }

  private final int maxBytes;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** A handler whose every body is bounded by {@code maxBytes}, whatever the status. */
  public static HttpResponse.BodyHandler<byte[]> handler(int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0");
    }
    return info -> new BoundedBody(maxBytes);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      if ((long) out.size() + b.remaining() > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(maxBytes));
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      out.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }
}
