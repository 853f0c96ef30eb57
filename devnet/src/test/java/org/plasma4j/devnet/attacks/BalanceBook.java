package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.types.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * What each honest party's L1 ETH balance must be at the end of an attack: the balance when the
 * book was opened for it, plus the credits and minus the debits the test writes down from the
 * protocol's rules (deposits, exit amounts owed, bonds posted and refunded, bounties), minus the
 * gas of every transaction it sent, read from the receipts of the canonical chain. "Whole" means
 * the real balance equals that, to the wei.
 */
public final class BalanceBook {

  public record Entry(String reason, BigInteger delta) {}

  private record GasCharge(Address from, BigInteger wei) {}

  private final class Account {
    final String name;
    final BigInteger opening;
    final long openedAfterBlock;
    final List<Entry> entries = new ArrayList<>();

    Account(String name, BigInteger opening, long openedAfterBlock) {
      this.name = name;
      this.opening = opening;
      this.openedAfterBlock = openedAfterBlock;
    }
  }

  private final Web3j web3j;
  private final Map<Address, Account> accounts = new LinkedHashMap<>();

  public BalanceBook(Web3j web3j) {
    this.web3j = web3j;
  }

  /**
   * Starts tracking {@code who}: its balance now, and the gas of every transaction it sends from
   * now.
   */
  public void open(String name, Address who) {
    long head = head();
    accounts.put(who, new Account(name, balance(who), head));
  }

  /** Writes down a change the protocol owes (positive) or takes (negative) from {@code who}. */
  public void expect(Address who, String reason, BigInteger delta) {
    account(who).entries.add(new Entry(reason, delta));
  }

  public void credit(Address who, String reason, BigInteger amount) {
    expect(who, reason, amount);
  }

  public void debit(Address who, String reason, BigInteger amount) {
    expect(who, reason, amount.negate());
  }

  /** The gas {@code who} paid since it was opened, from the receipts of its transactions. */
  public BigInteger gasPaid(Address who) {
    Account a = account(who);
    BigInteger total = BigInteger.ZERO;
    long head = head();
    for (long n = a.openedAfterBlock + 1; n <= head; n++) {
      for (GasCharge g : gasIn(n)) {
        if (g.from().equals(who)) {
          total = total.add(g.wei());
        }
      }
    }
    return total;
  }

  public BigInteger expected(Address who) {
    Account a = account(who);
    BigInteger sum = a.opening.subtract(gasPaid(who));
    for (Entry e : a.entries) {
      sum = sum.add(e.delta());
    }
    return sum;
  }

  /**
   * The net change the protocol made to {@code who}'s balance, gas excluded (what the entries add
   * up to).
   */
  public BigInteger netOfGas(Address who) {
    return balance(who).subtract(account(who).opening).add(gasPaid(who));
  }

  /** Asserts that {@code who}'s L1 balance is exactly what the book says. */
  public void assertWhole(Address who) {
    Account a = account(who);
    assertThat(balance(who))
        .as(
            "%s's L1 balance: opening %s, gas −%s, entries %s",
            a.name, a.opening, gasPaid(who), a.entries)
        .isEqualTo(expected(who));
  }

  /** Asserts every tracked party is whole. */
  public void assertAllWhole() {
    accounts.keySet().forEach(this::assertWhole);
  }

  public BigInteger balance(Address who) {
    try {
      return web3j
          .ethGetBalance(who.toHex(), DefaultBlockParameterName.LATEST)
          .send()
          .getBalance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Account account(Address who) {
    Account a = accounts.get(who);
    if (a == null) {
      throw new IllegalArgumentException(who + " has no account in the book");
    }
    return a;
  }

  private long head() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Not cached: a reorg (attack h) may replace blocks the book has already read. */
  private List<GasCharge> gasIn(long number) {
    try {
      EthBlock.Block block = web3j
          .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), true)
          .send()
          .getBlock();
      List<GasCharge> out = new ArrayList<>();
      for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
        EthBlock.TransactionObject tx = (EthBlock.TransactionObject) r.get();
        TransactionReceipt receipt = web3j
            .ethGetTransactionReceipt(tx.getHash())
            .send()
            .getTransactionReceipt()
            .orElseThrow();
        BigInteger price = Numeric.decodeQuantity(receipt.getEffectiveGasPrice());
        out.add(
            new GasCharge(Address.fromHex(tx.getFrom()), receipt.getGasUsed().multiply(price)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
