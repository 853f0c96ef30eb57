package org.plasma4j.devnet.bench.gas;

import static org.plasma4j.devnet.bench.gas.People.ALICE;
import static org.plasma4j.devnet.bench.gas.People.BOB;
import static org.plasma4j.devnet.bench.gas.People.CAROL;
import static org.plasma4j.devnet.bench.gas.People.FUNDER;
import static org.plasma4j.devnet.bench.gas.Txs.eth;
import static org.plasma4j.devnet.bench.gas.Txs.ether;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.bench.gas.Fixture.Reservation;
import org.plasma4j.rootchain.MassExitClient;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The mass exit game: one startMassExit for 1, 10 and 100 outputs of child blocks and of deposits,
 * the same next to a standard exit of the same kind of output, 100 owners exiting by consent and
 * then paid, and a challenge of one output.
 */
final class MassExitGas {

  private static final String GROUP = "mass exit";
  /** Transactions per child block, as in the forge gas tests: proofs of 4 siblings (130 bytes). */
  private static final int BLOCK = 16;
  /** MassExitGame.State values. */
  private static final BigInteger FINALIZED = BigInteger.TWO;

  private static final BigInteger WITHDRAWN = BigInteger.valueOf(3);

  private MassExitGas() {}

  static void run(L1 l1, Figures out) {
    for (int n : new int[] {1, 10, 100}) {
      Fixture f = funded(l1);
      measureStart(
          f,
          out,
          "startMassExit.child" + n,
          "startMassExit, " + outputs(n, "child-block") + " of the initiator",
          ALICE,
          childBatch(f, n, List.of(ALICE), ALICE, 50, false));
    }
    for (int n : new int[] {1, 10, 100}) {
      Fixture f = funded(l1);
      measureStart(
          f,
          out,
          "startMassExit.deposit" + n,
          "startMassExit, " + outputs(n, "deposit") + " of the initiator",
          ALICE,
          depositBatch(f, n));
    }
    againstAStandardExit(l1, out);
    hundredOwnersByConsent(l1, out);
    challengeOneOutput(l1, out);
  }

  private static String outputs(int n, String kind) {
    return n + " " + kind + (n == 1 ? " output" : " outputs");
  }

  /**
   * A fresh deployment whose vault holds 100 ETH, so that exits of child-block outputs are backed.
   */
  private static Fixture funded(L1 l1) {
    Fixture f = Fixture.deploy(l1);
    f.depositEth(FUNDER, ether(100));
    return f;
  }

  private static BigInteger amountOf(int i) {
    return Txs.ETHER
        .divide(BigInteger.valueOf(100))
        .add(BigInteger.valueOf(i).multiply(BigInteger.TEN.pow(9)));
  }

  /** A consent stays usable this long after the block it names (the bench runs in minutes). */
  private static final long CONSENT_LIFETIME_SECONDS = 86_400;

  /**
   * {@code n} outputs at output 0 of one-input, two-output payments, 16 to a block; tx i pays
   * {@code amountOf(i)} to the next of {@code owners} and change to carol. The payments spend
   * made-up outputs of block {@code firstInputBlock} on: the game checks inclusion, not the inputs.
   * With {@code consent}, each owner signs, once every block is submitted, a consent naming
   * {@code initiator} and vouching for the blocks up to the batch's last.
   */
  static MassExitBatch childBatch(
      Fixture f,
      int n,
      List<Actor> owners,
      Actor initiator,
      long firstInputBlock,
      boolean consent) {
    record Pending(
        OutputPosition position,
        SignedTransaction tx,
        CompressedProof proof,
        long timestamp,
        Actor owner) {}
    List<Pending> pending = new ArrayList<>();
    for (int k = 0; k * BLOCK < n; k++) {
      List<SignedTransaction> txs = new ArrayList<>();
      List<Actor> blockOwners = new ArrayList<>();
      for (int i = 0; i < BLOCK; i++) {
        Actor owner = owners.get((k * BLOCK + i) % owners.size());
        blockOwners.add(owner);
        txs.add(Txs.pay(
            OutputPosition.of(firstInputBlock + k, i, 0),
            CAROL.keys(),
            f.domain(),
            eth(owner.address(), amountOf(i)),
            eth(CAROL.address(), Txs.ETHER.add(BigInteger.valueOf(i)))));
      }
      Fixture.Submitted block = f.submit(txs);
      for (int i = 0; i < BLOCK && k * BLOCK + i < n; i++) {
        pending.add(new Pending(
            OutputPosition.of(block.blkNum(), i, 0),
            txs.get(i),
            block.tree().compressedProof(i),
            block.timestamp(),
            blockOwners.get(i)));
      }
    }
    long lastBlock = pending.get(pending.size() - 1).position().blkNum();
    List<MassExitBatch.Exiting> exiting = new ArrayList<>();
    for (Pending p : pending) {
      Optional<MassExitBatch.Consent> consentSig = consent
          ? Optional.of(MassExitBatch.signConsent(
              p.owner().keys().privateKey(),
              p.position().encode(),
              initiator.address(),
              p.timestamp() + CONSENT_LIFETIME_SECONDS,
              lastBlock,
              f.domain().separator()))
          : Optional.empty();
      exiting.add(new MassExitBatch.Exiting(
          p.position(), p.tx().tx(), p.proof(), p.timestamp(), consentSig));
    }
    return MassExitBatch.of(
        Address.ETH, initiator.address(), exiting, f.domain().separator());
  }

  /**
   * {@code n} ETH deposits of alice (0.1 ETH + i wei), whose proofs compress to the 2-byte
   * {@code 0x0000}.
   */
  private static MassExitBatch depositBatch(Fixture f, int n) {
    List<MassExitBatch.Exiting> exiting = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StandardExitData d = f.depositEth(
              ALICE, ether(1).divide(BigInteger.TEN).add(BigInteger.valueOf(i)))
          .output();
      exiting.add(new MassExitBatch.Exiting(
          d.position(),
          TransactionDecoder.decodeTransaction(d.txBytes().toArray()).orElseThrow(),
          CompressedProof.compress(d.proof()),
          d.blockTimestamp(),
          Optional.empty()));
    }
    return MassExitBatch.of(Address.ETH, ALICE.address(), exiting, f.domain().separator());
  }

  /** A started batch: its id and the leaves later calls repeat. */
  record Started(
      TransactionReceipt receipt, BigInteger batchId, List<MassExitGame.MassExitLeaf> leaves) {}

  static Started start(Fixture f, Actor initiator, MassExitBatch batch) {
    List<MassExitGame.MassExitItem> items = MassExitClient.items(batch);
    BigInteger bond = f.params().massExitBondPerOutput().multiply(BigInteger.valueOf(items.size()));
    // the consents here vouch for every block up to the batch's last and no child block follows it
    // before
    // the start: no block header is needed (the same zero words a batch without consents sends)
    TransactionReceipt r = f.l1()
        .send(
            "startMassExit",
            () -> f.mass(initiator)
                .startMassExit(Address.ETH.toHex(), items, new byte[32], BigInteger.ZERO, bond)
                .send());
    var started = MassExitGame.getMassExitStartedEvents(r);
    Checks.equal("batches started", 1, started.size());
    List<MassExitGame.MassExitLeaf> leaves = structs(batch.leaves());
    Checks.equal("leaves of the started batch", leafKeys(leaves), leafKeys(started.get(0).leaves));
    BigInteger batchId = started.get(0).batchId;
    // every output is the batch's alone from its start: no other exit can take it or its escrow
    checkOutputs(f, "after startMassExit", batch, Reservation.heldBy(Fixture.MASS, batchId), false);
    return new Started(r, batchId, leaves);
  }

  private static void checkOutputs(
      Fixture f, String when, MassExitBatch batch, Reservation expected, boolean exited) {
    for (MassExitLeaf leaf : batch.leaves()) {
      f.checkOutput("output " + leaf.position() + " " + when, leaf.outputKey(), expected, exited);
    }
  }

  /**
   * The batch's record: its state (MassExitGame.State) and its amount (pending) or escrow
   * (processed).
   */
  private record Batch(BigInteger state, BigInteger remaining) {}

  private static Batch batch(Fixture f, BigInteger batchId) {
    var b = L1.read(() -> f.mass(BOB).massExits(batchId).send());
    return new Batch(b.component7(), b.component4());
  }

  private static Started measureStart(
      Fixture f, Figures out, String id, String call, Actor initiator, MassExitBatch batch) {
    Started s = start(f, initiator, batch);
    out.add(id, GROUP, call, s.receipt(), batch.items().size());
    return s;
  }

  private static List<MassExitGame.MassExitLeaf> structs(List<MassExitLeaf> leaves) {
    return leaves.stream()
        .map(l -> new MassExitGame.MassExitLeaf(
            BigInteger.valueOf(l.position()), l.outputKey().value(), l.owner().toHex(), l.amount()))
        .toList();
  }

  private static List<String> leafKeys(List<MassExitGame.MassExitLeaf> leaves) {
    return leaves.stream()
        .map(l -> l.position + "/" + Bytes.wrap(l.outputKey).toHex() + "/" + l.owner.toLowerCase()
            + "/" + l.amount)
        .toList();
  }

  /**
   * The target's comparison: in one deployment, bob's standard exit of output 0 of tx 5 of a
   * 16-payment block, then alice's mass exit of 100 outputs of the same kind.
   */
  private static void againstAStandardExit(L1 l1, Figures out) {
    Fixture f = funded(l1);
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < BLOCK; i++) {
      txs.add(Txs.pay(
          OutputPosition.of(40, i, 0),
          CAROL.keys(),
          f.domain(),
          eth(BOB.address(), amountOf(i)),
          eth(CAROL.address(), Txs.ETHER.add(BigInteger.valueOf(i)))));
    }
    StandardExitData exit = f.submit(txs).exitData(5, 0);
    TransactionReceipt standard = out.add(
        GasIds.START_STANDARD_EXIT_16,
        GROUP,
        "startStandardExit of the same kind of output (tx 5 of 16), same deployment",
        f.l1()
            .send(
                "startStandardExit",
                () -> f.framework(BOB)
                    .startStandardExit(
                        exit.position().toBigInteger(),
                        exit.txBytes().toArray(),
                        exit.proof().toArray(),
                        BigInteger.valueOf(exit.blockTimestamp()),
                        f.params().exitBond())
                    .send()));
    f.checkOutput(
        "bob's output after startStandardExit",
        Fixture.outputKey(exit),
        Reservation.heldBy(Fixture.STANDARD, exit.position().toBigInteger()),
        false);
    out.breakDown(f, GasIds.START_STANDARD_EXIT_16, standard);
    Started mass = measureStart(
        f,
        out,
        GasIds.MASS_EXIT_CHILD_100_RATIO_RUN,
        "startMassExit, 100 child-block outputs, after that standard exit",
        ALICE,
        childBatch(f, 100, List.of(ALICE), ALICE, 50, false));
    out.breakDown(f, GasIds.MASS_EXIT_CHILD_100_RATIO_RUN, mass.receipt());
  }

  /**
   * 100 owners (funded accounts holding exactly 1 ETH) each sign a consent; carol exits their 100
   * outputs in one batch; bob processes the batch and then pays every leaf: each owner ends with 1
   * ETH + amount.
   */
  private static void hundredOwnersByConsent(L1 l1, Figures out) {
    Fixture f = funded(l1);
    List<Actor> owners = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Actor owner = Actor.derived("mass-owner", i);
      l1.fund(owner.address(), ether(1));
      owners.add(owner);
    }
    MassExitBatch batch = childBatch(f, 100, owners, CAROL, 50, true);
    Started s = measureStart(
        f,
        out,
        "startMassExit.child100.consents",
        "startMassExit, 100 outputs of 100 owners, each with a consent",
        CAROL,
        batch);
    f.passExitPeriods();
    BigInteger total =
        batch.leaves().stream().map(MassExitLeaf::amount).reduce(BigInteger.ZERO, BigInteger::add);
    Address game = f.deployment().massExitGame();
    BigInteger gameBefore = l1.balance(game);
    TransactionReceipt processed = out.add(
        GasIds.PROCESS_EXITS_MASS_100,
        GROUP,
        "processExits(ETH, 1): the batch of 100 (one queue entry)",
        l1.send(
            "processExits",
            () -> f.framework(BOB)
                .processExits(Address.ETH.toHex(), BigInteger.ONE)
                .send()));
    Checks.equal(
        "ETH exit queue after processing", BigInteger.ZERO, f.exitQueueLength(Address.ETH));
    Checks.equal(
        "batches finalized",
        1,
        MassExitGame.getMassExitFinalizedEvents(processed).size());
    Checks.equal(
        "short escrows", 0, MassExitGame.getMassExitEscrowShortEvents(processed).size());
    Checks.equal(
        "credited escrows",
        0,
        MassExitGame.getMassExitEscrowCreditedEvents(processed).size());
    // the batch's whole amount left the vault into this batch's own escrow
    Checks.equal("the processed batch", new Batch(FINALIZED, total), batch(f, s.batchId()));
    Checks.equal("the game's ETH after processing", gameBefore.add(total), l1.balance(game));
    // still held by the batch, which marks each paid at withdrawal, but already exited: their
    // amount left
    // the vault, so no in-flight spend of one may be canonical
    checkOutputs(f, "after processing", batch, Reservation.heldBy(Fixture.MASS, s.batchId()), true);
    TransactionReceipt withdrawn = out.add(
        GasIds.WITHDRAW_MASS_EXIT_100,
        GROUP,
        "withdrawMassExit: pays 100 leaves to 100 funded owners",
        l1.send(
            "withdrawMassExit",
            () -> f.mass(BOB).withdrawMassExit(s.batchId(), s.leaves()).send()),
        100);
    Checks.equal(
        "leaves paid", 100, MassExitGame.getMassExitOutputPaidEvents(withdrawn).size());
    out.breakDown(f, GasIds.WITHDRAW_MASS_EXIT_100, withdrawn);
    Checks.equal("the withdrawn batch's state", WITHDRAWN, batch(f, s.batchId()).state());
    Checks.equal("the game's ETH after withdrawMassExit", gameBefore, l1.balance(game));
    checkOutputs(f, "after withdrawMassExit", batch, Reservation.free(), true);
    for (int i = 0; i < owners.size(); i++) {
      Actor owner = owners.get(i);
      BigInteger amount = batch.leaves().stream()
          .filter(l -> l.owner().equals(owner.address()))
          .map(MassExitLeaf::amount)
          .reduce(BigInteger.ZERO, BigInteger::add);
      Checks.equal(
          owner.name() + "'s balance after withdrawMassExit",
          ether(1).add(amount),
          l1.balance(owner.address()));
    }
  }

  /**
   * Alice exits 10 outputs; carol commits to and shows alice's spend of the fifth and takes its
   * bond.
   */
  private static void challengeOneOutput(L1 l1, Figures out) {
    Fixture f = funded(l1);
    MassExitBatch batch = childBatch(f, 10, List.of(ALICE), ALICE, 50, false);
    Started s = start(f, ALICE, batch);
    MassExitLeaf leaf = batch.leaves().get(4);
    SignedTransaction spend = Txs.pay(
        OutputPosition.decode(leaf.position()),
        ALICE.keys(),
        f.domain(),
        eth(CAROL.address(), leaf.amount()));
    Bytes spendBytes = Bytes.wrap(spend.txBytes());
    out.add(
        "commitChallenge.mass",
        GROUP,
        "commitChallenge (for a mass-exit output)",
        l1.send(
            "commitChallenge",
            () -> f.framework(CAROL)
                .commitChallenge(ExitGameCommitments.massExitChallenge(
                        CAROL.address(), s.batchId(), 4, spendBytes)
                    .value())
                .send()));
    BigInteger carolBefore = l1.balance(CAROL.address());
    TransactionReceipt r = out.add(
        "challengeMassExitOutput",
        GROUP,
        "challengeMassExitOutput (leaf 5 of 10; its bond paid to the challenger)",
        l1.send(
            "challengeMassExitOutput",
            () -> f.mass(CAROL)
                .challengeMassExitOutput(
                    s.batchId(),
                    s.leaves(),
                    BigInteger.valueOf(4),
                    spendBytes.toArray(),
                    BigInteger.ZERO,
                    spend.signatures().get(0).value())
                .send()));
    Checks.equal(
        "carol's balance after the challenge",
        carolBefore.add(f.params().massExitBondPerOutput()).subtract(L1.fee(r)),
        l1.balance(CAROL.address()));
    Checks.equal(
        "outputs challenged",
        1,
        MassExitGame.getMassExitOutputChallengedEvents(r).size());
    // the challenged leaf leaves the batch's amount and frees its output; the other nine stay held
    BigInteger rest = batch.leaves().stream()
        .map(MassExitLeaf::amount)
        .reduce(BigInteger.ZERO, BigInteger::add)
        .subtract(leaf.amount());
    Checks.equal(
        "the batch after the challenge", new Batch(BigInteger.ONE, rest), batch(f, s.batchId()));
    for (int i = 0; i < batch.leaves().size(); i++) {
      MassExitLeaf l = batch.leaves().get(i);
      f.checkOutput(
          "leaf " + i + " after the challenge",
          l.outputKey(),
          i == 4 ? Reservation.free() : Reservation.heldBy(Fixture.MASS, s.batchId()),
          false);
    }
  }
}
