package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Attack g: the exit queue is spammed with many tiny exits ahead of the honest ones. Defence: the
 * queue itself. Each spam exit costs its sender a bond, of which the process bounty goes to whoever
 * processes it; {@code processExits(token, max)} pops at most {@code max} entries per call, so the
 * gas of a call stays bounded however long the queue is; and the honest exits behind the spam are
 * paid in full once the processor has worked through it, earning a bounty for every exit.
 */
class AttackGExitQueueSpamIT extends AttackTest {

  private static final int SPAM_EXITS = 40;
  private static final int MAX_PER_CALL = 10;
  /**
   * Generous for {@value #MAX_PER_CALL} exits; what matters is that it does not grow with the
   * queue.
   */
  private static final long GAS_PER_CALL_BUDGET = 1_000_000;

  @Test
  void manyTinyExitsDelayNoHonestExitAndPayTheProcessor() {
    BalanceBook book = book(ALICE, BOB, MALLORY, PROCESSOR);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    PlasmaWallet mallory = h.wallet(MALLORY);
    BigInteger bounty = h.processBounty();

    // the spam: tiny deposits, each exited with a full bond, all ahead of the honest exits in the
    // queue
    List<Long> spam = new ArrayList<>();
    for (int i = 0; i < SPAM_EXITS; i++) {
      spam.add(mallory.deposit(Address.ETH, BigInteger.ONE).position());
    }
    h.operator().pollRootChain();
    for (long position : spam) {
      mallory.exit(position);
    }
    book.expect(
        address(MALLORY),
        "spam: deposits, bonds, and back deposits + bond − bounty",
        BigInteger.valueOf(SPAM_EXITS).multiply(bounty).negate());

    // honest users: alice deposits and pays bob on the child chain, then both exit what they own
    Deposit deposit = h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    BigInteger paid = ETHER.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
    alice.send(bob.address(), Address.ETH, paid);
    long blkNum = h.nextBlock().blkNum();
    Utxo change = only(alice.utxos());
    Utxo received = only(bob.utxos());
    assertThat(OutputPosition.decode(change.position()).blkNum()).isEqualTo(blkNum);
    assertThat(change.amount()).isEqualTo(ETHER.subtract(paid).subtract(FEE));
    assertThat(received.amount()).isEqualTo(paid);
    assertThat(deposit.position()).isGreaterThan(spam.getLast());
    h.exitExpectingPayment(ALICE, change);
    h.exitExpectingPayment(BOB, received);

    h.watch();
    assertThat(h.watcher().byzantineEvents(0))
        .as("spam is wasteful, not invalid: no byzantine event")
        .isEmpty();

    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    int queued = processor.exitQueueLength(Address.ETH).intValueExact();
    assertThat(queued).isEqualTo(SPAM_EXITS + 2);
    int calls = 0;
    while (queued > 0) {
      TransactionReceipt receipt = processor.processExits(Address.ETH, MAX_PER_CALL);
      int left = processor.exitQueueLength(Address.ETH).intValueExact();
      assertThat(queued - left)
          .as("exits popped by one call")
          .isEqualTo(Math.min(MAX_PER_CALL, queued));
      assertThat(receipt.getGasUsed().longValueExact())
          .as("gas of one processExits call")
          .isLessThan(GAS_PER_CALL_BUDGET);
      queued = left;
      calls++;
    }
    assertThat(calls).isEqualTo((SPAM_EXITS + 2 + MAX_PER_CALL - 1) / MAX_PER_CALL);
    book.credit(
        address(PROCESSOR),
        "a process bounty per exit",
        bounty.multiply(BigInteger.valueOf(SPAM_EXITS + 2)));

    assertThat(processor.isExited(change.position())).isTrue();
    assertThat(processor.isExited(received.position())).isTrue();
    assertThat(spam).allSatisfy(p -> assertThat(processor.isExited(p)).isTrue());
    book.assertAllWhole();
  }
}
