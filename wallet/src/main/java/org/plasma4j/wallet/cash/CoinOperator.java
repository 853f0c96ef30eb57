package org.plasma4j.wallet.cash;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * The operator's coin methods (docs/protocol.md section 8); {@link CoinRpcClient} speaks them over
 * JSON-RPC.
 */
public interface CoinOperator {

  /** The operator's view of a coin: its current owner and the block of its latest transfer. */
  record OperatorCoin(
      long slot,
      Address token,
      int kind,
      BigInteger value,
      Address owner,
      long block,
      String state) {}

  /**
   * One child block of a coin's history as the operator serves it: "included", "excluded" or
   * "empty".
   */
  record ProofEntry(long blkNum, String kind, Optional<Bytes> tx, Optional<Bytes> proof) {
    public boolean included() {
      return "included".equals(kind);
    }
  }

  /**
   * docs/rpc-errors.md: no coin at this slot, or its deposit is not confirmed by the operator yet.
   */
  int UNKNOWN_COIN = -32025;

  /** Most blocks one plasma_getCoinProofs call may cover. */
  long MAX_PROOF_RANGE = 10_000;

  /** plasma_sendCoinTransfer: the transfer's hash, once the operator has persisted it. */
  Bytes32 sendCoinTransfer(byte[] signedTransfer);

  OperatorCoin getCoin(long slot);

  /** plasma_getCoinProofs: one entry per child block in [fromBlock, toBlock]. */
  List<ProofEntry> getCoinProofs(long slot, long fromBlock, long toBlock);
}
