package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.watcher.events.EventType;

/**
 * One user with one root-chain transaction cannot make the watcher condemn an honest chain. Mallory
 * sends a spend of her deposit to the honest operator, which accepts it into its pending block, and
 * then starts a standard exit of the deposit. The operator sees the exit but keeps the accepted
 * spend (a pending spend stays spent), forms its block and submits it in a later root-chain block.
 * The watcher leaves the block valid and challenges Mallory's exit with her own spend, taking her
 * bond.
 */
class HonestSpendBeforeExitIT extends AttackTest {

  @Test
  void aSpendTheOperatorAcceptedBeforeTheExitStartedDoesNotCondemnItsBlock() {
    h.watch();
    PlasmaWallet mallory = h.wallet(MALLORY);
    PlasmaWallet bob = h.wallet(BOB);
    Deposit deposit = h.deposit(MALLORY, ETHER);
    BigInteger tenth = ETHER.divide(BigInteger.TEN);

    mallory.send(bob.address(), Address.ETH, tenth); // accepted by the honest operator
    mallory.exit(deposit.position()); // one root-chain transaction
    h.operator().pollRootChain(); // the operator sees the exit before it forms the block
    BlockRecord block = h.nextBlock();
    h.watch();

    assertThat(h.reported(EventType.INVALID_BLOCK))
        .as("the honest block %d is condemned", block.blkNum())
        .isEmpty();
    assertThat(h.reported(EventType.INVALID_EXIT))
        .singleElement()
        .satisfies(e ->
            assertThat(e.details()).containsEntry("position", Long.toString(deposit.position())));
    List<ExitChallengedEvent> challenged =
        h.rootChain().events(0, h.anvil().blockNumber(), RootChain.ExitChallengedEvent.class);
    assertThat(challenged)
        .singleElement()
        .satisfies(c -> assertThat(c.challenger()).isEqualTo(address(AttackHarness.WATCHER)));
  }
}
