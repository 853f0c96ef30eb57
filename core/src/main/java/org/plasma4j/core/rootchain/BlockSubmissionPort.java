package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import org.plasma4j.core.types.Bytes32;

/**
 * The operator's writes to the root chain: block submissions, with the nonces and fees the
 * submitter manages. Apart from {@link RootChain} so that every reader (watcher, wallet, guardian)
 * depends on reads only, and a test or a devnet can wrap submissions without touching reads.
 */
public interface BlockSubmissionPort {

  /**
   * Sends {@code submitBlock(root)} from the operator account with an explicit nonce. The operator
   * derives the nonce from the block number, so a retry or a resubmission after a crash replaces or
   * collides with the earlier attempt instead of submitting the block twice.
   *
   * @return the root-chain transaction hash
   */
  Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas);

  /**
   * Sends {@code submitBlockWithCoins(root, coinRoot)} like {@link #submitBlock}: for a block that
   * carries coin transfers (docs/protocol.md section 9.5), so the contract also stores its non-zero
   * coin root.
   */
  default Bytes32 submitBlockWithCoins(
      Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
    throw new UnsupportedOperationException("this root chain does not take coin roots");
  }

  /** The operator account's next nonce, counting pending transactions. */
  BigInteger operatorPendingNonce();

  /** The operator account's nonce counting only mined transactions. */
  BigInteger operatorMinedNonce();

  /** The suggested max fee per gas for a submission now. */
  BigInteger suggestedMaxFeePerGas();

  /**
   * What a mined submission cost, from its receipt: empty if {@code l1TxHash} is not mined (a
   * replaced attempt) or this port cannot tell.
   */
  default java.util.Optional<GasPaid> gasPaid(Bytes32 l1TxHash) {
    return java.util.Optional.empty();
  }

  /**
   * @param gasUsed the receipt's gas used
   * @param feeWei gas used times the effective gas price, in wei
   */
  record GasPaid(long gasUsed, BigInteger feeWei) {}
}
