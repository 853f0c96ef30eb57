package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.WATCHER;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.testing.BadSignatures;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.watcher.events.EventType;

/**
 * A hostile operator includes mallory's spend of her deposit to bob in a signed record no intake
 * accepts, and mallory exits the deposit: a record with five signatures (more than any transaction
 * has inputs, the first one hers), one that decodes whole but carries her signature with a high s,
 * one that names another chain in its domain field. challengeStandardExit reads the spend's txBytes
 * and the input's signature only, passed as an argument (anyone brings a high s to the accepted
 * form), so bob's output is provable on the root chain while the deposit would exit too: the vault
 * would pay one amount twice. Defence: the watcher reports the block invalid and still keeps the
 * spend as evidence, so it challenges the deposit's exit and earns its bond, to the wei after gas.
 */
class FlawedEnvelopeSpendChallengeIT extends AttackTest {

  private void theWatcherChallengesTheSpentInputsExit(
      UnaryOperator<SignedTransaction> reencode, String error) {
    BalanceBook book = book(WATCHER);
    h.watch();
    BigInteger bond = h.exitBond();
    Deposit spent = h.deposit(MALLORY, ETHER);
    h.watch();

    Transaction pay = Transaction.payment(
        List.of(OutputPosition.decode(spent.position())),
        List.of(new Output(address(BOB), Address.ETH, ETHER.divide(BigInteger.TWO))));
    h.hostility().inject(reencode.apply(h.wallet(MALLORY).sign(pay)));
    BlockRecord bad = h.nextBlock();
    h.wallet(MALLORY).exit(spent.position());
    h.watch();

    assertThat(h.reported(EventType.INVALID_BLOCK))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("blkNum", Long.toString(bad.blkNum()))
            .containsEntry("error", error));
    expectOneChallengeByTheWatcher(spent.position(), book, bond);

    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    assertThat(processor.isExited(spent.position())).as("the challenged exit").isFalse();
    book.assertAllWhole();
  }

  @Test
  void theWatcherChallengesAnExitOfAnInputSpentInAFlawedRecord() {
    theWatcherChallengesTheSpentInputsExit(
        s -> {
          List<Signature> five = new ArrayList<>(s.signatures());
          five.addAll(Collections.nCopies(Transaction.MAX_INPUTS, s.signatures().get(0)));
          return SignedTransaction.of(s.tx(), five, s.domain());
        },
        "invalid_tx:WRONG_SIGNATURE_COUNT");
  }

  @Test
  void theWatcherChallengesAnExitOfAnInputSpentWithAHighSSignature() {
    theWatcherChallengesTheSpentInputsExit(
        s -> SignedTransaction.of(
            s.tx(), List.of(BadSignatures.malleate(s.signatures().get(0))), s.domain()),
        "invalid_tx:MALLEABLE_SIGNATURE");
  }

  @Test
  void theWatcherChallengesAnExitOfAnInputSpentInARecordNamingAnotherChain() {
    theWatcherChallengesTheSpentInputsExit(
        s -> SignedTransaction.of(
            s.tx(),
            s.signatures(),
            new Domain(s.domain().chainId() + 1, s.domain().verifyingContract())),
        "invalid_tx:WRONG_CHAIN_ID");
  }
}
