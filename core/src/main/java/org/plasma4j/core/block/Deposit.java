package org.plasma4j.core.block;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * A deposit as the contract builds it (docs/protocol.md section 4): tx = [1, [], [[1, owner, token,
 * amount]], 0x00*32], alone at index 0 of its deposit block. The operator rebuilds it from the
 * DepositCreated event and must reach the same root.
 */
public record Deposit(long blkNum, Address owner, Address token, BigInteger amount) {
  public Deposit {
    if (blkNum < 1) {
      throw new IllegalArgumentException("block numbers start at 1");
    }
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("a deposit credits a positive amount");
    }
  }

  public static Transaction transaction(Address owner, Address token, BigInteger amount) {
    return Transaction.payment(List.of(), List.of(new Output(owner, token, amount)), Bytes32.ZERO);
  }

  public Transaction transaction() {
    return transaction(owner, token, amount);
  }

  /** The deposit block's root: the single-leaf depth-16 tree. */
  public static Bytes32 root(Address owner, Address token, BigInteger amount) {
    return MerkleTree.build(List.of(transaction(owner, token, amount).encode())).root();
  }

  public Bytes32 root() {
    return root(owner, token, amount);
  }

  /** The deposit output's position: depositBlkNum * 1e6 (output 0 of transaction 0). */
  public OutputPosition position() {
    return OutputPosition.of(blkNum, 0, 0);
  }

  public Output output() {
    return new Output(owner, token, amount);
  }
}
