package org.plasma4j.core.exit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.OutputPosition;

/** Finds the transactions that spend what an in-flight exit's piggybacks claim. */
public final class PiggybackSpendFinder {
  private PiggybackSpendFinder() {}

  /**
   * A transaction other than the in-flight one spending its input {@code inputIndex}, oldest first.
   */
  public static Optional<PiggybackSpend> inputSpent(
      Transaction inFlightTx, int inputIndex, Collection<KnownTransaction> known) {
    byte[] own = inFlightTx.encode();
    OutputPosition input = inFlightTx.inputs().get(inputIndex);
    return spenders(input, known).stream()
        .filter(k -> !Arrays.equals(k.tx().txBytes(), own))
        .findFirst()
        .map(k -> new PiggybackSpend(
            false, inputIndex, k.tx(), k.tx().tx().inputs().indexOf(input), Optional.empty()));
  }

  /**
   * A transaction spending output {@code outputIndex} of the in-flight transaction included at
   * {@code at}.
   */
  public static Optional<PiggybackSpend> outputSpent(
      Transaction inFlightTx, int outputIndex, Inclusion at, Collection<KnownTransaction> known) {
    if (outputIndex >= inFlightTx.outputs().size()) {
      throw new IllegalArgumentException("the transaction has no output " + outputIndex);
    }
    OutputPosition output = at.outputPosition(outputIndex);
    return spenders(output, known).stream()
        .findFirst()
        .map(k -> new PiggybackSpend(
            true, outputIndex, k.tx(), k.tx().tx().inputs().indexOf(output), Optional.of(at)));
  }

  /**
   * Every challengeable piggyback of an exit in {@code state}: spent piggybacked inputs, and spent
   * piggybacked outputs when the transaction's inclusion is known.
   */
  public static List<PiggybackSpend> all(
      Transaction inFlightTx,
      Optional<Inclusion> inFlightInclusion,
      InFlightExitState state,
      Collection<KnownTransaction> known) {
    List<PiggybackSpend> out = new ArrayList<>();
    for (int i = 0; i < inFlightTx.inputs().size(); i++) {
      if (state.isInputPiggybacked(i)) {
        inputSpent(inFlightTx, i, known).ifPresent(out::add);
      }
    }
    for (int o = 0; o < inFlightTx.outputs().size() && inFlightInclusion.isPresent(); o++) {
      if (state.isOutputPiggybacked(o)) {
        outputSpent(inFlightTx, o, inFlightInclusion.get(), known).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Known transactions spending {@code position} with that input's signature, oldest first. */
  private static List<KnownTransaction> spenders(
      OutputPosition position, Collection<KnownTransaction> known) {
    return known.stream()
        .filter(k -> {
          int j = k.tx().tx().inputs().indexOf(position);
          return j >= 0 && j < k.tx().signatures().size();
        })
        .sorted(Comparator.comparingLong(KnownTransaction::priority))
        .toList();
  }
}
