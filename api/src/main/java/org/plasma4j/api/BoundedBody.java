package org.plasma4j.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  /**
   * How one {@link #exchange} ended: an answer read whole, or why there is none. Each caller maps
   * the failures to its own errors.
   */
  public sealed interface Exchange {
    /** The answer, its body complete and within the limit, of any status. */
    record Answered(HttpResponse<byte[]> response) implements Exchange {}

    /**
     * No complete answer by the deadline (or the request's own timeout); the exchange is dropped.
     */
    record TimedOut(Duration within, Throwable cause) implements Exchange {}

    /** The body passed the limit; reading stopped there. */
    record Oversized(long limit, TooLarge cause) implements Exchange {}

    /** No answer: the connection was refused, reset or otherwise failed. */
    record Failed(Throwable cause) implements Exchange {}

    /** The calling thread was interrupted; its interrupt status is set again. */
    record Interrupted(InterruptedException cause) implements Exchange {}
  }

  /**
   * Sends {@code request} and reads its answer's body up to {@code maxBytes}, all of it within
   * {@code within}: connect, headers and body fall under the one deadline, so an untrusted node
   * that trickles its answer ends the exchange as one that sends nothing; the exchange is cancelled
   * (its connection dropped) on every outcome but an answer.
   */
  public static Exchange exchange(
      HttpClient http, HttpRequest request, int maxBytes, Duration within) {
    CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, handler(maxBytes));
    try {
      return new Exchange.Answered(pending.get(within.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      pending.cancel(true);
      return new Exchange.TimedOut(within, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      TooLarge tooLarge = TooLarge.in(cause);
      if (tooLarge != null) {
        return new Exchange.Oversized(tooLarge.limit(), tooLarge);
      }
      for (Throwable t = cause; t != null; t = t.getCause()) {
        if (t instanceof HttpTimeoutException) {
          return new Exchange.TimedOut(within, cause);
        }
      }
      return new Exchange.Failed(cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return new Exchange.Interrupted(e);
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
