package org.plasma4j.core.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The fee transaction (type 2) the operator appends as the last transaction of a block: no inputs,
 * no signatures, one output per fee token owned by the beneficiary, metadata = the block number.
 * Outputs are ordered by token address so that every node builds byte-identical blocks.
 */
public final class FeeTransaction {
  private FeeTransaction() {}

  /** Empty if no fee was collected (a block without fees has no fee transaction). */
  public static Optional<Transaction> build(
      long blkNum, Address beneficiary, Map<Address, BigInteger> feesByToken) {
    if (beneficiary.isZero()) {
      throw new IllegalArgumentException("the fee beneficiary cannot be the zero address");
    }
    TreeMap<Address, BigInteger> sorted = new TreeMap<>();
    feesByToken.forEach((token, amount) -> {
      if (amount.signum() > 0) {
        sorted.put(token, amount);
      }
    });
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    if (sorted.size() > Transaction.MAX_OUTPUTS) {
      throw new IllegalArgumentException("fees in " + sorted.size()
          + " tokens; a fee transaction holds at most " + Transaction.MAX_OUTPUTS);
    }
    List<Output> outputs = new ArrayList<>(sorted.size());
    sorted.forEach((token, amount) -> outputs.add(new Output(beneficiary, token, amount)));
    return Optional.of(
        new Transaction(Transaction.TYPE_FEE, List.of(), outputs, Bytes32.ofUint(blkNum)));
  }

  /** The block-body form: the fee transaction with no signatures, under the chain's domain. */
  public static SignedTransaction signedForm(Transaction feeTx, Domain domain) {
    return SignedTransaction.of(feeTx, List.of(), domain);
  }
}
