package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.FeeTransaction;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * Fees are judged by signed and committed data alone: the fee transaction mints what the block's
 * transactions left unspent, and the operator's advertised schedule, whatever it holds, only ever
 * yields fee_policy warnings. Every case survives a restart.
 */
class FeeRulesTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;
  static final KeyPair CAROL = DevKeys.ACCOUNT_4;
  static final List<Address> TOKENS = List.of(
      Address.fromHex("0x00000000000000000000000000000000000000e1"),
      Address.fromHex("0x00000000000000000000000000000000000000e2"),
      Address.fromHex("0x00000000000000000000000000000000000000e3"),
      Address.fromHex("0x00000000000000000000000000000000000000e4"),
      Address.fromHex("0x00000000000000000000000000000000000000e5"));

  final TestChain chain = new TestChain();

  static SignedTransaction pay(
      OutputPosition in, KeyPair owner, KeyPair to, Address token, BigInteger amount) {
    return TxBuilder.payment()
        .input(in, owner)
        .output(to.address(), token, amount)
        .sign();
  }

  static SignedTransaction feeTx(long blkNum, KeyPair beneficiary, Map<Address, BigInteger> fees) {
    Transaction fee = FeeTransaction.build(blkNum, beneficiary.address(), fees).orElseThrow();
    return FeeTransaction.signedForm(fee, Fixtures.DOMAIN);
  }

  static List<String> types(WatcherNode w) {
    return w.byzantineEvents(0).stream().map(ByzantineEvent::type).toList();
  }

  /**
   * Closes {@code w}, starts a watcher on the same store and polls: same status, nothing reported
   * again.
   */
  void restartsTheSame(WatcherNode w) {
    WatcherStatus before = w.status();
    List<ByzantineEvent> events = w.byzantineEvents(0);
    w.close();
    try (WatcherNode again = chain.watcher()) {
      again.pollOnce();
      assertThat(again.status().lastValidatedBlock()).isEqualTo(before.lastValidatedBlock());
      assertThat(again.status().invalidBlocks()).isEqualTo(before.invalidBlocks());
      assertThat(again.byzantineEvents(0)).isEqualTo(events);
      assertThat(again.health()).allSatisfy(t -> assertThat(t.healthy()).isTrue());
    }
  }

  @Test
  void aFiveTokenScheduleAndFiveTokenFeeBlocksAreJudgedNeverThrown() {
    Map<Address, BigInteger> schedule = new HashMap<>();
    TOKENS.forEach(t -> schedule.put(t, BigInteger.TEN));
    chain.operator.fees = new FeeSchedule(schedule);
    List<SignedTransaction> burned = new ArrayList<>();
    List<SignedTransaction> minted = new ArrayList<>();
    for (Address t : TOKENS) {
      burned.add(pay(
          chain.deposit(ALICE, t, BigInteger.valueOf(100)), ALICE, BOB, t, BigInteger.valueOf(90)));
    }
    for (Address t : TOKENS) {
      minted.add(pay(
          chain.deposit(CAROL, t, BigInteger.valueOf(100)), CAROL, BOB, t, BigInteger.valueOf(90)));
    }
    // no fee transaction: the five tokens' fees are burned, which robs nobody
    long b1 = chain.submit(burned.toArray(SignedTransaction[]::new));
    // a fee transaction can hold four of them only: it cannot mint what the block left unspent
    List<Output> four = TOKENS.subList(0, 4).stream()
        .map(t -> new Output(CAROL.address(), t, BigInteger.TEN))
        .toList();
    minted.add(FeeTransaction.signedForm(
        new Transaction(Transaction.TYPE_FEE, List.of(), four, Bytes32.ofUint(2000)),
        Fixtures.DOMAIN));
    long b2 = chain.submit(minted.toArray(SignedTransaction[]::new));
    long b3 = chain.submit(
        pay(OutputPosition.of(b1, 0, 0), BOB, ALICE, TOKENS.get(0), BigInteger.valueOf(80)));
    WatcherNode w = chain.watcher();
    w.pollOnce();
    assertThat(w.status().lastValidatedBlock()).isEqualTo(b3);
    assertThat(w.status().invalidBlocks()).containsExactly(b2);
    assertThat(w.byzantineEvents(0))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("blkNum", Long.toString(b2))
            .containsEntry("error", "invalid_fee_tx")
            .containsEntry("txIndex", "5"));
    assertThat(w.health()).allSatisfy(t -> assertThat(t.healthy()).isTrue());
    restartsTheSame(w);
  }

  @Test
  void anHonestFeeChangeRaisesNoAlarm() {
    OutputPosition a = chain.deposit(ALICE, 100);
    OutputPosition c = chain.deposit(CAROL, 100);
    long b1 = chain.submit(
        pay(a, ALICE, BOB, Address.ETH, BigInteger.valueOf(90)),
        feeTx(1000, CAROL, Map.of(Address.ETH, BigInteger.TEN)));
    WatcherNode w = chain.watcher();
    w.pollOnce();
    // the operator restarts with a new fee file
    chain.operator.fees = FeeSchedule.of(Address.ETH, BigInteger.valueOf(20));
    long b2 = chain.submit(
        pay(c, CAROL, BOB, Address.ETH, BigInteger.valueOf(80)),
        feeTx(2000, CAROL, Map.of(Address.ETH, BigInteger.valueOf(20))));
    w.pollOnce();
    assertThat(w.status().lastValidBlock()).isEqualTo(b2);
    assertThat(w.byzantineEvents(0)).isEmpty();
    restartsTheSame(w);

    // a watcher that starts after the change judges the old block by the same rule: valid, at most
    // a warning
    try (WatcherNode late = chain.watcherOn(new InMemoryStore())) {
      late.pollOnce();
      assertThat(late.status().lastValidBlock()).isEqualTo(b2);
      assertThat(late.status().invalidBlocks()).isEmpty();
      assertThat(types(late)).containsExactly("fee_policy");
      assertThat(late.byzantineEvents(0).get(0).details())
          .containsEntry("blkNum", Long.toString(b1))
          .containsEntry("rejection", "FEE_NOT_COVERED");
    }
  }

  @Test
  void aHostileScheduleOnlyYieldsWarnings() {
    chain.operator.fees = FeeSchedule.of(TOKENS.get(0), BigInteger.valueOf(1_000_000));
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(
        pay(a, ALICE, BOB, Address.ETH, BigInteger.valueOf(90)),
        feeTx(1000, CAROL, Map.of(Address.ETH, BigInteger.TEN)));
    WatcherNode w = chain.watcher();
    w.pollOnce();
    assertThat(w.status().lastValidBlock()).isEqualTo(blk);
    assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("fee_policy");
      assertThat(e.details())
          .containsEntry("rejection", "UNSUPPORTED_FEE_TOKEN")
          .containsEntry("txIndex", "0");
    });
    restartsTheSame(w);
  }

  @Test
  void feesLeftUnspentBeyondWhatAnyOutputHoldsMakeTheFeeTransactionInvalidNotTheWatcherThrow() {
    BigInteger half = BigInteger.ONE.shiftLeft(255);
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      txs.add(
          pay(chain.deposit(ALICE, Address.ETH, half), ALICE, BOB, Address.ETH, BigInteger.ONE));
    }
    txs.add(feeTx(1000, CAROL, Map.of(Address.ETH, BigInteger.TEN)));
    long blk = chain.submit(txs.toArray(SignedTransaction[]::new));
    WatcherNode w = chain.watcher();
    w.pollOnce();
    assertThat(w.status().lastValidatedBlock()).isEqualTo(blk);
    assertThat(w.byzantineEvents(0))
        .filteredOn(e -> e.type().equals("invalid_block"))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("error", "invalid_fee_tx")
            .containsEntry("txIndex", "3"));
    restartsTheSame(w);
  }
}
