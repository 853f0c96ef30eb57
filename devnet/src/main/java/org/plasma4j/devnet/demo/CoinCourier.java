package org.plasma4j.devnet.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.wallet.cash.CoinWallet;

/**
 * Moves a coin between two light clients on a devnet whose blocks are formed by hand: the sender's
 * {@code sendCoin} waits for its transfer to be committed, so it runs aside while the block is
 * formed; then the receiver imports the bundle the sender delivered.
 */
public final class CoinCourier {

  /** What happened: the block holding the transfer and the receiver's verdict on the bundle. */
  public record Delivery(CoinWallet.Sent sent, List<CoinWallet.Received> received) {
    public boolean accepted() {
      return received.size() == 1 && received.getFirst().accepted();
    }
  }

  private final OperatorNode operator;
  private final Duration timeout;

  public CoinCourier(OperatorNode operator, Duration timeout) {
    this.operator = operator;
    this.timeout = timeout;
  }

  /**
   * {@code from} sends coin {@code slot} to {@code to}; the next block is formed; {@code to}
   * receives.
   */
  public Delivery send(CoinWallet from, long slot, CoinWallet to) {
    CompletableFuture<CoinWallet.Sent> sent =
        CompletableFuture.supplyAsync(() -> from.sendCoin(slot, to.address(), timeout));
    awaitPending(slot, sent);
    Devnet.formBlock(operator);
    return new Delivery(sent.join(), to.receive());
  }

  /**
   * Waits until the operator holds a pending transfer of {@code slot}, or the sender has finished.
   */
  public void awaitPending(long slot, CompletableFuture<?> sender) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!sender.isDone()
        && operator.coinQueries().coin(slot).orElseThrow().pending().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no transfer of coin " + Long.toUnsignedString(slot) + " reached the operator");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
