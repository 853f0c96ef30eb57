package org.plasma4j.devnet.bench.gas;

import static org.plasma4j.devnet.bench.gas.People.ALICE;
import static org.plasma4j.devnet.bench.gas.People.BOB;
import static org.plasma4j.devnet.bench.gas.People.CAROL;
import static org.plasma4j.devnet.bench.gas.People.DAVE;
import static org.plasma4j.devnet.bench.gas.People.PROCESSOR;
import static org.plasma4j.devnet.bench.gas.Txs.ether;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The Plasma Cash game, each scenario in a deployment of its own. Alice's 1 ETH coin moves to bob
 * and then to carol, each time in a block of 100 coin transfers (slots 0..99), so every coin proof
 * carries 7 non-empty siblings.
 */
final class CashGas {

  private static final String GROUP = "plasma cash";
  private static final int BUSY_BLOCK = 100;

  private CashGas() {}

  static void run(L1 l1, Figures out) {
    deposit(l1, out);
    startExit(l1, out);
    besideAnotherClaim(l1, out);
    challengeAfter(l1, out);
    challengeBetween(l1, out);
    challengeBeforeAndRespond(l1, out);
    finalizeAndWithdraw(l1, out);
    checkpoint(l1, out);
  }

  /** A block of coin transfers, its number and tree. */
  private record CoinBlock(long blkNum, CoinTree tree, TransactionReceipt receipt) {
    byte[] proof(long slot) {
      return tree.proof(slot).encode();
    }
  }

  /** The coin's two moves: alice → bob in {@code b1}, bob → carol in {@code b2}. */
  private record History(
      Fixture f,
      long slot,
      SignedCoinTransfer tx1,
      CoinBlock b1,
      Optional<Between> between,
      SignedCoinTransfer tx2,
      CoinBlock b2) {

    CashExitGame.CoinClaim carolClaim() {
      return new CashExitGame.CoinClaim(
          tx1.transfer().encode(),
          b1.proof(slot),
          tx2.transfer().encode(),
          tx2.signature().value(),
          b2.proof(slot),
          BigInteger.valueOf(b2.blkNum()));
    }

    CashExitGame.CoinClaim bobClaim() {
      return new CashExitGame.CoinClaim(
          new byte[0],
          new byte[0],
          tx1.transfer().encode(),
          tx1.signature().value(),
          b1.proof(slot),
          BigInteger.valueOf(b1.blkNum()));
    }
  }

  /** A transfer included between the claim's previous and exit blocks. */
  private record Between(SignedCoinTransfer tx, CoinBlock block) {}

  private static long depositCoin(Fixture f, Actor who, BigInteger wei) {
    TransactionReceipt r =
        f.l1().send("depositEth", () -> f.cash(who).depositEth(wei).send());
    return CashExitGame.getCoinDepositedEvents(r).get(0).slot.longValueExact();
  }

  /**
   * A block holding {@code transfer} at its slot and unrelated transfers at every other slot below
   * 100.
   */
  private static CoinBlock busyBlock(Fixture f, CoinTransfer transfer) {
    long blkNum = f.nextChildBlock();
    Map<Long, Bytes32> leaves = new HashMap<>();
    for (long slot = 0; slot < BUSY_BLOCK; slot++) {
      CoinTransfer t = slot == transfer.slot()
          ? transfer
          : new CoinTransfer(slot, 999, Address.fromHex(String.format("0x%040x", 0x5000 + slot)));
      leaves.put(slot, t.leafHash());
    }
    CoinTree tree = CoinTree.of(leaves);
    Bytes32 utxoRoot =
        new Bytes32(Keccak256.hash(("utxo " + blkNum).getBytes(StandardCharsets.UTF_8)));
    return new CoinBlock(blkNum, tree, f.submitWithCoins(utxoRoot, tree.root()));
  }

  private static History history(L1 l1) {
    return history(l1, false);
  }

  /**
   * The coin's history in a fresh deployment; with {@code doubleSpend}, bob's spend of block b1 to
   * dave is put in a busy block of its own between b1 and b2.
   */
  private static History history(L1 l1, boolean doubleSpend) {
    Fixture f = Fixture.deploy(l1);
    TransactionReceipt r =
        l1.send("depositEth", () -> f.cash(ALICE).depositEth(ether(1)).send());
    var deposited = CashExitGame.getCoinDepositedEvents(r).get(0);
    long slot = deposited.slot.longValueExact();
    SignedCoinTransfer tx1 = SignedCoinTransfer.sign(
        new CoinTransfer(slot, deposited.originBlock.longValueExact(), BOB.address()),
        ALICE.keys(),
        f.domain());
    CoinBlock b1 = busyBlock(f, tx1.transfer());
    Optional<Between> between = Optional.empty();
    if (doubleSpend) {
      SignedCoinTransfer toDave = SignedCoinTransfer.sign(
          new CoinTransfer(slot, b1.blkNum(), DAVE.address()), BOB.keys(), f.domain());
      between = Optional.of(new Between(toDave, busyBlock(f, toDave.transfer())));
    }
    SignedCoinTransfer tx2 = SignedCoinTransfer.sign(
        new CoinTransfer(slot, b1.blkNum(), CAROL.address()), BOB.keys(), f.domain());
    CoinBlock b2 = busyBlock(f, tx2.transfer());
    return new History(f, slot, tx1, b1, between, tx2, b2);
  }

  private static TransactionReceipt commitCoin(Fixture f, Actor who, long slot, Bytes32 txHash) {
    return f.l1()
        .send(
            "commitChallenge",
            () -> f.framework(who)
                .commitChallenge(ExitGameCommitments.coinChallenge(who.address(), slot, txHash)
                    .value())
                .send());
  }

  private static TransactionReceipt startCarolExit(History h) {
    return h.f()
        .l1()
        .send(
            "startExit",
            () -> h.f()
                .cash(CAROL)
                .startExit(
                    BigInteger.valueOf(h.slot()), h.carolClaim(), h.f().params().coinExitBond())
                .send());
  }

  /** Bob's coin first, so that alice's deposit finds the slot counter already non-zero. */
  private static void deposit(L1 l1, Figures out) {
    Fixture f = Fixture.deploy(l1);
    depositCoin(f, BOB, ether(1));
    out.add(
        "cash.depositEth",
        GROUP,
        "depositEth (a new coin; not the first)",
        l1.send("depositEth", () -> f.cash(ALICE).depositEth(ether(1)).send()));
  }

  private static void startExit(L1 l1, Figures out) {
    History h = history(l1);
    out.add(
        "cash.submitBlockWithCoins",
        GROUP,
        "submitBlockWithCoins (framework: UTXO root and coin root)",
        h.b2().receipt());
    TransactionReceipt r = out.add(
        "cash.startExit",
        GROUP,
        "startExit (2 transfers, 2 proofs of 7 siblings)",
        startCarolExit(h));
    Checks.equal("exits started", 1, CashExitGame.getCoinExitStartedEvents(r).size());
  }

  /**
   * Claims side by side: bob's exit of the coin he has since spent is pending when carol starts
   * hers; both mature unchallenged, carol's is finalized first and wins the coin, and bob's then
   * closes superseded, its bond credited back to him.
   */
  private static void besideAnotherClaim(L1 l1, Figures out) {
    History h = history(l1);
    Fixture f = h.f();
    BigInteger slot = BigInteger.valueOf(h.slot());
    l1.send(
        "startExit",
        () ->
            f.cash(BOB).startExit(slot, h.bobClaim(), f.params().coinExitBond()).send());
    TransactionReceipt started = out.add(
        "cash.startExit.beside",
        GROUP,
        "startExit beside another owner's pending exit",
        startCarolExit(h));
    Checks.equal(
        "exits started", 1, CashExitGame.getCoinExitStartedEvents(started).size());
    Checks.equal(
        "pending claims of the coin",
        BigInteger.TWO,
        L1.read(() -> f.cash(BOB).pendingClaims(slot).send()).component1());
    f.passExitPeriods();
    TransactionReceipt won = l1.send(
        "finalizeExit",
        () -> f.cash(PROCESSOR).finalizeExit(slot, CAROL.address().toHex()).send());
    Checks.equal(
        "exits finalized", 1, CashExitGame.getCoinExitFinalizedEvents(won).size());
    TransactionReceipt closed = out.add(
        "cash.finalizeExit.superseded",
        GROUP,
        "finalizeExit of a claim another exit superseded (bond credited)",
        l1.send(
            "finalizeExit",
            () -> f.cash(PROCESSOR).finalizeExit(slot, BOB.address().toHex()).send()));
    var cancelled = CashExitGame.getCoinExitCancelledEvents(closed);
    Checks.equal("exits closed", 1, cancelled.size());
    Checks.equal("close reason (superseded)", BigInteger.valueOf(4), cancelled.get(0).reason);
    Checks.equal(
        "bob's credited bond",
        f.params().coinExitBond(),
        L1.read(() -> f.cash(BOB).bonds(BOB.address().toHex()).send()));
  }

  private static void challengeAfter(L1 l1, Figures out) {
    History h = history(l1);
    Fixture f = h.f();
    l1.send(
        "startExit",
        () -> f.cash(BOB)
            .startExit(BigInteger.valueOf(h.slot()), h.bobClaim(), f.params().coinExitBond())
            .send());
    commitCoin(f, CAROL, h.slot(), h.tx2().transfer().hash());
    TransactionReceipt r = out.add(
        "cash.challengeAfter",
        GROUP,
        "challengeAfter (after a commit; the exit cancelled, its bond credited)",
        l1.send(
            "challengeAfter",
            () -> f.cash(CAROL)
                .challengeAfter(
                    BigInteger.valueOf(h.slot()),
                    BOB.address().toHex(),
                    h.tx2().transfer().encode(),
                    h.tx2().signature().value(),
                    h.b2().proof(h.slot()),
                    BigInteger.valueOf(h.b2().blkNum()))
                .send()));
    Checks.equal(
        "exits cancelled", 1, CashExitGame.getCoinExitCancelledEvents(r).size());
  }

  /**
   * Bob spent block b1 twice (to dave, then to carol): carol's exit is cancelled with the earlier
   * spend.
   */
  private static void challengeBetween(L1 l1, Figures out) {
    History h = history(l1, true);
    Fixture f = h.f();
    Between d = h.between().orElseThrow();
    startCarolExit(h);
    commitCoin(f, DAVE, h.slot(), d.tx().transfer().hash());
    TransactionReceipt r = out.add(
        "cash.challengeBetween",
        GROUP,
        "challengeBetween (after a commit; the exit cancelled, its bond credited)",
        l1.send(
            "challengeBetween",
            () -> f.cash(DAVE)
                .challengeBetween(
                    BigInteger.valueOf(h.slot()),
                    CAROL.address().toHex(),
                    d.tx().transfer().encode(),
                    d.tx().signature().value(),
                    d.block().proof(h.slot()),
                    BigInteger.valueOf(d.block().blkNum()))
                .send()));
    Checks.equal(
        "exits cancelled", 1, CashExitGame.getCoinExitCancelledEvents(r).size());
  }

  private static void challengeBeforeAndRespond(L1 l1, Figures out) {
    History h = history(l1);
    Fixture f = h.f();
    startCarolExit(h);
    commitCoin(f, DAVE, h.slot(), Bytes32.ZERO);
    TransactionReceipt challenged = out.add(
        "cash.challengeBeforeFromOrigin",
        GROUP,
        "challengeBeforeFromOrigin (after a commit; bonded)",
        l1.send(
            "challengeBeforeFromOrigin",
            () -> f.cash(DAVE)
                .challengeBeforeFromOrigin(
                    BigInteger.valueOf(h.slot()),
                    CAROL.address().toHex(),
                    false,
                    f.params().coinChallengeBond())
                .send()));
    Checks.equal(
        "challenges", 1, CashExitGame.getCoinChallengedEvents(challenged).size());
    commitCoin(f, CAROL, h.slot(), h.tx1().transfer().hash());
    TransactionReceipt answered = out.add(
        "cash.respondChallengeBefore",
        GROUP,
        "respondChallengeBefore (after a commit)",
        l1.send(
            "respondChallengeBefore",
            () -> f.cash(CAROL)
                .respondChallengeBefore(
                    BigInteger.valueOf(h.slot()),
                    CAROL.address().toHex(),
                    false,
                    h.tx1().transfer().encode(),
                    h.tx1().signature().value(),
                    h.b1().proof(h.slot()),
                    BigInteger.valueOf(h.b1().blkNum()))
                .send()));
    Checks.equal(
        "answers", 1, CashExitGame.getCoinChallengeAnsweredEvents(answered).size());
  }

  /** Carol's exit matures and is finalized; she withdraws the coin and then her bond. */
  private static void finalizeAndWithdraw(L1 l1, Figures out) {
    History h = history(l1);
    Fixture f = h.f();
    BigInteger slot = BigInteger.valueOf(h.slot());
    startCarolExit(h);
    f.passExitPeriods();
    TransactionReceipt finalized = out.add(
        "cash.finalizeExit",
        GROUP,
        "finalizeExit (no open challenge)",
        l1.send(
            "finalizeExit",
            () -> f.cash(PROCESSOR).finalizeExit(slot, CAROL.address().toHex()).send()));
    Checks.equal(
        "exits finalized", 1, CashExitGame.getCoinExitFinalizedEvents(finalized).size());
    BigInteger before = l1.balance(CAROL.address());
    TransactionReceipt withdrawn = out.add(
        "cash.withdraw",
        GROUP,
        "withdraw (the coin's 1 ETH)",
        l1.send(
            "withdraw",
            () -> f.cash(CAROL).withdraw(slot, CAROL.address().toHex()).send()));
    Checks.equal(
        "carol's balance after withdraw",
        before.add(ether(1)).subtract(L1.fee(withdrawn)),
        l1.balance(CAROL.address()));
    before = l1.balance(CAROL.address());
    TransactionReceipt bonds = out.add(
        "cash.withdrawBonds",
        GROUP,
        "withdrawBonds (the exit bond)",
        l1.send("withdrawBonds", () -> f.cash(CAROL).withdrawBonds().send()));
    Checks.equal(
        "carol's balance after withdrawBonds",
        before.add(f.params().coinExitBond()).subtract(L1.fee(bonds)),
        l1.balance(CAROL.address()));
  }

  private static void checkpoint(L1 l1, Figures out) {
    History h = history(l1);
    Fixture f = h.f();
    BigInteger slot = BigInteger.valueOf(h.slot());
    TransactionReceipt started = out.add(
        "cash.startCheckpoint",
        GROUP,
        "startCheckpoint (2 transfers, 2 proofs of 7 siblings)",
        l1.send(
            "startCheckpoint",
            () -> f.cash(CAROL)
                .startCheckpoint(slot, h.carolClaim(), f.params().checkpointBond())
                .send()));
    Checks.equal(
        "checkpoints started",
        1,
        CashExitGame.getCheckpointStartedEvents(started).size());
    f.passExitPeriods();
    TransactionReceipt finalized = out.add(
        "cash.finalizeCheckpoint",
        GROUP,
        "finalizeCheckpoint (the origin moves)",
        l1.send(
            "finalizeCheckpoint",
            () -> f.cash(PROCESSOR)
                .finalizeCheckpoint(slot, CAROL.address().toHex())
                .send()));
    Checks.equal(
        "checkpoints finalized",
        1,
        CashExitGame.getCheckpointFinalizedEvents(finalized).size());
  }
}
