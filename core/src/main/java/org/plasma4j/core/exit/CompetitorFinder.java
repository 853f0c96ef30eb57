package org.plasma4j.core.exit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.OutputPosition;

/** Finds the transactions that compete with an in-flight transaction for its inputs. */
public final class CompetitorFinder {
  private static final Comparator<Competitor> OLDEST_FIRST =
      Comparator.comparingLong(Competitor::priority).thenComparingInt(Competitor::inputIndex);

  private CompetitorFinder() {}

  /**
   * Every known competitor, oldest first (included by position, then those in flight). A
   * transaction sharing several inputs is listed once, for the first shared input. Only competitors
   * that carry the shared input's signature count: without it the contract cannot check the owner
   * signed it.
   */
  public static List<Competitor> all(Transaction inFlightTx, Collection<KnownTransaction> known) {
    byte[] inFlightBytes = inFlightTx.encode();
    List<Competitor> found = new ArrayList<>();
    for (KnownTransaction k : known) {
      SignedTransaction candidate = k.tx();
      if (Arrays.equals(candidate.txBytes(), inFlightBytes)) {
        continue;
      }
      sharedInput(inFlightTx, candidate)
          .map(shared -> new Competitor(candidate, shared[0], shared[1], k.inclusion()))
          .ifPresent(found::add);
    }
    found.sort(OLDEST_FIRST);
    return found;
  }

  /** The oldest known competitor, the one a challenge should show. */
  public static Optional<Competitor> oldest(
      Transaction inFlightTx, Collection<KnownTransaction> known) {
    return all(inFlightTx, known).stream().findFirst();
  }

  /**
   * {inFlightInputIndex, candidateInputIndex} of the first shared input that the candidate signed.
   */
  private static Optional<int[]> sharedInput(Transaction inFlightTx, SignedTransaction candidate) {
    List<OutputPosition> theirs = candidate.tx().inputs();
    for (int i = 0; i < inFlightTx.inputs().size(); i++) {
      int j = theirs.indexOf(inFlightTx.inputs().get(i));
      if (j >= 0 && j < candidate.signatures().size()) {
        return Optional.of(new int[] {i, j});
      }
    }
    return Optional.empty();
  }
}
