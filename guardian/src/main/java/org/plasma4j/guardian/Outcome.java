package org.plasma4j.guardian;

import java.math.BigInteger;

/**
 * What executing an action on the root chain did.
 *
 * @param l1TxHash the root-chain transaction (the last one when an action needs several)
 * @param bondWei bond posted (0 for actions that post none)
 * @param gasWei gas paid, from the receipts: gasUsed times effectiveGasPrice
 * @param exitableAt when the started exit may be processed (0 for actions that start none)
 * @param batchId the mass exit's batch id (0 for other actions)
 * @param l1Block the root-chain block the transaction was mined in
 */
public record Outcome(
    String l1TxHash,
    BigInteger bondWei,
    BigInteger gasWei,
    long exitableAt,
    BigInteger batchId,
    long l1Block) {

  public static Outcome of(String l1TxHash, BigInteger bondWei, BigInteger gasWei, long l1Block) {
    return new Outcome(l1TxHash, bondWei, gasWei, 0, BigInteger.ZERO, l1Block);
  }
}
