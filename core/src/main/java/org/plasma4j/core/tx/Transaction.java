package org.plasma4j.core.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * An unsigned transaction: RLP([txType, inputs, outputs, metadata]). Its canonical encoding is the
 * Merkle leaf preimage and its keccak256 is the transaction hash.
 */
public record Transaction(
    int txType, List<OutputPosition> inputs, List<Output> outputs, Bytes32 metadata) {
  public static final int TYPE_PAYMENT = 1;
  public static final int TYPE_FEE = 2;
  public static final int MAX_INPUTS = 4;
  public static final int MAX_OUTPUTS = 4;

  public Transaction {
    if (txType < 0) {
      throw new IllegalArgumentException("txType must be a uint");
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(metadata, "metadata");
  }

  public static Transaction payment(
      List<OutputPosition> inputs, List<Output> outputs, Bytes32 metadata) {
    return new Transaction(TYPE_PAYMENT, inputs, outputs, metadata);
  }

  public static Transaction payment(List<OutputPosition> inputs, List<Output> outputs) {
    return payment(inputs, outputs, Bytes32.ZERO);
  }

  public boolean isPayment() {
    return txType == TYPE_PAYMENT;
  }

  public boolean isFee() {
    return txType == TYPE_FEE;
  }

  /** The canonical encoding, txBytes. */
  public byte[] encode() {
    List<byte[]> ins = new ArrayList<>(inputs.size());
    for (OutputPosition p : inputs) {
      ins.add(Rlp.encodeUint(p.encode()));
    }
    List<byte[]> outs = new ArrayList<>(outputs.size());
    for (Output o : outputs) {
      outs.add(o.encode());
    }
    return Rlp.encodeList(List.of(
        Rlp.encodeUint(txType),
        Rlp.encodeList(ins),
        Rlp.encodeList(outs),
        Rlp.encodeBytes(metadata.value())));
  }

  /** keccak256(txBytes). */
  public Bytes32 hash() {
    return new Bytes32(Keccak256.hash(encode()));
  }
}
