package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.challenge.ChallengeTask;

/**
 * A hostile operator includes Alice's payment to Bob in a record flawed only in its domain field,
 * and later a payment Alice also signed of the same output to Carol. The exit game proves the
 * first's txBytes included, older than the second: Bob's in-flight exit is canonical, and a
 * challenge naming the younger payment is answered with the flawed record's inclusion.
 */
class FlawedRecordCanonicityTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;
  static final KeyPair CAROL = DevKeys.ACCOUNT_4;

  final TestChain chain = new TestChain();
  final OutputPosition deposit = chain.deposit(ALICE, 100);
  final SignedTransaction toBob =
      TxBuilder.payment().input(deposit, ALICE).output(BOB, Address.ETH, 90).sign();
  final SignedTransaction toCarol =
      TxBuilder.payment().input(deposit, ALICE).output(CAROL, Address.ETH, 90).sign();

  /** The record with a domain field no decoder accepts, its txBytes and signature intact. */
  static Bytes flawedDomain(SignedTransaction stx) {
    RlpReader parts = RlpReader.of(stx.encode()).readList();
    byte[] txBytes = parts.readRaw();
    byte[] signatures = parts.readRaw();
    return Bytes.wrap(Rlp.encodeList(txBytes, signatures, Rlp.encodeList(Rlp.encodeUint(1))));
  }

  @Test
  void aChallengeNamingAPaymentYoungerThanTheFlawedRecordIsAnsweredWithIt() {
    long flawedAt = chain.submit(TestChain.rootOf(toBob.txBytes()), List.of(flawedDomain(toBob)));
    long carolAt = chain.submit(toCarol);
    long bobPosition = OutputPosition.of(flawedAt, 0, 0).encode();
    startBobsExitAndChallengeAt(carolAt, CAROL);

    try (WatcherNode w = chain.watcher(chain.config().watching(Set.of(BOB.address())))) {
      w.pollOnce();

      assertThat(w.byzantineEvents(0))
          .extracting(e -> e.type())
          .doesNotContain("non_canonical_ife", "unchallenged_ife")
          .contains("invalid_ife_challenge");
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(ChallengeTask.IfeCanonicityResponse.class, r -> {
            assertThat(r.inFlightTxPosition()).isEqualTo(bobPosition);
            assertThat(
                    MerkleTree.rootFromProof(MerkleTree.leafHash32(toBob.txBytes()), 0, r.proof()))
                .isEqualTo(TestChain.rootOf(toBob.txBytes()));
          });
      assertThat(w.exitAdvice(BOB.address()).inFlightExits()).singleElement().satisfies(p -> {
        assertThat(p.canonical()).isTrue();
        assertThat(p.outputs()).containsExactly(0);
      });
    }
  }

  /**
   * Bob's in-flight exit of the payment to him, then a challenge proving a competitor at blkNum.
   */
  void startBobsExitAndChallengeAt(long blkNum, KeyPair challenger) {
    BigInteger id = InFlightExitId.of(toBob.txBytes());
    chain.l1.append(new InFlightExitStarted(
        id,
        BOB.address(),
        toBob.txHash(),
        deposit.encode(),
        chain.l1.headTimestamp() + TestChain.MEP,
        Bytes.wrap(toBob.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new InFlightExitChallenged(
        id,
        challenger.address(),
        OutputPosition.of(blkNum, 0, 0).encode(),
        LogPlace.inBlock(chain.l1.mine())));
  }

  /**
   * Alice colludes: the operator includes the txBytes of her payment to Carol in a record signed by
   * Carol, not Alice, so the watcher knows no spend of Alice's output there; her payment to Bob is
   * included later, validly. Alice challenges Bob's in-flight exit with her own signature of the
   * payment to Carol: the game takes it as an argument and proves only the txBytes, so it holds the
   * exit non-canonical at the older position and reverts any response (ResponseNotOlder). The
   * watcher spends no commitment on one, raises no alarm over a challenge it cannot fault, and
   * tells Bob the exit is not canonical.
   */
  @Test
  void aChallengeProvedOlderThanEveryInclusionIsNotAnsweredAndTheExitIsNotCanonical() {
    SignedTransaction toCarolSignedByCarol =
        TxBuilder.payment().input(deposit, CAROL).output(CAROL, Address.ETH, 90).sign();
    assertThat(toCarolSignedByCarol.txBytes()).isEqualTo(toCarol.txBytes());
    long carolAt = chain.submit(toCarolSignedByCarol);
    chain.submit(toBob);
    startBobsExitAndChallengeAt(carolAt, ALICE);

    try (WatcherNode w = chain.watcher(chain.config().watching(Set.of(BOB.address())))) {
      w.pollOnce();

      assertThat(chain.challenger.sent).isEmpty();
      assertThat(w.byzantineEvents(0))
          .extracting(e -> e.type())
          .contains("invalid_block")
          .doesNotContain("invalid_ife_challenge", "non_canonical_ife");
      assertThat(w.exitAdvice(BOB.address()).inFlightExits()).singleElement().satisfies(p -> {
        assertThat(p.canonical()).isFalse();
        assertThat(p.outputs()).containsExactly(0);
      });
    }
  }
}
