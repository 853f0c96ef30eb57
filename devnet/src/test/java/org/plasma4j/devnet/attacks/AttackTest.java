package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

  /** The one output of a list that must hold exactly one. */
  static Utxo only(List<Utxo> utxos) {
    assertThat(utxos).hasSize(1);
    return utxos.getFirst();
  }
}
