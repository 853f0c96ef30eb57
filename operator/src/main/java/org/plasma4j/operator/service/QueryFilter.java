package org.plasma4j.operator.service;

import org.plasma4j.core.rootchain.RootChain;

/**
 * What the node's JSON-RPC queries serve of what it holds. A node serves everything as it is
 * ({@link #EVERYTHING}); a devnet or a test may wire in another filter (through
 * {@link OperatorNode.Builder}) to make a real node withhold blocks or misreport its chain, so that
 * watchers, guardians and wallets can be tested against it. Called on RPC threads.
 */
public interface QueryFilter {

  /** Every formed block, and the chain as it is. */
  QueryFilter EVERYTHING = new QueryFilter() {};

  /**
   * Whether block {@code blkNum} is served as if it did not exist: its body, transactions, outputs,
   * exit data and coin proofs.
   */
  default boolean hidden(long blkNum) {
    return false;
  }

  /** What plasma_getChainInfo announces, given the chain the node runs on. */
  default RootChain.ChainInfo announced(RootChain.ChainInfo actual) {
    return actual;
  }
}
