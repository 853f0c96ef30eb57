package org.plasma4j.wallet;

import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.OperatorClient.ExitData;
import org.plasma4j.wallet.WalletException.ListingRefuted;

/**
 * Whether an output the operator listed is what the wallet may sign a spend of. A payment names its
 * inputs by position only, so a listing that understates an input's amount would have the wallet
 * sign a fee of the difference to the operator: before signing, the listed owner, token and amount
 * must be what the root chain's commitment to the output's block holds. An output of a block not
 * committed yet is never spent: its position, all a spend names, is bound to no transaction yet.
 */
final class ListingCheck {

  private ListingCheck() {}

  /**
   * The exit data of {@code listed}, checked.
   *
   * @param wallet this wallet's address, the only owner it spends for
   * @param data the operator's exit data for the listed position
   * @param commitment the root chain's commitment to the output's block, {@link Bytes32#ZERO} for
   *     none
   * @throws ListingRefuted naming the position and what differs
   */
  static StandardExitData verify(Utxo listed, Address wallet, ExitData data, Bytes32 commitment) {
    OutputPosition pos = listed.outputPosition();
    long blkNum = pos.blkNum();
    if (data.proof().length() != MerkleTree.PROOF_LENGTH) {
      throw refuted(
          listed,
          "the operator's proof of it is not a Merkle proof (" + data.proof().length()
              + " bytes, not " + MerkleTree.PROOF_LENGTH + ")");
    }
    StandardExitData exitData =
        new StandardExitData(pos, data.txBytes(), data.proof(), data.blockTimestamp());
    requireCommitted(listed, commitment);
    if (!exitData.matches(commitment)) {
      throw refuted(
          listed,
          "the transaction the operator serves for it is not at index " + pos.txIndex()
              + " of block " + blkNum + " as the root chain committed it");
    }
    TxResult<Transaction> decoded =
        TransactionDecoder.decodeTransaction(data.txBytes().toArray());
    if (!decoded.isOk()) {
      throw refuted(
          listed,
          "the committed transaction at index " + pos.txIndex() + " of block " + blkNum
              + " does not decode");
    }
    Transaction tx = decoded.value();
    String source = "the root chain's block " + blkNum;
    if (pos.outputIndex() >= tx.outputs().size()) {
      throw refuted(listed, source + " has no output " + pos.outputIndex() + " at its place");
    }
    Output out = tx.outputs().get(pos.outputIndex());
    if (!out.owner().equals(wallet) || !listed.owner().equals(wallet)) {
      throw refuted(
          listed,
          source + " holds it for " + out.owner() + ", not for this wallet (" + wallet + ")");
    }
    if (!out.token().equals(listed.token())) {
      throw refuted(
          listed,
          source + " holds token " + out.token() + ", the operator listed " + listed.token());
    }
    if (!out.amount().equals(listed.amount())) {
      throw refuted(
          listed,
          source + " holds amount " + out.amount() + ", the operator listed " + listed.amount());
    }
    return exitData;
  }

  /**
   * Refuses {@code listed} if the root chain has not committed its block ({@code commitment} zero).
   */
  static void requireCommitted(Utxo listed, Bytes32 commitment) {
    if (commitment.equals(Bytes32.ZERO)) {
      // a spend names its input by position alone, and until the root chain commits the block the
      // transaction at that position is whatever the operator will put there: even this wallet's
      // own payment, served for it, may be committed at another index
      throw refuted(
          listed,
          "block " + listed.blkNum()
              + " is not committed on the root chain yet; where an output sits in it"
              + " is the operator's word");
    }
  }

  private static ListingRefuted refuted(Utxo listed, String why) {
    return new ListingRefuted(listed.position(), why);
  }
}
