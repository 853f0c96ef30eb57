package org.plasma4j.watcher.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.state.UtxoStatus;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/** A block is applied to the ledger whole or not at all. */
class ChildLedgerTest {

  private static final OutputPosition DEPOSIT = OutputPosition.of(1, 0, 0);

  private final ChildLedger ledger = new ChildLedger(Fixtures.DOMAIN);

  /** The ledger with a deposit of 100 wei for ACCOUNT_2 at {@link #DEPOSIT}. */
  ChildLedgerTest() {
    ledger.applyDeposit(
        1, DevKeys.ACCOUNT_2.address(), Address.ETH, BigInteger.valueOf(100), 1_000);
  }

  private static SignedTransaction spendOfTheDeposit(KeyPair to) {
    return TxBuilder.payment()
        .input(DEPOSIT, DevKeys.ACCOUNT_2)
        .output(to, Address.ETH, 90)
        .sign();
  }

  @Test
  void aBlockWhoseJudgingFailsHalfWayChangesNothingAndIsJudgedWholeLater() {
    OutputPosition deposit = DEPOSIT;
    SignedTransaction spend = spendOfTheDeposit(DevKeys.ACCOUNT_3);
    List<byte[]> txBytes = List.of(spend.txBytes(), spend.txBytes());
    // the second entry breaks judging after the first was staged
    List<TxResult<SignedTransaction>> broken = Arrays.asList(TxResult.ok(spend), null);
    DecodedBlock half = new DecodedBlock(1000, txBytes, broken, MerkleTree.build(txBytes));

    assertThatThrownBy(() -> ledger.apply(half, 2_000, 5, Optional.empty()))
        .isInstanceOf(NullPointerException.class);
    assertThat(ledger.lookup(deposit).status()).isEqualTo(UtxoStatus.UNSPENT);
    assertThat(ledger.output(OutputPosition.of(1000, 0, 0))).isEmpty();
    assertThat(ledger.keyOf(OutputPosition.of(1000, 0, 0))).isNull();
    assertThat(ledger.isSpent(deposit)).isFalse();
    assertThat(ledger.spendsOf(deposit)).isEmpty();
    assertThat(ledger.location(spend.txHash())).isEmpty();
    assertThat(ledger.body(1000)).isEmpty();

    List<byte[]> one = new ArrayList<>(List.of(spend.txBytes()));
    DecodedBlock whole =
        new DecodedBlock(1000, one, List.of(TxResult.ok(spend)), MerkleTree.build(one));
    assertThat(ledger.apply(whole, 2_000, 5, Optional.empty()).verdict().isValid())
        .isTrue();
    assertThat(ledger.lookup(deposit).status()).isEqualTo(UtxoStatus.SPENT);
    assertThat(ledger.output(OutputPosition.of(1000, 0, 0))).isPresent();
    assertThat(ledger.spendsOf(deposit)).hasSize(1);
  }

  @Test
  void aFailedBlockTakesBackOnlyItsOwnSpendsOfAnOutputSpentBefore() {
    OutputPosition deposit = DEPOSIT;
    SignedTransaction spend = spendOfTheDeposit(DevKeys.ACCOUNT_3);
    List<byte[]> one = List.of(spend.txBytes());
    ledger.apply(
        new DecodedBlock(1000, one, List.of(TxResult.ok(spend)), MerkleTree.build(one)),
        2_000,
        5,
        Optional.empty());
    // a double spend the owner signed is kept as evidence, then the block's judging breaks
    SignedTransaction again = spendOfTheDeposit(DevKeys.ACCOUNT_4);
    List<byte[]> txBytes = List.of(again.txBytes(), again.txBytes());
    DecodedBlock half = new DecodedBlock(
        2000, txBytes, Arrays.asList(TxResult.ok(again), null), MerkleTree.build(txBytes));

    assertThatThrownBy(() -> ledger.apply(half, 3_000, 6, Optional.empty()))
        .isInstanceOf(NullPointerException.class);

    assertThat(ledger.spendsOf(deposit)).singleElement().satisfies(s -> {
      assertThat(s.blkNum()).isEqualTo(1000);
      assertThat(s.tx().txHash()).isEqualTo(spend.txHash());
    });
    assertThat(ledger.location(again.txHash())).isEmpty();
    assertThat(ledger.isSpent(deposit)).isTrue();
    assertThat(ledger.output(OutputPosition.of(1000, 0, 0))).isPresent();
    assertThat(ledger.body(2000)).isEmpty();
  }
}
