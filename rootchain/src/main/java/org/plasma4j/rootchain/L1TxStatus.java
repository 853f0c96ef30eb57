package org.plasma4j.rootchain;

/**
 * Where a root-chain transaction stands, as its receipt (or its absence) says: mined and applied,
 * mined and reverted, waiting in the mempool, or unknown to the node (never broadcast, or dropped
 * by a reorg).
 */
public sealed interface L1TxStatus {

  /** Mined in {@code block} and applied. */
  record Mined(long block) implements L1TxStatus {}

  /** Mined in {@code block}, but it reverted: nothing it was sent for happened. */
  record Reverted(long block) implements L1TxStatus {}

  /** Known to the node and not mined yet. */
  record Pending() implements L1TxStatus {}

  /** The node knows nothing of it. */
  record Unknown() implements L1TxStatus {}
}
