package org.plasma4j.core.state;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * The state transition's validity check: may this signed payment be applied to the ledger seen
 * through a {@link UtxoView}? Pure; the signers come from {@link SignatureCheck} so recovery can
 * run in parallel. Checks run from cheapest to dearest, and the first broken rule is reported.
 */
public final class TransactionValidator {
  private TransactionValidator() {}

  public static ValidationResult validate(
      SignedTransaction stx,
      List<Address> signers,
      UtxoView utxos,
      FeeSchedule fees,
      Domain expectedDomain) {
    Transaction tx = stx.tx();
    List<OutputPosition> inputs = tx.inputs();
    if (!tx.isPayment() || inputs.isEmpty()) {
      return ValidationResult.rejected(
          TxRejection.NOT_A_PAYMENT,
          "type " + tx.txType() + " with " + inputs.size()
              + " inputs; only payments with inputs may be submitted");
    }
    ValidationResult domain = checkDomain(stx, expectedDomain);
    if (domain != null) {
      return domain;
    }
    if (inputs.size() > Transaction.MAX_INPUTS) {
      return ValidationResult.rejected(TxRejection.TOO_MANY_INPUTS, inputs.size() + " inputs");
    }
    if (stx.signatures().size() != inputs.size() || signers.size() != inputs.size()) {
      return ValidationResult.rejected(
          TxRejection.WRONG_SIGNATURE_COUNT,
          stx.signatures().size() + " signatures for " + inputs.size() + " inputs");
    }
    if (new HashSet<>(inputs).size() != inputs.size()) {
      return ValidationResult.rejected(
          TxRejection.DUPLICATE_INPUTS, "an input position appears twice");
    }
    Map<Address, BigInteger> in = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      OutputPosition position = inputs.get(i);
      UtxoLookup found = utxos.lookup(position);
      switch (found.status()) {
        case UNKNOWN -> {
          return ValidationResult.rejected(
              TxRejection.UNKNOWN_INPUT, "input " + i + ": no output at " + position);
        }
        case SPENT -> {
          return ValidationResult.rejected(
              TxRejection.SPENT_INPUT, "input " + i + ": " + position + " is spent");
        }
        case EXITING -> {
          return ValidationResult.rejected(
              TxRejection.EXITING_INPUT, "input " + i + ": " + position + " is exiting");
        }
        case UNSPENT -> {}
      }
      Output spent = found.output();
      if (!spent.owner().equals(signers.get(i))) {
        return ValidationResult.rejected(
            TxRejection.UNAUTHORIZED_SPEND,
            "input " + i + " is owned by " + spent.owner() + " but signed by " + signers.get(i));
      }
      in.merge(spent.token(), spent.amount(), BigInteger::add);
    }
    return checkAmounts(in, tx.outputs(), fees);
  }

  private static ValidationResult checkDomain(SignedTransaction stx, Domain expectedDomain) {
    if (stx.domain().chainId() != expectedDomain.chainId()) {
      return ValidationResult.rejected(
          TxRejection.WRONG_CHAIN_ID,
          "signed for chain " + stx.domain().chainId() + ", this chain is "
              + expectedDomain.chainId());
    }
    if (!stx.domain().verifyingContract().equals(expectedDomain.verifyingContract())) {
      return ValidationResult.rejected(
          TxRejection.WRONG_VERIFYING_CONTRACT,
          "signed for contract " + stx.domain().verifyingContract() + ", the framework is "
              + expectedDomain.verifyingContract());
    }
    return null;
  }

  /**
   * The checks a transaction sent again after it was accepted must still pass: it is signed under
   * this chain's domain, and each input by that input's owner, whatever the input's state now (it
   * is spent, by this very transaction). Only then may the operator answer "already accepted": the
   * same unsigned body with a forged signature or another chain's domain is not the accepted
   * transaction.
   */
  public static ValidationResult authorizeResend(
      SignedTransaction stx, List<Address> signers, UtxoView utxos, Domain expectedDomain) {
    ValidationResult domain = checkDomain(stx, expectedDomain);
    if (domain != null) {
      return domain;
    }
    List<OutputPosition> inputs = stx.tx().inputs();
    if (stx.signatures().size() != inputs.size() || signers.size() != inputs.size()) {
      return ValidationResult.rejected(
          TxRejection.WRONG_SIGNATURE_COUNT,
          stx.signatures().size() + " signatures for " + inputs.size() + " inputs");
    }
    for (int i = 0; i < inputs.size(); i++) {
      UtxoLookup found = utxos.lookup(inputs.get(i));
      if (found.status() == UtxoStatus.UNKNOWN) {
        return ValidationResult.rejected(
            TxRejection.UNKNOWN_INPUT, "input " + i + ": no output at " + inputs.get(i));
      }
      if (!found.output().owner().equals(signers.get(i))) {
        return ValidationResult.rejected(
            TxRejection.UNAUTHORIZED_SPEND,
            "input " + i + " is owned by " + found.output().owner() + " but signed by "
                + signers.get(i));
      }
    }
    return ValidationResult.ok(null, BigInteger.ZERO);
  }

  /**
   * Every token balances exactly except one, whose surplus is exactly the fee for that token.
   * Rejecting overpayment as well as underpayment means a typo can never silently burn a user's
   * money.
   */
  static ValidationResult checkAmounts(
      Map<Address, BigInteger> in, List<Output> outputs, FeeSchedule fees) {
    Map<Address, BigInteger> out = new HashMap<>();
    for (Output o : outputs) {
      if (o.amount().signum() == 0) {
        return ValidationResult.rejected(TxRejection.ZERO_AMOUNT, "an output has amount zero");
      }
      out.merge(o.token(), o.amount(), BigInteger::add);
    }
    for (Map.Entry<Address, BigInteger> e : out.entrySet()) {
      BigInteger available = in.getOrDefault(e.getKey(), BigInteger.ZERO);
      if (e.getValue().compareTo(available) > 0) {
        return ValidationResult.rejected(
            TxRejection.AMOUNTS_DO_NOT_BALANCE,
            "outputs of token " + e.getKey() + " total " + e.getValue() + " but inputs provide "
                + available);
      }
    }
    Set<Address> surplusTokens = new HashSet<>();
    Address feeToken = null;
    BigInteger surplus = BigInteger.ZERO;
    for (Map.Entry<Address, BigInteger> e : in.entrySet()) {
      BigInteger s = e.getValue().subtract(out.getOrDefault(e.getKey(), BigInteger.ZERO));
      if (s.signum() > 0) {
        surplusTokens.add(e.getKey());
        feeToken = e.getKey();
        surplus = s;
      }
    }
    if (surplusTokens.size() > 1) {
      return ValidationResult.rejected(
          TxRejection.UNSUPPORTED_FEE_TOKEN,
          "surplus in " + surplusTokens.size() + " tokens; the fee is paid in exactly one");
    }
    if (feeToken == null) {
      return ValidationResult.rejected(
          TxRejection.FEE_NOT_COVERED, "inputs equal outputs: no fee is paid");
    }
    BigInteger fee = fees.feeFor(feeToken);
    if (fee == null) {
      return ValidationResult.rejected(
          TxRejection.UNSUPPORTED_FEE_TOKEN, "token " + feeToken + " is not accepted for fees");
    }
    int cmp = surplus.compareTo(fee);
    if (cmp < 0) {
      return ValidationResult.rejected(
          TxRejection.FEE_NOT_COVERED, "fee paid " + surplus + ", required " + fee);
    }
    if (cmp > 0) {
      return ValidationResult.rejected(
          TxRejection.FEE_OVERPAID, "fee paid " + surplus + ", required " + fee);
    }
    return ValidationResult.ok(feeToken, fee);
  }
}
