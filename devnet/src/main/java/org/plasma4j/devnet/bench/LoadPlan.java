package org.plasma4j.devnet.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.tx.Transaction;

/**
 * How the benchmark's load is prepared: starting from {@code deposits} deposit outputs, each round
 * splits some unspent outputs into {@link Transaction#MAX_OUTPUTS} (each split adds 3 outputs)
 * until there are at least {@code targetOutputs}. A partial last round splits only as many as
 * needed.
 *
 * @param splitsPerRound how many outputs each round spends, one fan-out transaction each
 */
public record LoadPlan(int deposits, int targetOutputs, List<Integer> splitsPerRound) {

  public static final int WAYS = Transaction.MAX_OUTPUTS;

  public LoadPlan {
    splitsPerRound = List.copyOf(splitsPerRound);
  }

  public static LoadPlan of(int deposits, int targetOutputs) {
    if (deposits < 1 || targetOutputs < 1) {
      throw new IllegalArgumentException("deposits and targetOutputs must be positive");
    }
    List<Integer> rounds = new ArrayList<>();
    long outputs = deposits;
    while (outputs < targetOutputs) {
      long missing = targetOutputs - outputs;
      long splits = Math.min(outputs, ceilDiv(missing, WAYS - 1));
      rounds.add((int) splits);
      outputs += splits * (WAYS - 1);
    }
    return new LoadPlan(deposits, targetOutputs, rounds);
  }

  /** Unspent outputs once every round is done. */
  public long outputs() {
    return deposits + (long) fanOutTransactions() * (WAYS - 1);
  }

  public int fanOutTransactions() {
    return splitsPerRound.stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The amount each deposit needs so that every final output is worth at least
   * {@code minLeafAmount} after paying {@code fee} for every split above it. Splits are even, so a
   * deposit's subtree is a 4-ary tree of depth at most rounds().
   */
  public BigInteger depositAmount(BigInteger minLeafAmount, BigInteger fee) {
    BigInteger need = minLeafAmount;
    for (int r = 0; r < splitsPerRound.size(); r++) {
      need = need.multiply(BigInteger.valueOf(WAYS)).add(fee).add(BigInteger.valueOf(WAYS));
    }
    return need;
  }

  /**
   * Splits {@code input} into {@code ways} outputs paying {@code fee}: equal shares, the remainder
   * to the first, so the outputs plus the fee are exactly the input.
   */
  public static BigInteger[] split(BigInteger input, int ways, BigInteger fee) {
    BigInteger spendable = input.subtract(fee);
    BigInteger[] qr = spendable.divideAndRemainder(BigInteger.valueOf(ways));
    if (qr[0].signum() <= 0) {
      throw new IllegalArgumentException(
          input + " cannot pay " + fee + " and fund " + ways + " outputs");
    }
    BigInteger[] out = new BigInteger[ways];
    java.util.Arrays.fill(out, qr[0]);
    out[0] = qr[0].add(qr[1]);
    return out;
  }

  /** [from, to) ranges of at most {@code size} items covering {@code 0..n}. */
  public static List<int[]> batches(int n, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    List<int[]> out = new ArrayList<>();
    for (int from = 0; from < n; from += size) {
      out.add(new int[] {from, Math.min(n, from + size)});
    }
    return out;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
