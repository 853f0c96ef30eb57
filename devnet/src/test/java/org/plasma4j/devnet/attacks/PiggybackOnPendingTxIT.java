package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.CAROL;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.watcher.events.EventType;

/**
 * Proof of concept (fails on purpose against the code under review): the honest operator and the
 * watcher disagree on an output piggybacked while its transaction was still pending. Alice pays Bob;
 * before the operator forms the block, Bob exits the payment in flight and piggybacks his output. The
 * operator claims an output for a piggyback only if the transaction is already in a block
 * (Ledger.piggybacked), so after forming the block it holds Bob's output unspent and accepts his spend
 * of it. The watcher holds the output by its key from the piggyback on and condemns the honest block
 * that carries Bob's spend, where Bob's piggyback of a spent output should merely be challenged.
 */
class PiggybackOnPendingTxIT extends AttackTest {

  @Test
  void anOutputPiggybackedWhileItsTransactionWasPendingDoesNotCondemnTheHonestBlockSpendingIt() {
    h.watch();
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    BigInteger third = ETHER.divide(BigInteger.valueOf(3));
    h.deposit(ALICE, ETHER);
    SignedTransaction payment = alice.sentTransaction(alice.send(bob.address(), Address.ETH, third)).orElseThrow();

    bob.startInFlightExit(payment); // the payment is still pending at the operator
    bob.piggybackOutput(payment.tx(), 0);
    h.operator().pollRootChain();
    BlockRecord paid = h.nextBlock();
    bob.send(address(CAROL), Address.ETH, third.subtract(FEE)); // accepted by the honest operator
    BlockRecord spent = h.nextBlock();
    h.watch();

    assertThat(paid.txCount()).isPositive();
    assertThat(h.reported(EventType.INVALID_BLOCK)).as("honest blocks %d and %d", paid.blkNum(), spent.blkNum())
        .isEmpty();
    assertThat(h.reported(EventType.INVALID_PIGGYBACK)).as("bob's piggyback of an output he spent").isNotEmpty();
  }
}
