package org.plasma4j.watcher;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.OperatorBlocks;

/**
 * Serves the block bodies a test put in; anything else is an RPC error, or everything is when down.
 */
final class FakeOperator implements OperatorBlocks {

  // concurrent: the watcher fetches the next block on a thread of its own
  final Map<Long, List<Bytes>> blocks = new ConcurrentHashMap<>();
  /** Served once, before {@link #blocks}: a stale cache or a tampered answer. */
  final Map<Long, List<Bytes>> firstAnswers = new ConcurrentHashMap<>();
  /** Each block asked for, as "blkNum@thread name", in order. */
  final Queue<String> asked = new ConcurrentLinkedQueue<>();
  /** The schedule served; a test changes it as an operator restarted with a new fee file does. */
  volatile FeeSchedule fees;

  volatile boolean down;
  /** Thrown by the next block() call, once: an error inside the watcher's validation step. */
  volatile Error errorOnce;

  FakeOperator(FeeSchedule fees) {
    this.fees = fees;
  }

  @Override
  public List<Bytes> block(long blkNum) throws FetchException {
    asked.add(blkNum + "@" + Thread.currentThread().getName());
    Error e = errorOnce;
    if (e != null) {
      errorOnce = null;
      throw e;
    }
    if (down) {
      throw new FetchException(FetchException.Kind.UNREACHABLE, "operator down");
    }
    List<Bytes> first = firstAnswers.remove(blkNum);
    if (first != null) {
      return first;
    }
    List<Bytes> b = blocks.get(blkNum);
    if (b == null) {
      throw new FetchException(
          FetchException.Kind.RPC_ERROR,
          "no formed block " + blkNum,
          org.plasma4j.api.RpcError.NOT_FOUND.code());
    }
    return b;
  }

  @Override
  public long blockNumber() throws FetchException {
    if (down) {
      throw new FetchException(FetchException.Kind.UNREACHABLE, "operator down");
    }
    return blocks.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  @Override
  public FeeSchedule feeSchedule() throws FetchException {
    if (down) {
      throw new FetchException(FetchException.Kind.UNREACHABLE, "operator down");
    }
    return fees;
  }
}
