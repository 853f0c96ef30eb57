package org.plasma4j.core.exit;

import java.math.BigInteger;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * What a challenger or responder of the in-flight and mass exit games commits to before revealing
 * (docs/protocol.md, front-running protection). Each binds msg.sender, so a copycat replaying the
 * reveal from the mempool has no matching commitment.
 */
public final class ExitGameCommitments {
  private ExitGameCommitments() {}

  /**
   * keccak256(abi.encode(sender, ifeId, keccak256(tx))): the non-canonical challenge (tx = the
   * competitor) and the input-spent and output-spent challenges (tx = the spending transaction).
   */
  public static Bytes32 withTx(Address sender, BigInteger ifeId, Bytes tx) {
    return new Bytes32(
        Keccak256.hashConcat(Abi.word(sender), Abi.word(ifeId), Keccak256.hash(tx.toArray())));
  }

  /** keccak256(abi.encode(sender, ifeId, bytes32(inFlightTxPosition))): the canonicity response. */
  public static Bytes32 response(Address sender, BigInteger ifeId, long inFlightTxPosition) {
    return new Bytes32(
        Keccak256.hashConcat(Abi.word(sender), Abi.word(ifeId), Abi.word(inFlightTxPosition)));
  }

  /**
   * keccak256(abi.encode(sender, batchId, leafIndex, keccak256(spendingTx))): a mass-exit output
   * challenge.
   */
  public static Bytes32 massExitChallenge(
      Address sender, BigInteger batchId, int leafIndex, Bytes spendingTx) {
    return new Bytes32(Keccak256.hashConcat(
        Abi.word(sender),
        Abi.word(batchId),
        Abi.word(leafIndex),
        Keccak256.hash(spendingTx.toArray())));
  }

  /**
   * keccak256(abi.encode(sender, uint64 slot, txHash)): every cash-game challenge and response
   * (txHash of the revealed coin transfer, or bytes32(0) for challengeBeforeFromOrigin).
   */
  public static Bytes32 coinChallenge(Address sender, long slot, Bytes32 txHash) {
    return new Bytes32(Keccak256.hashConcat(
        Abi.word(sender), Abi.word(new BigInteger(Long.toUnsignedString(slot))), Abi.word(txHash)));
  }
}
