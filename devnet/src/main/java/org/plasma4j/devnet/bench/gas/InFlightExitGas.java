package org.plasma4j.devnet.bench.gas;

import static org.plasma4j.devnet.bench.gas.People.ALICE;
import static org.plasma4j.devnet.bench.gas.People.BOB;
import static org.plasma4j.devnet.bench.gas.People.CAROL;
import static org.plasma4j.devnet.bench.gas.People.PROCESSOR;
import static org.plasma4j.devnet.bench.gas.Txs.eth;
import static org.plasma4j.devnet.bench.gas.Txs.ether;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.bench.gas.Fixture.Reservation;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The in-flight exit game (MoreVP), each call measured in a deployment of its own: alice's 5 ETH
 * child-block output pays bob 3 ETH and alice 2 ETH in a transaction that is in flight.
 */
final class InFlightExitGas {

  private static final String GROUP = "in-flight";

  private InFlightExitGas() {}

  static void run(L1 l1, Figures out) {
    startOneAndTwoInputs(l1, out);
    piggybacks(l1, out);
    canonicityGame(l1, out);
    inputSpent(l1, out);
    outputSpent(l1, out);
    processCanonical(l1, out);
    processNonCanonical(l1, out);
  }

  /**
   * An ETH output of {@code owner} in a child block: a deposit spent to the owner, then included.
   */
  private static StandardExitData childOutput(Fixture f, Actor owner, BigInteger amount) {
    StandardExitData d = f.depositEth(owner, amount).output();
    SignedTransaction tx =
        Txs.pay(d.position(), owner.keys(), f.domain(), eth(owner.address(), amount));
    return f.submit(List.of(tx)).exitData(0, 0);
  }

  /** The in-flight transaction: alice's 5 ETH output pays bob 3 ETH and alice 2 ETH. */
  private record Scene(Fixture f, StandardExitData input, InFlightExitData ife) {
    Bytes txBytes() {
      return ife.txBytes();
    }

    BigInteger ifeId() {
      return ife.ifeId();
    }

    /** Another transaction alice signs that spends the same input (pays carol). */
    SignedTransaction competitor() {
      return Txs.pay(input.position(), ALICE.keys(), f.domain(), eth(CAROL.address(), ether(5)));
    }
  }

  private static Scene alicePaysBob(L1 l1) {
    Fixture f = Fixture.deploy(l1);
    StandardExitData a = childOutput(f, ALICE, ether(5));
    SignedTransaction tx = Txs.pay(
        a.position(),
        ALICE.keys(),
        f.domain(),
        eth(BOB.address(), ether(3)),
        eth(ALICE.address(), ether(2)));
    return new Scene(f, a, InFlightExitData.of(tx, List.of(a)));
  }

  private static TransactionReceipt start(Fixture f, Actor who, InFlightExitData d) {
    return f.l1()
        .send(
            "startInFlightExit",
            () -> f.ife(who)
                .startInFlightExit(
                    d.txBytes().toArray(),
                    d.inputTxs().stream().map(Bytes::toArray).toList(),
                    d.inputPositions().stream().map(BigInteger::valueOf).toList(),
                    d.inputProofs().stream().map(Bytes::toArray).toList(),
                    d.inputTimestamps().stream().map(BigInteger::valueOf).toList(),
                    d.signatures().stream().map(Bytes::toArray).toList(),
                    f.params().inFlightExitBond())
                .send());
  }

  private static TransactionReceipt piggybackOutput(Scene s, Actor who, int index) {
    return s.f()
        .l1()
        .send(
            "piggybackInFlightExitOnOutput",
            () -> s.f()
                .ife(who)
                .piggybackInFlightExitOnOutput(
                    s.txBytes().toArray(),
                    BigInteger.valueOf(index),
                    s.f().params().piggybackBond())
                .send());
  }

  private static TransactionReceipt piggybackInput(Scene s, Actor who, int index) {
    return s.f()
        .l1()
        .send(
            "piggybackInFlightExitOnInput",
            () -> s.f()
                .ife(who)
                .piggybackInFlightExitOnInput(
                    s.txBytes().toArray(),
                    BigInteger.valueOf(index),
                    s.f().params().piggybackBond())
                .send());
  }

  private static TransactionReceipt commit(Fixture f, Actor who, Bytes32 commitment) {
    return f.l1()
        .send(
            "commitChallenge",
            () -> f.framework(who).commitChallenge(commitment.value()).send());
  }

  /** Carol shows alice's competitor, never included: the exit becomes non-canonical. */
  private static TransactionReceipt challengeNotIncluded(Scene s) {
    SignedTransaction c = s.competitor();
    Bytes cBytes = Bytes.wrap(c.txBytes());
    commit(s.f(), CAROL, ExitGameCommitments.withTx(CAROL.address(), s.ifeId(), cBytes));
    return s.f()
        .l1()
        .send(
            "challengeInFlightExitNotCanonical",
            () -> s.f()
                .ife(CAROL)
                .challengeInFlightExitNotCanonical(
                    s.txBytes().toArray(),
                    BigInteger.ZERO,
                    cBytes.toArray(),
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    new byte[0],
                    BigInteger.ZERO,
                    c.signatures().get(0).value())
                .send());
  }

  /** The start queues the exit in the ETH queue, piggybacked or not, and reserves nothing yet. */
  private static void startOneAndTwoInputs(L1 l1, Figures out) {
    Scene s = alicePaysBob(l1);
    TransactionReceipt started = out.add(
        "startInFlightExit.1",
        GROUP,
        "startInFlightExit, 1 input (queues the exit)",
        start(s.f(), BOB, s.ife()));
    Checks.equal(
        "in-flight exits started",
        1,
        InFlightExitGame.getInFlightExitStartedEvents(started).size());
    Checks.equal(
        "ETH exit queue after the start", BigInteger.ONE, s.f().exitQueueLength(Address.ETH));
    s.f()
        .checkOutput(
            "the input after the start", Fixture.outputKey(s.input()), Reservation.free(), false);

    Fixture f = Fixture.deploy(l1);
    StandardExitData a = childOutput(f, ALICE, ether(5));
    StandardExitData b = childOutput(f, BOB, ether(1));
    SignedTransaction tx = Txs.pay(
        List.of(a.position(), b.position()),
        List.of(eth(CAROL.address(), ether(4)), eth(ALICE.address(), ether(2))),
        List.of(ALICE.keys(), BOB.keys()),
        f.domain());
    out.add(
        "startInFlightExit.2",
        GROUP,
        "startInFlightExit, 2 inputs (queues the exit)",
        start(f, CAROL, InFlightExitData.of(tx, List.of(a, b))));
    Checks.equal("ETH exit queue after the start", BigInteger.ONE, f.exitQueueLength(Address.ETH));
  }

  /**
   * Each piggyback reserves the output it claims for the exit (a new word in the framework); an ETH
   * piggyback queues nothing, since the start queued the exit in the ETH queue.
   */
  private static void piggybacks(L1 l1, Figures out) {
    Scene s = alicePaysBob(l1);
    Fixture f = s.f();
    start(f, BOB, s.ife());
    Reservation held = Reservation.heldBy(Fixture.IN_FLIGHT, s.ifeId());
    TransactionReceipt onOutput = out.add(
        "piggybackOutput.first",
        GROUP,
        "piggybackInFlightExitOnOutput (reserves the output)",
        piggybackOutput(s, BOB, 0));
    Checks.equal(
        "outputs piggybacked",
        1,
        InFlightExitGame.getInFlightExitOutputPiggybackedEvents(onOutput).size());
    f.checkOutput(
        "the in-flight output after its piggyback",
        OutputKey.ofTxHash(s.ife().txHash(), 0),
        held,
        false);
    TransactionReceipt onInput = out.add(
        "piggybackInput",
        GROUP,
        "piggybackInFlightExitOnInput (reserves the input)",
        piggybackInput(s, ALICE, 0));
    Checks.equal(
        "inputs piggybacked",
        1,
        InFlightExitGame.getInFlightExitInputPiggybackedEvents(onInput).size());
    f.checkOutput("the input after its piggyback", Fixture.outputKey(s.input()), held, false);
    Checks.equal(
        "ETH exit queue after the piggybacks", BigInteger.ONE, f.exitQueueLength(Address.ETH));
  }

  private static void canonicityGame(L1 l1, Figures out) {
    Scene s = alicePaysBob(l1);
    Fixture f = s.f();
    start(f, BOB, s.ife());
    Inclusion at = f.submit(List.of(s.ife().inFlightTx())).inclusion(0);
    out.add(
        "challengeNotCanonical",
        GROUP,
        "challengeInFlightExitNotCanonical (competitor not included, after a commit)",
        challengeNotIncluded(s));
    commit(f, BOB, ExitGameCommitments.response(BOB.address(), s.ifeId(), at.position()));
    TransactionReceipt responded = out.add(
        "respondToNonCanonicalChallenge",
        GROUP,
        "respondToNonCanonicalChallenge (after a commit)",
        l1.send(
            "respondToNonCanonicalChallenge",
            () -> f.ife(BOB)
                .respondToNonCanonicalChallenge(
                    s.txBytes().toArray(),
                    BigInteger.valueOf(at.position()),
                    at.proof().toArray(),
                    BigInteger.valueOf(at.blockTimestamp()))
                .send()));
    Checks.equal(
        "responses",
        1,
        InFlightExitGame.getInFlightExitChallengeRespondedEvents(responded).size());
  }

  private static void inputSpent(L1 l1, Figures out) {
    Scene s = alicePaysBob(l1);
    Fixture f = s.f();
    start(f, BOB, s.ife());
    piggybackInput(s, ALICE, 0);
    SignedTransaction c = s.competitor();
    Bytes cBytes = Bytes.wrap(c.txBytes());
    commit(f, CAROL, ExitGameCommitments.withTx(CAROL.address(), s.ifeId(), cBytes));
    TransactionReceipt blocked = out.add(
        "challengeInputSpent",
        GROUP,
        "challengeInFlightExitInputSpent (after a commit)",
        l1.send(
            "challengeInFlightExitInputSpent",
            () -> f.ife(CAROL)
                .challengeInFlightExitInputSpent(
                    s.txBytes().toArray(),
                    BigInteger.ZERO,
                    cBytes.toArray(),
                    BigInteger.ZERO,
                    c.signatures().get(0).value())
                .send()));
    Checks.equal(
        "inputs blocked",
        1,
        InFlightExitGame.getInFlightExitInputBlockedEvents(blocked).size());
    f.checkOutput(
        "the input after its piggyback was challenged",
        Fixture.outputKey(s.input()),
        Reservation.free(),
        false);
  }

  private static void outputSpent(L1 l1, Figures out) {
    Scene s = alicePaysBob(l1);
    Fixture f = s.f();
    start(f, ALICE, s.ife());
    piggybackOutput(s, BOB, 0);
    Inclusion at = f.submit(List.of(s.ife().inFlightTx())).inclusion(0);
    SignedTransaction spend = Txs.pay(
        OutputPosition.decode(at.position()),
        BOB.keys(),
        f.domain(),
        eth(CAROL.address(), ether(3)));
    Bytes spendBytes = Bytes.wrap(spend.txBytes());
    commit(f, CAROL, ExitGameCommitments.withTx(CAROL.address(), s.ifeId(), spendBytes));
    TransactionReceipt blocked = out.add(
        "challengeOutputSpent",
        GROUP,
        "challengeInFlightExitOutputSpent (after a commit)",
        l1.send(
            "challengeInFlightExitOutputSpent",
            () -> f.ife(CAROL)
                .challengeInFlightExitOutputSpent(
                    s.txBytes().toArray(),
                    BigInteger.ZERO,
                    BigInteger.valueOf(at.position()),
                    at.proof().toArray(),
                    BigInteger.valueOf(at.blockTimestamp()),
                    spendBytes.toArray(),
                    BigInteger.ZERO,
                    spend.signatures().get(0).value())
                .send()));
    Checks.equal(
        "outputs blocked",
        1,
        InFlightExitGame.getInFlightExitOutputBlockedEvents(blocked).size());
    f.checkOutput(
        "the output after its piggyback was challenged",
        OutputKey.ofTxHash(s.ife().txHash(), 0),
        Reservation.free(),
        false);
  }

  /**
   * Canonical, both outputs piggybacked: two payouts, the input flagged, the exit bond returned.
   */
  private static void processCanonical(L1 l1, Figures out) {
    Scene s = alicePaysBob(l1);
    Fixture f = s.f();
    start(f, ALICE, s.ife());
    piggybackOutput(s, BOB, 0);
    piggybackOutput(s, ALICE, 1);
    f.passExitPeriods();
    TransactionReceipt processed = out.add(
        "processExits.ifeCanonical",
        GROUP,
        "processExits(ETH, 1): canonical in-flight exit, 2 outputs paid",
        l1.send(
            "processExits",
            () -> f.framework(PROCESSOR)
                .processExits(Address.ETH.toHex(), BigInteger.ONE)
                .send()));
    Checks.equal(
        "ETH exit queue after processing", BigInteger.ZERO, f.exitQueueLength(Address.ETH));
    finalized(processed, true);
    for (int i = 0; i < 2; i++) {
      f.checkOutput(
          "in-flight output " + i + " after processing",
          OutputKey.ofTxHash(s.ife().txHash(), i),
          Reservation.free(),
          true);
    }
    // the canonical transaction spent its input: no exit of it may ever be paid
    f.checkOutput(
        "the input after processing", Fixture.outputKey(s.input()), Reservation.free(), true);
  }

  /** Non-canonical, the input piggybacked: one payout, the exit bond to the challenger. */
  private static void processNonCanonical(L1 l1, Figures out) {
    Scene s = alicePaysBob(l1);
    Fixture f = s.f();
    start(f, BOB, s.ife());
    piggybackInput(s, ALICE, 0);
    challengeNotIncluded(s);
    f.passExitPeriods();
    TransactionReceipt processed = out.add(
        "processExits.ifeNonCanonical",
        GROUP,
        "processExits(ETH, 1): non-canonical in-flight exit, 1 input paid",
        l1.send(
            "processExits",
            () -> f.framework(PROCESSOR)
                .processExits(Address.ETH.toHex(), BigInteger.ONE)
                .send()));
    Checks.equal(
        "ETH exit queue after processing", BigInteger.ZERO, f.exitQueueLength(Address.ETH));
    finalized(processed, false);
    f.checkOutput(
        "the piggybacked input after processing",
        Fixture.outputKey(s.input()),
        Reservation.free(),
        true);
  }

  private static void finalized(TransactionReceipt processed, boolean canonical) {
    var events = InFlightExitGame.getInFlightExitFinalizedEvents(processed);
    Checks.equal("in-flight exits finalized", 1, events.size());
    Checks.equal("finalized as canonical", canonical, events.get(0).canonical);
  }
}
