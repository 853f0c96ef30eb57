package org.plasma4j.core.cash;

/**
 * Why a coin history does not prove its current owner; each names one rule of docs/protocol.md
 * §9.2–§9.3.
 */
public enum HistoryRejection {
  /** A transfer in the history is for another slot. */
  WRONG_SLOT,
  /** A proof's length disagrees with its bitmap (a proof of the wrong depth). */
  BAD_PROOF_LENGTH,
  /**
   * A proof does not recompute the block's coin root (or claims an empty block that has a root).
   */
  ROOT_MISMATCH,
  /** A child block between the origin and the target has no entry. */
  MISSING_BLOCK,
  /** A child block has two entries. */
  DUPLICATE_BLOCK,
  /**
   * An entry for a block that is not a committed child block after the origin and up to the target.
   */
  UNEXPECTED_BLOCK,
  /** A transfer's signature is malleable or recovers no key. */
  BAD_SIGNATURE,
  /** A transfer's prevBlock is not the block of the coin's previous transfer (or origin). */
  WRONG_PREV_BLOCK,
  /** A transfer is not signed by the coin's owner as of its prevBlock. */
  NOT_OWNER
}
