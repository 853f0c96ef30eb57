package org.plasma4j.watcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.OperatorBlocks;

/** Serves the block bodies a test put in; anything else is an RPC error, or everything is when down. */
final class FakeOperator implements OperatorBlocks {

  final Map<Long, List<Bytes>> blocks = new HashMap<>();
  final FeeSchedule fees;
  boolean down;

  FakeOperator(FeeSchedule fees) {
    this.fees = fees;
  }

  @Override
  public List<Bytes> block(long blkNum) throws FetchException {
    if (down) {
      throw new FetchException(FetchException.Kind.UNREACHABLE, "operator down");
    }
    List<Bytes> b = blocks.get(blkNum);
    if (b == null) {
      throw new FetchException(FetchException.Kind.RPC_ERROR, "no formed block " + blkNum);
    }
    return b;
  }

  @Override
  public FeeSchedule feeSchedule() throws FetchException {
    if (down) {
      throw new FetchException(FetchException.Kind.UNREACHABLE, "operator down");
    }
    return fees;
  }
}
