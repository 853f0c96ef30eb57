package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * A colluding input owner and a hostile operator: the operator includes the txBytes of Alice's
 * payment to Carol in a record signed by Carol, not Alice, so the watcher records no spend of
 * Alice's output there; later Alice's payment to Bob is included validly. Alice keeps her own
 * signature of the payment to Carol and challenges Bob's in-flight exit with it: the game takes the
 * signature as an argument and proves only the txBytes, so it holds Bob's exit non-canonical at the
 * older position. No response can beat it: the watcher must not spend a commitment and a reverting
 * reveal on one, nor call the challenge invalid, and must tell Bob the exit is not canonical.
 */
class ProvenCompetitorResponseTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;
  static final KeyPair CAROL = DevKeys.ACCOUNT_4;

  final TestChain chain = new TestChain();
  final OutputPosition deposit = chain.deposit(ALICE, 100);
  final SignedTransaction toBob =
      TxBuilder.payment().input(deposit, ALICE).output(BOB, Address.ETH, 90).sign();
  /** Alice's payment to Carol as the operator includes it: the same txBytes, Carol's signature. */
  final SignedTransaction toCarolSignedByCarol =
      TxBuilder.payment().input(deposit, CAROL).output(CAROL, Address.ETH, 90).sign();

  @Test
  void aChallengeTheGameProvedOlderThanEveryInclusionIsNotAnsweredAndTheExitIsNotCanonical() {
    long carolAt = chain.submit(toCarolSignedByCarol);
    long bobAt = chain.submit(toBob);
    BigInteger id = InFlightExitId.of(toBob.txBytes());
    chain.l1.append(new InFlightExitStarted(
        id,
        BOB.address(),
        toBob.txHash(),
        deposit.encode(),
        chain.l1.headTimestamp() + TestChain.MEP,
        org.plasma4j.core.types.Bytes.wrap(toBob.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    long provenAt = OutputPosition.of(carolAt, 0, 0).encode();
    chain.l1.append(new InFlightExitChallenged(
        id, ALICE.address(), provenAt, LogPlace.inBlock(chain.l1.mine())));
    assertThat(provenAt).isLessThan(OutputPosition.of(bobAt, 0, 0).encode());

    try (WatcherNode w = chain.watcher(chain.config().watching(Set.of(BOB.address())))) {
      w.pollOnce();

      // respondToNonCanonicalChallenge reverts ResponseNotOlder for any inclusion of Bob's
      // payment: none is older than the position the game proved
      assertThat(chain.challenger.sent).isEmpty();
      assertThat(w.byzantineEvents(0))
          .extracting(e -> e.type())
          .doesNotContain("invalid_ife_challenge");
      assertThat(w.exitAdvice(BOB.address()).inFlightExits())
          .singleElement()
          .satisfies(p -> assertThat(p.canonical()).isFalse());
    }
  }
}
