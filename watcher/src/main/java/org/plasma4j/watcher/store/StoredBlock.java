package org.plasma4j.watcher.store;

import java.util.List;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/** A child block body as downloaded, kept once it matched the root committed on the root chain. */
public record StoredBlock(long blkNum, Bytes32 root, List<Bytes> transactions) {
  public StoredBlock {
    transactions = List.copyOf(transactions);
  }
}
