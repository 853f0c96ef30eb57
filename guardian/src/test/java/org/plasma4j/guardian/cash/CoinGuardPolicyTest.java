package org.plasma4j.guardian.cash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinClaim;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.guardian.ActionRecord;
import org.plasma4j.guardian.cash.WatchedCoin.ObservedClaim;
import org.plasma4j.guardian.cash.WatchedCoin.OpenChallenge;
import org.plasma4j.guardian.cash.WatchedCoin.OwnFiling;
import org.plasma4j.wallet.WalletKey;

class CoinGuardPolicyTest {

  private static final Domain DOMAIN = new Domain(31337, Address.fromHex("0x" + "f0".repeat(20)));
  private static final long SLOT = 4;
  private static final WalletKey ALICE = WalletKey.fromHex(DevAccounts.privateKey(2));
  private static final WalletKey BOB = WalletKey.fromHex(DevAccounts.privateKey(3));
  private static final WalletKey CAROL = WalletKey.fromHex(DevAccounts.privateKey(4));
  private static final WalletKey MALLORY = WalletKey.fromHex(DevAccounts.privateKey(5));
  private static final CoinOrigin ORIGIN = new CoinOrigin(999, ALICE.address());
  private static final long MATURE = 5_000;

  @TempDir
  Path dir;

  /** Alice → Bob at 1000, Bob → Carol at 2000 (each in its own block). */
  private static CoinHistory history(int transfers) {
    List<CoinHistory.Entry> entries = new ArrayList<>();
    WalletKey[] owners = {ALICE, BOB, CAROL};
    long prev = ORIGIN.block();
    for (int i = 0; i < transfers; i++) {
      long blk = 1000L * (i + 1);
      SignedCoinTransfer t =
          owners[i].signCoinTransfer(new CoinTransfer(SLOT, prev, owners[i + 1].address()), DOMAIN);
      entries.add(
          new CoinHistory.Included(blk, t, CoinTree.ofTransfers(List.of(t)).proof(SLOT)));
      prev = blk;
    }
    return new CoinHistory(SLOT, entries);
  }

  private static WatchedCoin coin(CoinHistory h, ObservedClaim... claims) {
    boolean exiting = java.util.Arrays.stream(claims).anyMatch(c -> !c.claim().checkpoint());
    return new WatchedCoin(SLOT, ORIGIN, h, exiting ? 1 : 0, Address.ZERO, List.of(claims));
  }

  private static ObservedClaim exit(
      Address owner, Address prevOwner, long prevBlock, long exitBlock, OpenChallenge... open) {
    return new ObservedClaim(
        new CoinClaim(SLOT, owner, prevOwner, prevBlock, exitBlock, false),
        77,
        MATURE,
        List.of(open));
  }

  private static List<CoinAction> decide(
      CoinGuardPolicy p, List<WatchedCoin> seen, CoinJournal j, long head, long ts) {
    return p.decide(seen, List.of(), j, head, ts);
  }

  private static CoinJournal done(CoinJournal j, CoinAction a, long l1Block) {
    return j.withSuccess(
        a,
        l1Block,
        new ActionRecord(
            0, a.key(), a.describe(), true, "0x1", BigInteger.ZERO, BigInteger.ZERO, ""));
  }

  @Test
  void thePreviousOwnerExitingACoinItSpentIsChallengedAfterCommitThenReveal() {
    CoinGuardPolicy bob = new CoinGuardPolicy(BOB.address());
    List<WatchedCoin> seen = List.of(coin(history(1), exit(ALICE.address(), Address.ZERO, 0, 999)));
    List<CoinAction> first = decide(bob, seen, CoinJournal.empty(), 10, 0);
    assertEquals(1, first.size());
    CoinAction.Commit commit = assertInstanceOf(CoinAction.Commit.class, first.get(0));
    assertEquals(history(1).transfers().get(0).transfer().transfer().hash(), commit.txHash());

    CoinJournal afterCommit = done(CoinJournal.empty(), commit, 10);
    CoinAction.RevealChallenge reveal = assertInstanceOf(
        CoinAction.RevealChallenge.class, decide(bob, seen, afterCommit, 10, 0).get(0));
    assertEquals(CoinChallenge.Kind.AFTER, reveal.challenge().kind());
    assertEquals(1000, reveal.challenge().evidence().orElseThrow().blk());

    assertTrue(
        decide(bob, seen, done(afterCommit, reveal, 11), 11, 0).isEmpty(),
        "a done challenge is never repeated");
  }

  @Test
  void aDoubleSpendByThePreviousOwnerIsChallengedBetween() {
    // Alice gave the coin to Bob at 1000, then signed it to Mallory too, slipped into block 2000
    CoinGuardPolicy bob = new CoinGuardPolicy(BOB.address());
    List<WatchedCoin> seen =
        List.of(coin(history(1), exit(MALLORY.address(), ALICE.address(), 999, 2000)));
    CoinAction.Commit commit = assertInstanceOf(
        CoinAction.Commit.class, decide(bob, seen, CoinJournal.empty(), 5, 0).get(0));
    List<CoinAction> next = decide(bob, seen, done(CoinJournal.empty(), commit, 5), 5, 0);
    CoinAction.RevealChallenge reveal =
        assertInstanceOf(CoinAction.RevealChallenge.class, next.get(0));
    assertEquals(CoinChallenge.Kind.BETWEEN, reveal.challenge().kind());
    assertEquals(1000, reveal.challenge().evidence().orElseThrow().blk());
    assertEquals(MALLORY.address(), reveal.claimant());
    assertTrue(!reveal.onCheckpoint());
    // the operator included a double spend of Bob's coin: Bob exits it beside the thief's exit
    assertInstanceOf(CoinAction.StartExit.class, next.get(1));
  }

  @Test
  void aStaleExitOfAnEarlierOwnerIsChallengedWithoutExitingTheCoin() {
    CoinGuardPolicy bob = new CoinGuardPolicy(BOB.address());
    List<WatchedCoin> seen = List.of(coin(history(1), exit(ALICE.address(), Address.ZERO, 0, 999)));
    assertTrue(
        decide(bob, seen, CoinJournal.empty(), 5, 0).stream()
            .noneMatch(a -> a instanceof CoinAction.StartExit),
        "a challenge-after needs no exit: the operator did nothing wrong");
  }

  @Test
  void noSecondOwnExitWhileOursIsPending() {
    CoinGuardPolicy bob = new CoinGuardPolicy(BOB.address());
    ObservedClaim thief = exit(MALLORY.address(), ALICE.address(), 999, 2000);
    ObservedClaim ours = new ObservedClaim(
        new CoinClaim(SLOT, BOB.address(), ALICE.address(), 999, 1000, false),
        78,
        MATURE,
        List.of());
    assertTrue(
        decide(bob, List.of(coin(history(1), thief, ours)), CoinJournal.empty(), 5, 0).stream()
            .noneMatch(a -> a instanceof CoinAction.StartExit));
  }

  @Test
  void aCommitmentIsReusedForTheSameEvidenceAgainstALaterClaim() {
    // the freezer's second exit after its first failed: the origin commitment is already mined
    CoinGuardPolicy alice = new CoinGuardPolicy(ALICE.address());
    ObservedClaim first = new ObservedClaim(
        new CoinClaim(SLOT, MALLORY.address(), CAROL.address(), 3000, 4000, false),
        10,
        MATURE,
        List.of());
    CoinAction.Commit commit = assertInstanceOf(
        CoinAction.Commit.class,
        decide(alice, List.of(coin(history(0), first)), CoinJournal.empty(), 5, 0)
            .get(0));
    CoinJournal j = done(CoinJournal.empty(), commit, 5);
    CoinAction.RevealChallenge reveal = assertInstanceOf(
        CoinAction.RevealChallenge.class,
        decide(alice, List.of(coin(history(0), first)), j, 5, 0).get(0));
    j = done(j, reveal, 6);
    ObservedClaim second = new ObservedClaim(first.claim(), 11, MATURE * 2, List.of());
    List<CoinAction> again = decide(alice, List.of(coin(history(0), second)), j, 9, MATURE);
    CoinAction.RevealChallenge reveal2 =
        assertInstanceOf(CoinAction.RevealChallenge.class, again.get(0));
    assertTrue(!reveal2.key().equals(reveal.key()), "a new claim, a new challenge");
    assertTrue(
        again.stream().noneMatch(a -> a instanceof CoinAction.Commit),
        "no second commitment: " + again);
  }

  @Test
  void aForgedHistoryBehindACheckpointIsChallengedBeforeFromTheOrigin() {
    // Alice never moved her coin; Mallory checkpoints it through transfers the history does not
    // have
    CoinGuardPolicy alice = new CoinGuardPolicy(ALICE.address());
    ObservedClaim forged = new ObservedClaim(
        new CoinClaim(SLOT, MALLORY.address(), CAROL.address(), 3000, 4000, true),
        90,
        MATURE,
        List.of());
    List<WatchedCoin> seen = List.of(coin(history(0), forged));
    CoinAction.Commit commit = assertInstanceOf(
        CoinAction.Commit.class, decide(alice, seen, CoinJournal.empty(), 5, 0).get(0));
    assertEquals(Bytes32.ZERO, commit.txHash(), "the origin variant commits to a zero hash");
    CoinAction.RevealChallenge reveal = assertInstanceOf(
        CoinAction.RevealChallenge.class,
        decide(alice, seen, done(CoinJournal.empty(), commit, 5), 5, 0).get(0));
    assertEquals(CoinChallenge.Kind.BEFORE_FROM_ORIGIN, reveal.challenge().kind());
    assertTrue(reveal.onCheckpoint());
  }

  @Test
  void aChallengeBeforeOnOurExitIsAnsweredFromOurHistoryAndTheExitWaitsForIt() {
    CoinGuardPolicy carol = new CoinGuardPolicy(CAROL.address());
    OpenChallenge fromOrigin = new OpenChallenge(Bytes32.ZERO, ALICE.address(), 999);
    List<WatchedCoin> seen =
        List.of(coin(history(2), exit(CAROL.address(), BOB.address(), 1000, 2000, fromOrigin)));
    List<CoinAction> first = decide(carol, seen, CoinJournal.empty(), 5, MATURE);
    assertEquals(1, first.size(), "no finalize while a challenge is open: " + first);
    CoinAction.Commit commit = assertInstanceOf(CoinAction.Commit.class, first.get(0));
    CoinAction.RevealResponse answer = assertInstanceOf(
        CoinAction.RevealResponse.class,
        decide(carol, seen, done(CoinJournal.empty(), commit, 5), 5, MATURE).get(0));
    assertEquals(
        1000,
        answer.evidence().blk(),
        "Alice's spend at 1000 answers the claim that she still held it");
    assertEquals(Bytes32.ZERO, answer.challengeTxHash());
  }

  @Test
  void ourMaturedExitIsFinalizedAndTheExitedCoinWithdrawnOnce() {
    CoinGuardPolicy carol = new CoinGuardPolicy(CAROL.address());
    ObservedClaim ours = exit(CAROL.address(), BOB.address(), 1000, 2000);
    List<WatchedCoin> early = List.of(coin(history(2), ours));
    assertTrue(decide(carol, early, CoinJournal.empty(), 5, MATURE - 1).isEmpty());
    CoinAction.FinalizeExit fin = assertInstanceOf(
        CoinAction.FinalizeExit.class,
        decide(carol, early, CoinJournal.empty(), 5, MATURE).get(0));
    WatchedCoin exited =
        new WatchedCoin(SLOT, ORIGIN, history(2), WatchedCoin.EXITED, CAROL.address(), List.of());
    CoinJournal j = done(CoinJournal.empty(), fin, 6);
    CoinAction.Withdraw w = assertInstanceOf(
        CoinAction.Withdraw.class, decide(carol, List.of(exited), j, 6, MATURE).get(0));
    assertTrue(decide(carol, List.of(exited), done(j, w, 7), 7, MATURE).isEmpty());
  }

  @Test
  void aClaimOurChallengeStillStandsAgainstIsFinalizedAtMaturitySoItFailsEvenAfterTheCoinLeft() {
    CoinGuardPolicy alice = new CoinGuardPolicy(ALICE.address());
    OwnFiling pending = new OwnFiling(SLOT, MALLORY.address(), false, 90, 0, true, MATURE);
    assertTrue(
        alice
            .decide(List.of(), List.of(pending), CoinJournal.empty(), 9, MATURE - 1)
            .isEmpty(),
        "not yet");
    List<CoinAction> actions =
        alice.decide(List.of(), List.of(pending), CoinJournal.empty(), 9, MATURE);
    assertEquals(1, actions.size());
    CoinAction.FinalizeExit fin = assertInstanceOf(CoinAction.FinalizeExit.class, actions.get(0));
    assertEquals(MALLORY.address(), fin.claimant());
  }

  @Test
  void ourChallengeItsClaimsCloseLeftOpenIsSettled() {
    CoinGuardPolicy alice = new CoinGuardPolicy(ALICE.address());
    OwnFiling leftOpen = new OwnFiling(SLOT, MALLORY.address(), true, 90, 33, false, 0);
    CoinAction.Settle settle = assertInstanceOf(
        CoinAction.Settle.class,
        alice.decide(List.of(), List.of(leftOpen), CoinJournal.empty(), 9, 0).get(0));
    assertEquals(90, settle.claimId());
    assertEquals(33, settle.index());
    assertTrue(settle.onCheckpoint());
    assertTrue(alice
        .decide(List.of(), List.of(leftOpen), done(CoinJournal.empty(), settle, 10), 10, 0)
        .isEmpty());
  }

  @Test
  void aForgedExitOfOurCoinIsChallengedAndOurOwnExitStartedBesideIt() {
    CoinGuardPolicy alice = new CoinGuardPolicy(ALICE.address());
    ObservedClaim forged = exit(MALLORY.address(), CAROL.address(), 3000, 4000);
    List<CoinAction> first =
        decide(alice, List.of(coin(history(0), forged)), CoinJournal.empty(), 9, 0);
    assertEquals(2, first.size(), first.toString());
    assertInstanceOf(CoinAction.Commit.class, first.get(0));
    CoinAction.StartExit own = assertInstanceOf(CoinAction.StartExit.class, first.get(1));
    assertEquals(SLOT, own.slot());
    assertTrue(
        decide(alice, List.of(coin(history(0), forged)), done(CoinJournal.empty(), own, 9), 9, 0)
            .stream()
            .noneMatch(a -> a instanceof CoinAction.StartExit),
        "once");
  }

  @Test
  void aClaimAgreeingWithOurHistoryIsLeftAlone() {
    // Bob checkpoints the coin he really holds; a watcher whose history agrees has nothing to
    // challenge
    CoinGuardPolicy carol = new CoinGuardPolicy(CAROL.address());
    ObservedClaim bobsCheckpoint = new ObservedClaim(
        new CoinClaim(SLOT, BOB.address(), ALICE.address(), 999, 1000, true),
        50,
        MATURE,
        List.of());
    assertTrue(decide(carol, List.of(coin(history(1), bobsCheckpoint)), CoinJournal.empty(), 5, 0)
        .isEmpty());
  }

  @Test
  void aStepThatKeepsFailingIsGivenUpAfterMaxAttempts() {
    CoinGuardPolicy bob = new CoinGuardPolicy(BOB.address());
    List<WatchedCoin> seen = List.of(coin(history(1), exit(ALICE.address(), Address.ZERO, 0, 999)));
    CoinJournal j = CoinJournal.empty();
    for (int i = 0; i < CoinGuardPolicy.MAX_ATTEMPTS; i++) {
      CoinAction a = decide(bob, seen, j, 5, 0).get(0);
      j = j.withFailure(
          a,
          new ActionRecord(
              0, a.key(), a.describe(), false, "", BigInteger.ZERO, BigInteger.ZERO, "x"));
    }
    assertTrue(decide(bob, seen, j, 5, 0).isEmpty());
  }

  @Test
  void theJournalSurvivesARestartSoNoStepIsRepeated() {
    CoinGuardPolicy bob = new CoinGuardPolicy(BOB.address());
    List<WatchedCoin> seen = List.of(coin(history(1), exit(ALICE.address(), Address.ZERO, 0, 999)));
    List<CoinAction> executed = new ArrayList<>();
    CoinGuard.Source source = new CoinGuard.Source() {
      @Override
      public List<WatchedCoin> observe() {
        return seen;
      }

      @Override
      public List<WatchedCoin.OwnFiling> ownFilings() {
        return List.of();
      }

      @Override
      public long l1Head() {
        return 20 + executed.size();
      }

      @Override
      public long l1Timestamp() {
        return 0;
      }
    };
    CoinGuard.Executor executor = a -> {
      executed.add(a);
      return new CoinOutcome(
          "0x" + executed.size(), 20 + executed.size(), BigInteger.ZERO, BigInteger.TEN);
    };
    List<String> lines = new ArrayList<>();
    new CoinGuard(
            BOB.address(),
            source,
            executor,
            new CoinJournalFile(dir, BOB.address()),
            () -> 1,
            lines::add)
        .pollOnce();
    assertEquals(2, executed.size(), "commit and reveal in one poll: " + executed);
    assertInstanceOf(CoinAction.Commit.class, executed.get(0));
    assertInstanceOf(CoinAction.RevealChallenge.class, executed.get(1));
    assertTrue(lines.get(1).startsWith("done   challenge-after the exit of coin 4"), lines.get(1));

    CoinGuard restarted = new CoinGuard(
        BOB.address(),
        source,
        executor,
        new CoinJournalFile(dir, BOB.address()),
        () -> 2,
        lines::add);
    assertEquals(0, restarted.pollOnce());
    assertEquals(2, executed.size());
    assertEquals(2, restarted.journal().report().size());
    assertTrue(decide(bob, seen, restarted.journal(), 30, 0).isEmpty());
  }
}
