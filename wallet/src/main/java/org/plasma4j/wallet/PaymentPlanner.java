package org.plasma4j.wallet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.wallet.WalletException.InsufficientFunds;
import org.plasma4j.wallet.WalletException.InvalidInput;

/**
 * Chooses inputs and builds the unsigned payment transaction for a transfer (docs/protocol.md 2.1).
 * The operator accepts a transaction only if its surplus is exactly the scheduled fee in one token,
 * so the planner pays the fee in the sent token when the schedule accepts it, and otherwise adds
 * one input of a fee token (ETH first), returning the rest of each token to the sender as change.
 */
public final class PaymentPlanner {

  private static final Comparator<Utxo> SMALLEST_FIRST =
      Comparator.comparing(Utxo::amount).thenComparingLong(Utxo::position);

  private PaymentPlanner() {}

  /** The transaction to sign, its inputs in input order, and the fee it pays. */
  public record Plan(Transaction tx, List<Utxo> inputs, Address feeToken, BigInteger fee) {}

  /**
   * Plans a payment of {@code amount} of {@code token} from {@code owner} to {@code to}.
   *
   * @param utxos the owner's unspent outputs (others are ignored)
   * @param feeSchedule the fee per transaction by token, from plasma_getFeeSchedule
   */
  public static Plan plan(
      Address owner,
      List<Utxo> utxos,
      Address to,
      Address token,
      BigInteger amount,
      Map<Address, BigInteger> feeSchedule) {
    if (amount.signum() <= 0) {
      throw new InvalidInput("amount must be positive, got " + amount);
    }
    if (to.isZero()) {
      throw new InvalidInput("cannot pay the zero address");
    }
    if (feeSchedule.isEmpty()) {
      throw new InvalidInput("the operator's fee schedule accepts no token");
    }
    List<Utxo> mine = utxos.stream().filter(u -> u.owner().equals(owner)).toList();
    BigInteger sameTokenFee = feeSchedule.get(token);
    if (sameTokenFee != null) {
      List<Utxo> inputs =
          select(ofToken(mine, token), token, amount.add(sameTokenFee), Transaction.MAX_INPUTS, "");
      List<Output> outputs = new ArrayList<>();
      outputs.add(new Output(to, token, amount));
      addChange(outputs, owner, token, sum(inputs).subtract(amount).subtract(sameTokenFee));
      return new Plan(payment(inputs, outputs), inputs, token, sameTokenFee);
    }
    List<Utxo> inputs = select(ofToken(mine, token), token, amount, Transaction.MAX_INPUTS - 1, "");
    Map.Entry<Address, Utxo> feeInput = feeInput(mine, feeSchedule);
    Address feeToken = feeInput.getKey();
    BigInteger fee = feeSchedule.get(feeToken);
    List<Utxo> all = new ArrayList<>(inputs);
    all.add(feeInput.getValue());
    List<Output> outputs = new ArrayList<>();
    outputs.add(new Output(to, token, amount));
    addChange(outputs, owner, token, sum(inputs).subtract(amount));
    addChange(outputs, owner, feeToken, feeInput.getValue().amount().subtract(fee));
    return new Plan(payment(all, outputs), List.copyOf(all), feeToken, fee);
  }

  /**
   * The smallest single output that covers {@code target}; failing that, the largest outputs until
   * they cover it. Largest-first needs the fewest inputs, so if it needs more than
   * {@code maxInputs} no selection within the limit exists.
   */
  static List<Utxo> select(
      List<Utxo> candidates, Address token, BigInteger target, int maxInputs, String what) {
    List<Utxo> ascending = candidates.stream().sorted(SMALLEST_FIRST).toList();
    Optional<Utxo> single =
        ascending.stream().filter(u -> u.amount().compareTo(target) >= 0).findFirst();
    if (single.isPresent()) {
      return List.of(single.get());
    }
    BigInteger total = sum(candidates);
    if (total.compareTo(target) < 0) {
      throw new InsufficientFunds(token, target, total, what);
    }
    List<Utxo> chosen = new ArrayList<>();
    BigInteger covered = BigInteger.ZERO;
    for (int i = ascending.size() - 1; covered.compareTo(target) < 0; i--) {
      chosen.add(ascending.get(i));
      covered = covered.add(ascending.get(i).amount());
    }
    if (chosen.size() > maxInputs) {
      BigInteger best = sum(ascending.subList(ascending.size() - maxInputs, ascending.size()));
      throw new InsufficientFunds(
          token,
          target,
          best,
          "spread over too many outputs: the largest "
              + maxInputs
              + " fall short; merge outputs by sending to yourself first");
    }
    return List.copyOf(chosen);
  }

  /** One input that pays the fee in a token of the schedule, trying ETH first. */
  private static Map.Entry<Address, Utxo> feeInput(
      List<Utxo> mine, Map<Address, BigInteger> feeSchedule) {
    List<Address> feeTokens = feeSchedule.keySet().stream()
        .sorted(Comparator.comparing((Address a) -> !a.isZero()).thenComparing(a -> a))
        .toList();
    InsufficientFunds firstFailure = null;
    for (Address feeToken : feeTokens) {
      try {
        List<Utxo> one = select(
            ofToken(mine, feeToken), feeToken, feeSchedule.get(feeToken), 1, "to pay the fee");
        return Map.entry(feeToken, one.get(0));
      } catch (InsufficientFunds e) {
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    throw firstFailure;
  }

  private static Transaction payment(List<Utxo> inputs, List<Output> outputs) {
    return Transaction.payment(inputs.stream().map(Utxo::outputPosition).toList(), outputs);
  }

  private static void addChange(List<Output> outputs, Address owner, Address token, BigInteger c) {
    if (c.signum() > 0) {
      outputs.add(new Output(owner, token, c));
    }
  }

  private static List<Utxo> ofToken(List<Utxo> utxos, Address token) {
    return utxos.stream().filter(u -> u.token().equals(token)).toList();
  }

  static BigInteger sum(List<Utxo> utxos) {
    return utxos.stream().map(Utxo::amount).reduce(BigInteger.ZERO, BigInteger::add);
  }
}
