package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.testing.BadSignatures;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
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

  /** Alice's outputs the watcher advises her to exit once block {@code blk} is judged. */
  private void advisedExactly(long blk, List<OutputPosition> advised) {
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();

      ExitAdvice advice = w.exitAdvice(ALICE.address());
      assertThat(advice.firstBadBlock()).isEqualTo(blk);
      assertThat(advice.standardExits())
          .extracting(ExitAdvice.StandardExit::position)
          .containsExactlyElementsOf(
              advised.stream().map(OutputPosition::encode).toList());
    }
  }

  /**
   * Alice pays one of two outputs to Bob and the operator serves the payment as {@code served}
   * makes its record: only the other output is advised.
   */
  private void onlyTheUnspentOutputIsAdvised(Function<SignedTransaction, Bytes> served) {
    OutputPosition spent = chain.deposit(ALICE, 100);
    OutputPosition kept = chain.deposit(ALICE, 50);
    SignedTransaction toBob =
        TxBuilder.payment().input(spent, ALICE).output(BOB, Address.ETH, 90).sign();
    long blk = chain.submit(TestChain.rootOf(toBob.txBytes()), List.of(served.apply(toBob)));
    advisedExactly(blk, List.of(kept));
  }

  @Test
  void anOutputSpentInAFlawedRecordIsNotAdvisedForAStandardExit() {
    // the signed record with a domain field no decoder accepts: the txBytes and signature intact
    onlyTheUnspentOutputIsAdvised(FlawedRecordCanonicityTest::flawedDomain);
  }

  /**
   * The operator serves Alice's payment to Bob in a record that decodes but carries her signature
   * with a high s: anyone brings it to the form challengeStandardExit accepts, so a standard exit
   * of the paid output would only cost her bond, and it is not advised.
   */
  @Test
  void anOutputWhoseSpendIsServedWithItsSignatureInAnotherFormIsNotAdvised() {
    onlyTheUnspentOutputIsAdvised(toBob -> Bytes.wrap(SignedTransaction.of(
            toBob.tx(), List.of(BadSignatures.malleate(toBob.signatures().get(0))), toBob.domain())
        .encode()));
  }

  /**
   * Spends of Alice's outputs the operator made up: signed by Bob, by Alice over other txBytes, by
   * Alice under another chain's domain (a record replayed whole from that chain, and a flawed one).
   * None is a challenge the exit game accepts, so every one of her outputs is still advised.
   */
  @Test
  void outputsWhoseOnlySpendsAreFabricatedAreStillAdvised() {
    List<OutputPosition> mine = List.of(
        chain.deposit(ALICE, 10),
        chain.deposit(ALICE, 20),
        chain.deposit(ALICE, 30),
        chain.deposit(ALICE, 40));
    Domain chain2 = new Domain(Fixtures.DOMAIN.chainId() + 1, Fixtures.DOMAIN.verifyingContract());
    List<Bytes> records = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < mine.size(); i++) {
      Transaction pay = TxBuilder.payment()
          .input(mine.get(i), ALICE)
          .output(BOB, Address.ETH, 5)
          .build();
      Transaction other = TxBuilder.payment()
          .input(mine.get(i), ALICE)
          .output(BOB, Address.ETH, 6)
          .build();
      byte[] byBob = BOB.sign(Eip712.digest(pay, Fixtures.DOMAIN)).value();
      byte[] overOther = ALICE.sign(Eip712.digest(other, Fixtures.DOMAIN)).value();
      byte[] underChain2 = ALICE.sign(Eip712.digest(pay, chain2)).value();
      byte[] forged = List.of(byBob, overOther, underChain2, underChain2).get(i);
      // records that decode (the third replayed whole from the other chain), the last flawed
      byte[] record = i < 3
          ? SignedTransaction.of(
                  pay, List.of(new Signature(forged)), i == 2 ? chain2 : Fixtures.DOMAIN)
              .encode()
          : Rlp.encodeList(
              pay.encode(),
              Rlp.encodeList(Rlp.encodeBytes(forged)),
              Rlp.encodeList(Rlp.encodeUint(1)));
      records.add(Bytes.wrap(record));
      leaves.add(pay.encode());
    }
    long blk = chain.submit(TestChain.rootOf(leaves.toArray(byte[][]::new)), records);
    advisedExactly(blk, mine);
  }
}
