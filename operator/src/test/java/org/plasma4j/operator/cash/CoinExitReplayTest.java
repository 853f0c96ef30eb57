package org.plasma4j.operator.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.operator.testing.FakeCashGame;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/**
 * A deep reorg makes the follower read root-chain events again ("applying one twice is harmless"):
 * a coin's pending-exit count must not grow with a CoinExitStarted that is read twice, nor shrink
 * with a twice-read CoinExitCancelled.
 */
class CoinExitReplayTest {

  private final InMemoryRootChain chain = TestChain.rootChain(0);
  private final FakeCashGame game = new FakeCashGame(chain);

  private NodeHarness start() {
    return NodeHarness.start(
        chain, new InMemoryStore(), NodeHarness.config(Path.of("unused"), 100, 0), b -> b);
  }

  private static SignedCoinTransfer transfer(long slot, Address to) {
    return SignedCoinTransfer.sign(new CoinTransfer(slot, 0, to), ALICE, DOMAIN);
  }

  private static CoinRecord coin(NodeHarness h, long slot) {
    return h.node.coinQueries().coin(slot).value().coin();
  }

  @Test
  void anExitStartedReadAgainAfterADeepReorgIsNotCountedTwice() {
    try (NodeHarness h = start()) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain(); // checkpoint at the deposit's block
      game.startExit(slot, ALICE.address(), 0);
      chain.advance(1);
      h.node.pollRootChain(); // applies the exit's block and one more; checkpoint at the newer one
      assertThat(coin(h, slot).pendingExits()).isEqualTo(1);

      chain.reorg(1); // only the empty block above the exit is replaced: the exit stays on chain
      h.node
          .pollRootChain(); // rewinds to the deposit's checkpoint and reads the exit's block again
      assertThat(coin(h, slot).pendingExits())
          .as("one exit is pending on the root chain")
          .isEqualTo(1);

      game.cancelExit(
          slot,
          ALICE.address()); // the only exit fails: the coin is spendable again on the root chain
      h.node.pollRootChain();
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.DEPOSITED);
      assertThat(h.sendCoin(transfer(slot, BOB.address())).isOk()).isTrue();
    }
  }

  @Test
  void anExitCancelledReadAgainAfterADeepReorgDoesNotFreeACoinAnotherExitHolds() {
    try (NodeHarness h = start()) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      game.startExit(slot, ALICE.address(), 0);
      game.startExit(slot, BOB.address(), 0);
      h.node.pollRootChain(); // checkpoint: two exits pending
      game.cancelExit(slot, ALICE.address()); // ALICE's fails, BOB's stays pending
      chain.advance(1);
      h.node.pollRootChain();
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.EXITING);

      chain.reorg(1);
      h.node.pollRootChain(); // the cancel is read again
      assertThat(coin(h, slot).pendingExits()).as("BOB's exit is still pending").isEqualTo(1);
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.EXITING);
    }
  }
}
