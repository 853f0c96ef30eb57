package org.plasma4j.core.state;

/** What the ledger knows about an output position. */
public enum UtxoStatus {
  /** Exists and may be spent. */
  UNSPENT,
  /** Already spent by a transaction in a block or in the pending block. */
  SPENT,
  /**
   * A standard exit for it was started on the root chain: spending it would let it be withdrawn
   * twice.
   */
  EXITING,
  /** No such output, or its block is not formed yet. */
  UNKNOWN
}
