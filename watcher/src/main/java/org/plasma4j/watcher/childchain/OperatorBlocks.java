package org.plasma4j.watcher.childchain;

import java.util.List;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Bytes;

/** What the watcher asks the (untrusted) operator for. */
public interface OperatorBlocks {

  /** The raw signed transactions of child block {@code blkNum}, in block order. */
  List<Bytes> block(long blkNum) throws FetchException;

  /** The fees the operator charges: needed to re-run the state transition exactly. */
  FeeSchedule feeSchedule() throws FetchException;

  /**
   * The operator's latest formed block number: a cheap liveness probe. An operator that answers it
   * but not a request for a committed block is up and not serving that block.
   */
  long blockNumber() throws FetchException;
}
