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
 * The guardian never piggybacks an output its own payment spends, and judges a theft split into
 * pieces as one.
 */
class OwnSpendsAndSplitTheftsTest {

  private final GuardianPolicy bobsGuardian = new GuardianPolicy(CONFIG, Set.of(BOB.address()));

  /**
   * Mallory paid Bob 100 (included at 1000/0/0). Bob signs a payment of that output to Carol; the
   * (hostile) operator holds it back for a minute, so no block spends the output yet and the
   * watcher's verdict calls it unspent. Mallory now starts the in-flight exit of her old, canonical
   * payment. A piggyback on the output would be Mallory's for the taking once the operator includes
   * Bob's payment (well within the inclusion timeout, so no alarm): she challenges it with Bob's
   * own signed spend. Bob's guardian knows from its journal that Bob spent it, and leaves it.
   */
  @Test
  void neverPiggybacksAnOutputThatItsOwnPaymentInFlightSpends() {
    InFlightTx malloryPaysBob =
        payment(CAROL, deposit(CAROL, ETH, 500, 9), BOB, 100, 1, 0); // Carol plays Mallory
    OutputPosition bobsOutput = OutputPosition.of(1000, 0, 0);
    OwnedOutput bob100 = new OwnedOutput(
        BOB.address(),
        ETH,
        BigInteger.valueOf(100),
        new StandardExitData(
            bobsOutput,
            Bytes.wrap(malloryPaysBob.tx().encode()),
            Bytes.wrap(new byte[32 * 16]),
            L1_START - 100));
    InFlightTx bobPaysCarol = payment(BOB, bob100, CAROL, 90, 1, 0);
    Journal journal = Journal.empty().withSent(bobPaysCarol);
    ObservedIfe old = new ObservedIfe(
        BigInteger.ONE,
        malloryPaysBob.tx(),
        L1_START - 10,
        L1_START - 10 + MEP,
        Set.of(),
        Set.of(),
        Set.of(),
        Optional.of(GuardianFixture.unspent(malloryPaysBob.tx(), true)));

    Plan plan = bobsGuardian.decide(withIfes(healthy(List.of(bob100)), List.of(old)), journal);

    assertThat(plan.alarm())
        .as("no alarm: Bob's payment is within the inclusion timeout")
        .isEmpty();
    assertThat(plan.actions())
        .as(
            "Bob's own payment in flight spends this output: a piggyback bond on it is Mallory's for the taking")
        .noneMatch(a -> a instanceof Action.Piggyback p
            && p.onOutput()
            && p.txHash().equals(malloryPaysBob.txHash()));
  }

  /**
   * With --tolerated-loss 100, Mallory splits a theft of 270 wei of ETH into three unchallenged
   * exits of 90. Judged alone each is "at most 90, tolerated 100"; together the vault is short by
   * 270 and the keys can lose all of it: the alarm.
   */
  @Test
  void aTheftSplitIntoPiecesBelowTheToleratedLossRaisesTheAlarm() {
    GuardianPolicy tolerant = new GuardianPolicy(
        CONFIG.withToleratedLoss(BigInteger.valueOf(100)), Set.of(BOB.address()));
    OwnedOutput bob1000 = deposit(BOB, ETH, 1_000, 1);
    List<ByzantineEvent> pieces = List.of(piece(1), piece(2), piece(3));

    Plan plan = tolerant.decide(view(L1_START, 0, pieces, List.of(bob1000)), Journal.empty());

    assertThat(plan.alarm())
        .as("270 wei stolen in all, more than the 100 tolerated")
        .hasValueSatisfying(a -> assertThat(a)
            .contains("unchallenged_exit")
            .contains("and 2 more unstopped thefts")
            .contains("up to 270 of " + ETH));
  }

  /**
   * Pieces that together stay within the tolerated loss only inform, each saying what all come to.
   */
  @Test
  void piecesThatTogetherStayWithinTheToleratedLossOnlyInform() {
    GuardianPolicy tolerant = new GuardianPolicy(
        CONFIG.withToleratedLoss(BigInteger.valueOf(300)), Set.of(BOB.address()));
    OwnedOutput bob1000 = deposit(BOB, ETH, 1_000, 1);

    Plan plan = tolerant.decide(
        view(L1_START, 0, List.of(piece(1), piece(2), piece(3)), List.of(bob1000)),
        Journal.empty());

    assertThat(plan.alarm()).isEmpty();
    assertThat(plan.notices())
        .hasSize(3)
        .allSatisfy(n -> assertThat(n)
            .contains("at most 90 of " + ETH)
            .contains("all unstopped thefts together at most 270"));
  }

  /**
   * What the pieces together take is capped by what the keys hold of the token: Bob holds 200 only.
   */
  @Test
  void theSumIsCappedByWhatTheKeysHold() {
    GuardianPolicy tolerant = new GuardianPolicy(
        CONFIG.withToleratedLoss(BigInteger.valueOf(200)), Set.of(BOB.address()));
    OwnedOutput bob200 = deposit(BOB, ETH, 200, 1);

    Plan plan = tolerant.decide(
        view(L1_START, 0, List.of(piece(1), piece(2), piece(3)), List.of(bob200)), Journal.empty());

    assertThat(plan.alarm()).as("at most the 200 Bob holds, which is tolerated").isEmpty();
  }

  /**
   * Under an alarm, Bob's two chained payments in flight: Mallory's output to Bob, then Bob's spend
   * of it. The in-flight exit of the first claims its inputs, not the output the second spends
   * (which the second's input piggyback claims).
   */
  @Test
  void theInFlightExitOfAChainedOwnPaymentDoesNotPiggybackTheOutputTheNextOneSpends() {
    OwnedOutput bob500 = deposit(BOB, ETH, 500, 9);
    InFlightTx first =
        payment(BOB, bob500, BOB, 400, 1, 0); // Bob to himself: out 0 (400) and change out 1
    OwnedOutput out0 = new OwnedOutput(
        BOB.address(),
        ETH,
        BigInteger.valueOf(400),
        new StandardExitData(
            OutputPosition.of(2000, 0, 0),
            Bytes.wrap(first.tx().encode()),
            Bytes.wrap(new byte[32 * 16]),
            L1_START - 50));
    InFlightTx second = payment(BOB, out0, CAROL, 300, 1, 0);
    Journal journal = Journal.empty().withSent(first).withSent(second);

    Plan plan = bobsGuardian.decide(GuardianFixture.bad(List.of()), journal);

    assertThat(plan.alarm()).isPresent();
    assertThat(plan.actions())
        .filteredOn(a ->
            a instanceof Action.Piggyback p && p.txHash().equals(first.txHash()) && p.onOutput())
        .extracting(a -> ((Action.Piggyback) a).index())
        .containsExactly(1);
    assertThat(plan.actions())
        .anyMatch(a -> a instanceof Action.Piggyback p
            && p.txHash().equals(second.txHash())
            && !p.onOutput()
            && p.index() == 0);
  }

  private static ByzantineEvent piece(long blk) {
    String subject = "exit:" + OutputPosition.of(blk * 1000, 0, 0);
    return new ByzantineEvent(
        "unchallenged_exit",
        "unchallenged_exit:" + subject,
        Map.of("atRisk", ETH.toHex() + ":90"),
        1_700_000_000_000L);
  }
}
