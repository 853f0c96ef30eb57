package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.advice.ExitAdvice;

/**
 * An owner's signed spend that a hostile operator included in a flawed record is evidence that
 * challenges any standard exit of the spent output: the watcher never advises that exit, which
 * would only cost its bond.
 */
class FlawedSpendExitAdviceTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;

  final TestChain chain = new TestChain();

  @Test
  void anOutputSpentInAFlawedRecordIsNotAdvisedForAStandardExit() {
    OutputPosition spent = chain.deposit(ALICE, 100);
    OutputPosition kept = chain.deposit(ALICE, 50);
    SignedTransaction toBob =
        TxBuilder.payment().input(spent, ALICE).output(BOB, Address.ETH, 90).sign();
    // the signed record with a domain field no decoder accepts: the txBytes and signature intact
    RlpReader parts = RlpReader.of(toBob.encode()).readList();
    byte[] txBytes = parts.readRaw();
    byte[] signatures = parts.readRaw();
    byte[] flawed = Rlp.encodeList(txBytes, signatures, Rlp.encodeList(Rlp.encodeUint(1)));
    long blk = chain.submit(TestChain.rootOf(txBytes), List.of(Bytes.wrap(flawed)));

    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();

      ExitAdvice advice = w.exitAdvice(ALICE.address());
      assertThat(advice.firstBadBlock()).isEqualTo(blk);
      assertThat(advice.standardExits())
          .extracting(ExitAdvice.StandardExit::position)
          .containsExactly(kept.encode());
    }
  }
}
