package org.plasma4j.devnet.bench.gas;

import static org.plasma4j.devnet.bench.gas.People.ALICE;
import static org.plasma4j.devnet.bench.gas.People.BOB;
import static org.plasma4j.devnet.bench.gas.People.CAROL;
import static org.plasma4j.devnet.bench.gas.People.PROCESSOR;
import static org.plasma4j.devnet.bench.gas.Txs.eth;
import static org.plasma4j.devnet.bench.gas.Txs.ether;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.exit.ChallengeCommitment;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.bench.gas.Fixture.Reservation;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Deposits, block submission and the standard exit game: start, challenge, process. */
final class StandardExitGas {

  private static final String GROUP = "framework";

  private StandardExitGas() {}

  static void run(L1 l1, Figures out) {
    depositsBlockAndChallenge(l1, out);
    processBatchOfTen(l1, out);
  }

  /**
   * Two ETH deposits of alice and two of a token; a block of four payments whose last (2 inputs, 2
   * outputs, at tx index 3) pays bob 1 ETH at output 1; bob exits that output, the first exit in
   * the ETH queue; carol shows bob's later spend of it and takes the bond.
   */
  private static void depositsBlockAndChallenge(L1 l1, Figures out) {
    Fixture f = Fixture.deploy(l1);
    Fixture.Deposited d1 = f.depositEth(ALICE, ether(2));
    out.add(
        "depositEth.first", GROUP, "depositEth (first deposit of a new framework)", d1.receipt());
    Fixture.Deposited d2 = f.depositEth(ALICE, ether(3));
    out.add(GasIds.DEPOSIT_ETH, GROUP, "depositEth", d2.receipt());

    Address token = f.deployToken();
    l1.send(
        "mint",
        () -> f.token(token, Fixture.DEPLOYER)
            .mint(ALICE.address().toHex(), ether(10))
            .send());
    l1.send(
        "approve",
        () -> f.token(token, ALICE)
            .approve(f.deployment().framework().toHex(), ether(10))
            .send());
    out.add(
        "depositErc20.first",
        GROUP,
        "depositErc20 (first of its token in the vault)",
        l1.send(
            "depositErc20",
            () -> f.framework(ALICE).depositErc20(token.toHex(), ether(1)).send()));
    out.add(
        "depositErc20",
        GROUP,
        "depositErc20",
        l1.send(
            "depositErc20",
            () -> f.framework(ALICE).depositErc20(token.toHex(), ether(1)).send()));

    SignedTransaction spend = Txs.pay(
        List.of(d1.output().position(), d2.output().position()),
        List.of(eth(ALICE.address(), ether(4)), eth(BOB.address(), ether(1))),
        List.of(ALICE.keys(), ALICE.keys()),
        f.domain());
    List<SignedTransaction> txs = new ArrayList<>();
    for (long filler = 9; filler >= 7; filler--) {
      // payments of unrelated outputs: the contract checks inclusion, not the fillers' inputs
      txs.add(Txs.pay(
          OutputPosition.of(filler, 0, 0),
          CAROL.keys(),
          f.domain(),
          eth(CAROL.address(), BigInteger.valueOf(10 - filler))));
    }
    txs.add(spend);
    Fixture.Submitted block = f.submit(txs);
    out.add(GasIds.SUBMIT_BLOCK, GROUP, "submitBlock", block.receipt());

    StandardExitData exit = block.exitData(3, 1);
    Bytes32 key = Fixture.outputKey(exit);
    Reservation held = Reservation.heldBy(Fixture.STANDARD, exit.position().toBigInteger());
    BigInteger bond = f.params().exitBond();
    TransactionReceipt started = out.add(
        GasIds.START_STANDARD_EXIT,
        GROUP,
        "startStandardExit (2-in/2-out payment, tx 3 of 4, first exit in the queue)",
        l1.send(
            "startStandardExit",
            () -> f.framework(BOB)
                .startStandardExit(
                    exit.position().toBigInteger(),
                    exit.txBytes().toArray(),
                    exit.proof().toArray(),
                    BigInteger.valueOf(exit.blockTimestamp()),
                    bond)
                .send()));
    Checks.equal(
        "exits started", 1, PlasmaFramework.getExitStartedEvents(started).size());
    f.checkOutput("bob's output after startStandardExit", key, held, false);

    SignedTransaction bobSpends =
        Txs.pay(exit.position(), BOB.keys(), f.domain(), eth(CAROL.address(), ether(1)));
    Bytes spendBytes = Bytes.wrap(bobSpends.txBytes());
    out.add(
        GasIds.COMMIT_CHALLENGE,
        GROUP,
        "commitChallenge",
        l1.send(
            "commitChallenge",
            () -> f.framework(CAROL)
                .commitChallenge(
                    ChallengeCommitment.of(CAROL.address(), exit.position(), spendBytes)
                        .value())
                .send()));
    BigInteger carolBefore = l1.balance(CAROL.address());
    TransactionReceipt challenged = out.add(
        GasIds.CHALLENGE_STANDARD_EXIT,
        GROUP,
        "challengeStandardExit (the bond paid to the challenger)",
        l1.send(
            "challengeStandardExit",
            () -> f.framework(CAROL)
                .challengeStandardExit(
                    exit.position().toBigInteger(),
                    spendBytes.toArray(),
                    BigInteger.ZERO,
                    bobSpends.signatures().get(0).value())
                .send()));
    Checks.equal(
        "carol's balance after the challenge",
        carolBefore.add(bond).subtract(L1.fee(challenged)),
        l1.balance(CAROL.address()));
    // the challenged exit no longer holds the output: another exit of it may start
    f.checkOutput("bob's output after the challenge", key, Reservation.free(), false);
  }

  /**
   * Ten owners (funded accounts) each deposit 1 ETH and exit it; once the exits mature, one call
   * processes all ten: each owner is paid amount + bond − bounty, the processor ten bounties.
   */
  private static void processBatchOfTen(L1 l1, Figures out) {
    Fixture f = Fixture.deploy(l1);
    BigInteger bond = f.params().exitBond();
    BigInteger bounty = f.params().processBounty();
    List<Actor> owners = new ArrayList<>();
    List<BigInteger> before = new ArrayList<>();
    List<StandardExitData> exits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Actor owner = Actor.derived("exit-owner", i);
      l1.fund(owner.address(), ether(10));
      StandardExitData d = f.depositEth(owner, ether(1)).output();
      l1.send(
          "startStandardExit",
          () -> f.framework(owner)
              .startStandardExit(
                  d.position().toBigInteger(),
                  d.txBytes().toArray(),
                  d.proof().toArray(),
                  BigInteger.valueOf(d.blockTimestamp()),
                  bond)
              .send());
      f.checkOutput(
          owner.name() + "'s deposit after startStandardExit",
          Fixture.outputKey(d),
          Reservation.heldBy(Fixture.STANDARD, d.position().toBigInteger()),
          false);
      exits.add(d);
      owners.add(owner);
      before.add(l1.balance(owner.address()));
    }
    f.passExitPeriods();
    BigInteger processorBefore = l1.balance(PROCESSOR.address());
    TransactionReceipt processed = out.add(
        GasIds.PROCESS_EXITS_10,
        GROUP,
        "processExits(ETH, 10): ten standard exits of deposits, payees funded",
        l1.send(
            "processExits",
            () -> f.framework(PROCESSOR)
                .processExits(Address.ETH.toHex(), BigInteger.TEN)
                .send()),
        10);
    Checks.equal(
        "ETH exit queue after processing", BigInteger.ZERO, f.exitQueueLength(Address.ETH));
    Checks.equal(
        "exits finalized", 10, PlasmaFramework.getExitFinalizedEvents(processed).size());
    for (int i = 0; i < owners.size(); i++) {
      f.checkOutput(
          owners.get(i).name() + "'s deposit after processing",
          Fixture.outputKey(exits.get(i)),
          Reservation.free(),
          true);
      Checks.equal(
          owners.get(i).name() + "'s balance after processing",
          before.get(i).add(ether(1)).add(bond).subtract(bounty),
          l1.balance(owners.get(i).address()));
    }
    Checks.equal(
        "processor's balance after processing",
        processorBefore.add(bounty.multiply(BigInteger.TEN)).subtract(L1.fee(processed)),
        l1.balance(PROCESSOR.address()));
  }
}
