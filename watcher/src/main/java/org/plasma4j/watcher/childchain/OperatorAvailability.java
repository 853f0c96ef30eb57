package org.plasma4j.watcher.childchain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.api.RpcError;

/**
 * Tells "the operator's RPC does not answer me" from "the operator does not serve this block", over
 * a clock the caller passes in (no I/O, no time of its own).
 *
 * <ul>
 *   <li><b>Refused</b>: the operator answers, but not with the block: NOT_FOUND or
 *       BLOCK_UNAVAILABLE, garbage or an endless answer, pages too slow to make the whole block's
 *       deadline, a body that does not match the committed root, or a failure of that one block
 *       while a liveness probe shows the operator up. That is evidence of withholding: reported
 *       after {@code refusedTimeout} (the watcher's withholding timeout).
 *   <li><b>Silent</b>: no usable answer to anything (refused connections, timeouts, HTTP errors,
 *       SERVER_BUSY). That may be an outage or an attack on the operator; the watcher retries with
 *       exponential backoff and reports withholding only once the operator has been silent for
 *       {@code silentTimeout}, much longer. A silent operator withholds too, but one slow minute is
 *       not that.
 * </ul>
 */
public final class OperatorAvailability {

  public enum Evidence {
    /** The operator answered but did not serve the block. */
    REFUSED,
    /** The operator answered nothing at all for the silence timeout. */
    SILENT
  }

  /** A block to report as withheld, with the evidence and how long it has been unobtainable. */
  public record Withheld(Evidence evidence, long unobtainableMillis) {}

  private final long refusedTimeoutMillis;
  private final long silentTimeoutMillis;
  private final long minBackoffMillis;
  private final long maxBackoffMillis;
  private final Map<Long, Long> refusedSince = new HashMap<>();
  private final Map<Long, Long> missingSince = new HashMap<>();
  private long silentSince = -1;
  private long nextAttemptAt;
  private long backoffMillis;

  public OperatorAvailability(
      long refusedTimeoutMillis,
      long silentTimeoutMillis,
      long minBackoffMillis,
      long maxBackoffMillis) {
    this.refusedTimeoutMillis = refusedTimeoutMillis;
    this.silentTimeoutMillis = silentTimeoutMillis;
    this.minBackoffMillis = minBackoffMillis;
    this.maxBackoffMillis = Math.max(minBackoffMillis, maxBackoffMillis);
    this.backoffMillis = minBackoffMillis;
  }

  /**
   * Whether a fetch failure is an answer that is not the block: NOT_FOUND or BLOCK_UNAVAILABLE, an
   * answer that is not JSON of the documented shape, one that never ends, or pages answered too
   * slowly for the block to arrive by its deadline. Refused connections, timeouts, HTTP errors and
   * other JSON-RPC errors (SERVER_BUSY, INTERNAL_ERROR) are failures to answer.
   */
  public static boolean isRefusal(FetchException e) {
    return switch (e.kind()) {
      case RPC_ERROR ->
        e.rpcCode() == RpcError.NOT_FOUND.code()
            || e.rpcCode() == RpcError.BLOCK_UNAVAILABLE.code();
      case MALFORMED_RESPONSE, TOO_LARGE, BLOCK_DEADLINE -> true;
      case UNREACHABLE, TIMEOUT, HTTP_ERROR -> false;
    };
  }

  /** False while backing off from a silent operator: do not ask it yet. */
  public boolean mayAsk(long now) {
    return now >= nextAttemptAt;
  }

  /** The operator delivered the block. */
  public void served(long blkNum, long now) {
    answered();
    refusedSince.remove(blkNum);
    missingSince.remove(blkNum);
  }

  /** The operator answered, but not with the block. */
  public void refused(long blkNum, long now) {
    answered();
    refusedSince.putIfAbsent(blkNum, now);
    missingSince.putIfAbsent(blkNum, now);
  }

  /** The operator did not answer: back off before asking again. */
  public void silent(long blkNum, long now) {
    if (silentSince < 0) {
      silentSince = now;
    }
    missingSince.putIfAbsent(blkNum, now);
    nextAttemptAt = now + backoffMillis;
    backoffMillis = Math.min(backoffMillis * 2, maxBackoffMillis);
  }

  private void answered() {
    silentSince = -1;
    nextAttemptAt = 0;
    backoffMillis = minBackoffMillis;
  }

  /** How long the operator has answered nothing (0 while it answers). */
  public long silentForMillis(long now) {
    return silentSince < 0 ? 0 : now - silentSince;
  }

  /** Whether block {@code blkNum} is to be reported withheld now, and on which evidence. */
  public Optional<Withheld> verdict(long blkNum, long now) {
    Long missing = missingSince.get(blkNum);
    if (missing == null) {
      return Optional.empty();
    }
    Long refused = refusedSince.get(blkNum);
    if (refused != null && now - refused >= refusedTimeoutMillis) {
      return Optional.of(new Withheld(Evidence.REFUSED, now - missing));
    }
    if (silentSince >= 0 && now - silentSince >= silentTimeoutMillis) {
      return Optional.of(new Withheld(Evidence.SILENT, now - missing));
    }
    return Optional.empty();
  }
}
