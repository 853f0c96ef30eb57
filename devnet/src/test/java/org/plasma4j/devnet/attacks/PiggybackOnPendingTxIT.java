package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.CAROL;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.wallet.OperatorClient.TransactionStatus;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.watcher.events.EventType;

/**
 * An output piggybacked while its transaction was still pending. Alice pays Bob; before the
 * operator forms the block, Bob exits the payment in flight and piggybacks his output. The exit
 * game holds the output by its key from the piggyback on, so the honest operator creates it exited
 * when it forms the block and refuses Bob's spend of it. A hostile operator that includes the spend
 * all the same does not get its block condemned (a spend of an output an open exit holds is
 * evidence against the exit, never against the block): the watcher reports Bob's piggyback invalid
 * and challenges it.
 */
class PiggybackOnPendingTxIT extends AttackTest {

  @Test
  void
      anOutputPiggybackedWhileItsTransactionWasPendingIsNotSpendableAndItsSpendChallengesThePiggyback() {
    h.watch();
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    BigInteger third = ETHER.divide(BigInteger.valueOf(3));
    h.deposit(ALICE, ETHER);
    SignedTransaction payment =
        alice.sentTransaction(alice.send(bob.address(), Address.ETH, third)).orElseThrow();

    bob.startInFlightExit(payment); // the payment is still pending at the operator
    bob.piggybackOutput(payment.tx(), 0);
    h.operator().pollRootChain();
    BlockRecord paid = h.nextBlock();
    TransactionStatus at = bob.operator().getTransaction(payment.txHash());
    OutputPosition bobs = OutputPosition.of(at.blkNum(), at.txIndex(), 0);
    SignedTransaction spend = bob.sign(Transaction.payment(
        List.of(bobs), List.of(new Output(address(CAROL), Address.ETH, third.subtract(FEE)))));
    assertThatThrownBy(() -> bob.operator().sendTransaction(spend))
        .as("the honest operator holds bob's piggybacked output exited")
        .isInstanceOfSatisfying(
            WalletException.OperatorError.class,
            e -> assertThat(e.code()).isEqualTo(TxRejection.SPENT_INPUT.code()));
    h.watch();
    assertThat(h.reported(EventType.INVALID_BLOCK)).as("an honest chain").isEmpty();
    assertThat(h.reported(EventType.INVALID_PIGGYBACK))
        .as("bob's piggyback stands")
        .isEmpty();

    h.hostility().inject(spend);
    BlockRecord spent = h.nextBlock();
    h.watch();

    assertThat(paid.txCount()).isPositive();
    assertThat(h.reported(EventType.INVALID_BLOCK))
        .as("blocks %d and %d", paid.blkNum(), spent.blkNum())
        .isEmpty();
    assertThat(h.reported(EventType.INVALID_PIGGYBACK))
        .as("bob's piggyback of an output he spent")
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("piggyback", "out:0")
            .containsEntry("spentBy", spend.txHash().toString()));
    assertThat(h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.PiggybackBlocked.class))
        .singleElement()
        .satisfies(b -> assertThat(b.challenger()).isEqualTo(address(AttackHarness.WATCHER)));
  }
}
