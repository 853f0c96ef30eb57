package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/** Keys, the domain and transaction builders shared by the operator's unit tests. */
public final class TestChain {

  public static final PrivateKey ALICE = PrivateKey.fromHex("0x" + "11".repeat(32));
  public static final PrivateKey BOB = PrivateKey.fromHex("0x" + "22".repeat(32));
  public static final PrivateKey OPERATOR = PrivateKey.fromHex("0x" + "33".repeat(32));
  public static final Address FEE_BENEFICIARY = Address.fromHex("0x" + "fe".repeat(20));
  public static final Address ETH = Address.ZERO;
  public static final Address TOKEN = Address.fromHex("0x" + "70".repeat(20));
  public static final BigInteger FEE = BigInteger.valueOf(10);
  public static final FeeSchedule FEES = FeeSchedule.of(ETH, FEE);
  public static final long CHAIN_ID = 31337;
  public static final Address FRAMEWORK = Address.fromHex("0x" + "fa".repeat(20));
  public static final Domain DOMAIN = new Domain(CHAIN_ID, FRAMEWORK);
  /** The framework's exit period: one week. */
  public static final long MIN_EXIT_PERIOD = 7 * 24 * 3600;

  private TestChain() {}

  /**
   * The in-memory root chain of the operator's tests: this framework, operated by
   * {@link #OPERATOR}, whose account has sent {@code startNonce} transactions.
   */
  public static InMemoryRootChain rootChain(long startNonce) {
    return new InMemoryRootChain(
        new RootChain.ChainInfo(CHAIN_ID, FRAMEWORK, OPERATOR.address(), MIN_EXIT_PERIOD),
        100,
        1_700_000_000,
        startNonce);
  }

  /**
   * Spends one ETH input of {@code amount} owned by {@code from}: {@code send} to {@code to},
   * change back, fee paid.
   */
  public static SignedTransaction pay(
      PrivateKey from, OutputPosition input, long amount, Address to, long send) {
    long change = amount - send - FEE.longValueExact();
    List<Output> outs = change > 0
        ? List.of(Output.of(to, ETH, send), Output.of(from.address(), ETH, change))
        : List.of(Output.of(to, ETH, send));
    return TransactionSigner.sign(Transaction.payment(List.of(input), outs), DOMAIN, from);
  }

  public static SignedTransaction sign(Transaction tx, PrivateKey... keys) {
    return TransactionSigner.sign(tx, DOMAIN, keys);
  }
}
