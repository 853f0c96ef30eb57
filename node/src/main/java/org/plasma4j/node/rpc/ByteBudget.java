package org.plasma4j.node.rpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that all requests in progress may hold together (bodies read, answers built). A request
 * that cannot reserve its next bytes is refused, so memory stays bounded however many clients ask
 * at once.
 */
public final class ByteBudget {

  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  public ByteBudget(long capacity) {
    this.capacity = capacity;
  }

  /** Takes {@code bytes} if they fit; the caller gives them back with {@link #release}. */
  public boolean tryReserve(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > capacity) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  public void release(long bytes) {
    used.addAndGet(-bytes);
  }

  public long used() {
    return used.get();
  }

  /** One request's share: everything it reserved, given back at once when the request is done. */
  public final class Share {
    private long held;

    public boolean tryReserve(long bytes) {
      if (!ByteBudget.this.tryReserve(bytes)) {
        return false;
      }
      held += bytes;
      return true;
    }

    /** Gives back everything this share holds; harmless to call twice. */
    public void releaseAll() {
      ByteBudget.this.release(held);
      held = 0;
    }
  }

  public Share share() {
    return new Share();
  }
}
