package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.wallet.Utxo;

/**
 * Every attack test runs in a fresh {@link AttackHarness}: its own anvil, contracts and operator.
 */
abstract class AttackTest {

  protected AttackHarness h;

  @BeforeEach
  void startHarness() {
    h = AttackHarness.start(depositConfirmations());
  }

  /** Root-chain confirmations the operator waits for before it applies a deposit. */
  protected int depositConfirmations() {
    return 0;
  }

  @AfterEach
  void stopHarness() {
    if (h != null) {
      h.close();
    }
  }

  /** The harness's balance book, opened now for each of {@code accounts}. */
  BalanceBook book(int... accounts) {
    for (int account : accounts) {
      h.book().open(AttackHarness.name(account), AttackHarness.address(account));
    }
    return h.book();
  }

  /**
   * The standard exit of {@code position} is the one exit challenged so far, by the watcher, which
   * {@code book} credits with its {@code bond}.
   */
  void expectOneChallengeByTheWatcher(long position, BalanceBook book, BigInteger bond) {
    List<ExitChallengedEvent> challenged =
        h.rootChain().events(0, h.anvil().blockNumber(), RootChain.ExitChallengedEvent.class);
    assertThat(challenged).singleElement().satisfies(c -> {
      assertThat(c.position()).isEqualTo(position);
      assertThat(c.challenger()).isEqualTo(AttackHarness.address(AttackHarness.WATCHER));
    });
    book.credit(
        AttackHarness.address(AttackHarness.WATCHER), "exit bond of the challenged exit", bond);
  }

  /** The one output of a list that must hold exactly one. */
  static Utxo only(List<Utxo> utxos) {
    assertThat(utxos).hasSize(1);
    return utxos.getFirst();
  }
}
