package org.plasma4j.core.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/** Fluent test builder: inputs with their owners' keys, outputs, metadata; signs for a domain. */
public final class TxBuilder {
  private int txType = Transaction.TYPE_PAYMENT;
  private final List<OutputPosition> inputs = new ArrayList<>();
  private final List<PrivateKey> keys = new ArrayList<>();
  private final List<Output> outputs = new ArrayList<>();
  private Bytes32 metadata = Bytes32.ZERO;

  public static TxBuilder payment() {
    return new TxBuilder();
  }

  public TxBuilder txType(int type) {
    this.txType = type;
    return this;
  }

  public TxBuilder input(OutputPosition position, KeyPair owner) {
    inputs.add(position);
    keys.add(owner.privateKey());
    return this;
  }

  public TxBuilder input(long blkNum, int txIndex, int outputIndex, KeyPair owner) {
    return input(OutputPosition.of(blkNum, txIndex, outputIndex), owner);
  }

  public TxBuilder output(Address owner, Address token, BigInteger amount) {
    outputs.add(new Output(owner, token, amount));
    return this;
  }

  public TxBuilder output(KeyPair owner, Address token, long amount) {
    return output(owner.address(), token, BigInteger.valueOf(amount));
  }

  public TxBuilder metadata(Bytes32 value) {
    this.metadata = value;
    return this;
  }

  public Transaction build() {
    return new Transaction(txType, inputs, outputs, metadata);
  }

  public SignedTransaction sign(Domain domain) {
    return TransactionSigner.sign(build(), domain, keys);
  }

  public SignedTransaction sign() {
    return sign(Fixtures.DOMAIN);
  }
}
