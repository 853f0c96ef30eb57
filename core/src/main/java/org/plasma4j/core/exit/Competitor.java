package org.plasma4j.core.exit;

import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * A transaction other than the in-flight one that spends one of its inputs: the arguments of
 * challengeInFlightExitNotCanonical. Its input owner signed both, so at most one of them is
 * canonical.
 *
 * @param inputIndex the in-flight transaction's input the two share
 * @param competingInputIndex the same output's index among the competitor's inputs
 */
public record Competitor(
    SignedTransaction competingTx,
    int inputIndex,
    int competingInputIndex,
    Optional<Inclusion> inclusion) {

  /**
   * The position argument: the competitor's position when included, 0 when it is only in flight.
   */
  public long position() {
    return inclusion.map(Inclusion::position).orElse(0L);
  }

  /** The order the contract compares competitors in: not included counts as infinitely young. */
  public long priority() {
    return inclusion.map(Inclusion::position).orElse(Long.MAX_VALUE);
  }

  public Bytes competingTxBytes() {
    return Bytes.wrap(competingTx.txBytes());
  }

  /** The proof argument; empty-subtree bytes are never read when the competitor is not included. */
  public Bytes proof() {
    return inclusion.map(Inclusion::proof).orElse(Bytes.wrap(new byte[MerkleTree.PROOF_LENGTH]));
  }

  public long blockTimestamp() {
    return inclusion.map(Inclusion::blockTimestamp).orElse(0L);
  }

  public Signature signature() {
    return competingTx.signatures().get(competingInputIndex);
  }

  /** keccak256(abi.encode(challenger, ifeId, keccak256(competingTx))). */
  public Bytes32 commitment(Address challenger, BigInteger ifeId) {
    return ExitGameCommitments.withTx(challenger, ifeId, competingTxBytes());
  }
}
