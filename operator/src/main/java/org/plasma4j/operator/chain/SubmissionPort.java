package org.plasma4j.operator.chain;

import java.math.BigInteger;
import org.plasma4j.core.rootchain.BlockSubmissionPort;
import org.plasma4j.core.types.Bytes32;

/**
 * The root chain's write side as the {@link BlockSubmitter} uses it: what is submitted, and whether
 * anything is now. A node submits through {@link #of(BlockSubmissionPort)}; a devnet or a test may
 * decorate that port (through {@code OperatorNode.Builder}) to hold blocks back.
 */
public interface SubmissionPort {

  /**
   * Whether formed blocks go to the root chain now. While not, the submitter neither confirms nor
   * sends: formed blocks wait, in order, and go out once it is open again.
   */
  default boolean open() {
    return true;
  }

  /** Sends {@code submitBlock(root)} (see {@link BlockSubmissionPort#submitBlock}). */
  Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas);

  /**
   * Sends {@code submitBlockWithCoins(root, coinRoot)} (see
   * {@link BlockSubmissionPort#submitBlockWithCoins}).
   */
  Bytes32 submitBlockWithCoins(
      Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas);

  /** Submits straight to {@code rootChain}, always open. */
  static SubmissionPort of(BlockSubmissionPort rootChain) {
    return new SubmissionPort() {
      @Override
      public Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas) {
        return rootChain.submitBlock(root, nonce, maxFeePerGas);
      }

      @Override
      public Bytes32 submitBlockWithCoins(
          Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
        return rootChain.submitBlockWithCoins(root, coinRoot, nonce, maxFeePerGas);
      }
    };
  }
}
