package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.guardian.GuardianFixture.BOB;
import static org.plasma4j.guardian.GuardianFixture.CAROL;
import static org.plasma4j.guardian.GuardianFixture.CONFIG;
import static org.plasma4j.guardian.GuardianFixture.ETH;
import static org.plasma4j.guardian.GuardianFixture.L1_START;
import static org.plasma4j.guardian.GuardianFixture.MEP;
import static org.plasma4j.guardian.GuardianFixture.deposit;
import static org.plasma4j.guardian.GuardianFixture.healthy;
import static org.plasma4j.guardian.GuardianFixture.payment;
import static org.plasma4j.guardian.GuardianFixture.view;
import static org.plasma4j.guardian.GuardianFixture.withIfes;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;

/**
 * Proofs of concept of faults in the guardian's decisions. Each test FAILS ON PURPOSE on the code under
 * review: it asserts the outcome an owner needs and the current code does the opposite.
 */
class GuardianDecisionsPocTest {

  private final GuardianPolicy bobsGuardian = new GuardianPolicy(CONFIG, Set.of(BOB.address()));

  /**
   * FAILS ON PURPOSE. Mallory paid Bob 100 (included at 1000/0/0). Bob signs a payment of that output
   * to Carol; the (hostile) operator holds it back for a minute, so no block spends the output yet and the
   * watcher's verdict calls it unspent. Mallory now starts the in-flight exit of her old, canonical
   * payment. Bob's guardian knows, from its own journal, that Bob already spent the output, yet it
   * piggybacks it: once the operator includes Bob's payment (well within the inclusion timeout, so no
   * alarm), Mallory challenges the piggyback with Bob's own signed spend and takes his bond.
   */
  @Test
  void pocFailsOnPurpose_piggybacksAnOutputThatItsOwnPaymentInFlightSpends() {
    InFlightTx malloryPaysBob = payment(CAROL, deposit(CAROL, ETH, 500, 9), BOB, 100, 1, 0); // Carol plays Mallory
    OutputPosition bobsOutput = OutputPosition.of(1000, 0, 0);
    OwnedOutput bob100 = new OwnedOutput(BOB.address(), ETH, BigInteger.valueOf(100),
        new StandardExitData(bobsOutput, Bytes.wrap(malloryPaysBob.tx().encode()), Bytes.wrap(new byte[32 * 16]),
            L1_START - 100));
    InFlightTx bobPaysCarol = payment(BOB, bob100, CAROL, 90, 1, 0);
    Journal journal = Journal.empty().withSent(bobPaysCarol);
    ObservedIfe old = new ObservedIfe(BigInteger.ONE, malloryPaysBob.tx(), L1_START - 10, L1_START - 10 + MEP,
        Set.of(), Set.of(), Set.of(), Optional.of(GuardianFixture.unspent(malloryPaysBob.tx(), true)));

    Plan plan = bobsGuardian.decide(withIfes(healthy(List.of(bob100)), List.of(old)), journal);

    assertThat(plan.alarm()).as("no alarm: Bob's payment is within the inclusion timeout").isEmpty();
    assertThat(plan.actions())
        .as("Bob's own payment in flight spends this output: a piggyback bond on it is Mallory's for the taking")
        .noneMatch(a -> a instanceof Action.Piggyback p && p.onOutput() && p.txHash().equals(malloryPaysBob.txHash()));
  }

  /**
   * FAILS ON PURPOSE. With --tolerated-loss 100, Mallory splits a theft of 270 wei of ETH into three
   * unchallenged exits of 90. Each is judged alone ("at most 90, tolerated 100"), so the guardian stays
   * although the vault is short by 270 and the keys can lose all of it.
   */
  @Test
  void pocFailsOnPurpose_aTheftSplitIntoPiecesBelowTheToleratedLossRaisesNoAlarm() {
    GuardianPolicy tolerant = new GuardianPolicy(CONFIG.withToleratedLoss(BigInteger.valueOf(100)), Set.of(BOB.address()));
    OwnedOutput bob1000 = deposit(BOB, ETH, 1_000, 1);
    List<ByzantineEvent> pieces = List.of(piece(1), piece(2), piece(3));

    Plan plan = tolerant.decide(view(L1_START, 0, pieces, List.of(bob1000)), Journal.empty());

    assertThat(plan.alarm()).as("270 wei stolen in all, more than the 100 tolerated").isPresent();
  }

  private static ByzantineEvent piece(long blk) {
    String subject = "exit:" + OutputPosition.of(blk * 1000, 0, 0);
    return new ByzantineEvent("unchallenged_exit", "unchallenged_exit:" + subject,
        Map.of("atRisk", ETH.toHex() + ":90"), 1_700_000_000_000L);
  }
}
