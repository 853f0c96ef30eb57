package org.plasma4j.core.exit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The arguments of startInFlightExit: the unsigned in-flight transaction, for each input the
 * transaction that created it with its proof and block timestamp, and the input owners' signatures.
 * Built from what a wallet keeps of a transaction it sent, so the exit needs nothing more from the
 * operator.
 */
public record InFlightExitData(SignedTransaction inFlightTx, List<StandardExitData> inputs) {
  public InFlightExitData {
    inputs = List.copyOf(inputs);
    List<OutputPosition> spent = inFlightTx.tx().inputs();
    if (!inFlightTx.tx().isPayment() || spent.isEmpty()) {
      throw new IllegalArgumentException("only a payment with inputs can exit in flight");
    }
    if (inputs.size() != spent.size() || inFlightTx.signatures().size() != spent.size()) {
      throw new IllegalArgumentException("one input transaction and one signature per input: "
          + spent.size() + " inputs, " + inputs.size() + " input transactions, "
          + inFlightTx.signatures().size() + " signatures");
    }
    for (int i = 0; i < spent.size(); i++) {
      if (!inputs.get(i).position().equals(spent.get(i))) {
        throw new IllegalArgumentException("input " + i + " is " + spent.get(i)
            + ", its data is for " + inputs.get(i).position());
      }
      outputOf(inputs.get(i));
    }
  }

  /**
   * Orders {@code inputExits} (in any order, possibly with extras) as {@code tx} spends them.
   *
   * @throws IllegalArgumentException if the data for some input is missing
   */
  public static InFlightExitData of(SignedTransaction tx, List<StandardExitData> inputExits) {
    Map<OutputPosition, StandardExitData> byPosition = inputExits.stream()
        .collect(Collectors.toMap(StandardExitData::position, Function.identity(), (a, b) -> a));
    List<StandardExitData> ordered = new ArrayList<>();
    for (OutputPosition input : tx.tx().inputs()) {
      StandardExitData data = byPosition.get(input);
      if (data == null) {
        throw new IllegalArgumentException("no exit data for input " + input);
      }
      ordered.add(data);
    }
    return new InFlightExitData(tx, ordered);
  }

  public Bytes txBytes() {
    return Bytes.wrap(inFlightTx.txBytes());
  }

  public Bytes32 txHash() {
    return inFlightTx.txHash();
  }

  public BigInteger ifeId() {
    return InFlightExitId.of(inFlightTx.txBytes());
  }

  public Transaction tx() {
    return inFlightTx.tx();
  }

  public List<Bytes> inputTxs() {
    return inputs.stream().map(StandardExitData::txBytes).toList();
  }

  public List<Long> inputPositions() {
    return inputs.stream().map(d -> d.position().encode()).toList();
  }

  public List<Bytes> inputProofs() {
    return inputs.stream().map(StandardExitData::proof).toList();
  }

  public List<Long> inputTimestamps() {
    return inputs.stream().map(StandardExitData::blockTimestamp).toList();
  }

  public List<Bytes> signatures() {
    return inFlightTx.signatures().stream().map(Signature::bytes).toList();
  }

  /** The output that input {@code i} spends, read from its creating transaction. */
  public Output input(int i) {
    return outputOf(inputs.get(i));
  }

  /** The exit's queue priority: the youngest (largest) input position. */
  public StandardExitData youngestInput() {
    return inputs.stream().max(Comparator.comparing(StandardExitData::position)).orElseThrow();
  }

  /**
   * When the exit may be processed if started at {@code now}: the latest of its inputs' exitable
   * times (at least one MEP from now). The youngest input alone does not decide: a deposit younger
   * than an output of an invalid block would lend the exit its one-MEP rule.
   */
  public long exitableAt(long now, long mep) {
    return inputs.stream()
        .mapToLong(d -> ExitRules.exitableAt(d.position(), d.blockTimestamp(), now, mep))
        .max()
        .orElseThrow();
  }

  private static Output outputOf(StandardExitData input) {
    TxResult<Transaction> decoded =
        TransactionDecoder.decodeTransaction(input.txBytes().toArray());
    if (!decoded.isOk()) {
      throw new IllegalArgumentException(
          "input transaction for " + input.position() + " does not decode");
    }
    List<Output> outputs = decoded.value().outputs();
    int index = input.position().outputIndex();
    if (index >= outputs.size()) {
      throw new IllegalArgumentException(
          "input transaction for " + input.position() + " has no output " + index);
    }
    return outputs.get(index);
  }
}
