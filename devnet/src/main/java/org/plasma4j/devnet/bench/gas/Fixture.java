package org.plasma4j.devnet.bench.gas;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.FrameworkDeployer;
import org.plasma4j.rootchain.FrameworkDeployer.Deployment;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One fresh deployment of the framework and its three exit games, registered as the devnet
 * registers them. Each measured scenario gets its own, so that its first exit is the first in its
 * queue and no other scenario's storage changes what a call costs.
 */
final class Fixture {

  /** Seconds; short, so that exits mature after one jump of the clock. */
  static final long MEP = 100;

  static final Actor DEPLOYER = Actor.dev("deployer", DevAccounts.DEPLOYER);
  static final Actor OPERATOR = Actor.dev("operator", DevAccounts.OPERATOR);

  private final L1 l1;
  private final Deployment deployment;
  private final FrameworkParams params;
  private final Domain domain;

  private Fixture(L1 l1, Deployment deployment, FrameworkParams params) {
    this.l1 = l1;
    this.deployment = deployment;
    this.params = params;
    this.domain = new Domain(l1.chainId(), deployment.framework());
  }

  static Fixture deploy(L1 l1) {
    FrameworkParams params = FrameworkParams.defaults(OPERATOR.address()).withMinExitPeriod(MEP);
    Deployment deployment =
        new FrameworkDeployer(l1.web3j(), DEPLOYER.credentials()).deploy(params);
    return new Fixture(l1, deployment, params);
  }

  L1 l1() {
    return l1;
  }

  Deployment deployment() {
    return deployment;
  }

  FrameworkParams params() {
    return params;
  }

  Domain domain() {
    return domain;
  }

  PlasmaFramework framework(Actor who) {
    return PlasmaFramework.load(
        deployment.framework().toHex(), l1.web3j(), l1.signer(who), l1.gas());
  }

  InFlightExitGame ife(Actor who) {
    return InFlightExitGame.load(
        deployment.inFlightExitGame().toHex(), l1.web3j(), l1.signer(who), l1.gas());
  }

  MassExitGame mass(Actor who) {
    return MassExitGame.load(
        deployment.massExitGame().toHex(), l1.web3j(), l1.signer(who), l1.gas());
  }

  CashExitGame cash(Actor who) {
    return CashExitGame.load(
        deployment.cashExitGame().toHex(), l1.web3j(), l1.signer(who), l1.gas());
  }

  Address deployToken() {
    return new FrameworkDeployer(l1.web3j(), DEPLOYER.credentials())
        .deployDevToken("Gas Token", "GAS");
  }

  DevToken token(Address token, Actor who) {
    return DevToken.load(token.toHex(), l1.web3j(), l1.signer(who), l1.gas());
  }

  long nextChildBlock() {
    return L1.read(() -> framework(OPERATOR).nextChildBlock().send()).longValueExact();
  }

  BigInteger exitQueueLength(Address token) {
    return L1.read(() -> framework(OPERATOR).exitQueueLength(token.toHex()).send());
  }

  /** Entry kinds of the exit holding an output (ExitController.outputReservation). */
  static final int STANDARD = 0;

  static final int IN_FLIGHT = 1;
  static final int MASS = 2;

  /** The output's word in the framework: held by one open exit (its entry kind and id), or not. */
  record Reservation(boolean reserved, int kind, BigInteger id) {
    static Reservation heldBy(int kind, BigInteger id) {
      return new Reservation(true, kind, id);
    }

    static Reservation free() {
      return new Reservation(false, 0, BigInteger.ZERO);
    }
  }

  Reservation reservation(Bytes32 outputKey) {
    var r =
        L1.read(() -> framework(OPERATOR).outputReservation(outputKey.value()).send());
    return new Reservation(r.component1(), r.component2().intValueExact(), r.component3());
  }

  boolean isOutputExited(Bytes32 outputKey) {
    return L1.read(() -> framework(OPERATOR).isOutputExited(outputKey.value()).send());
  }

  /** Checks the output's state: which exit holds it, and whether it was paid. */
  void checkOutput(String what, Bytes32 outputKey, Reservation expected, boolean exited) {
    Checks.equal(what + ": reservation", expected, reservation(outputKey));
    Checks.equal(what + ": exited", exited, isOutputExited(outputKey));
  }

  /** The key the framework reserves and flags for the output a standard exit names. */
  static Bytes32 outputKey(StandardExitData d) {
    return OutputKey.of(
        TransactionDecoder.decodeTransaction(d.txBytes().toArray()).orElseThrow(), d.position());
  }

  /** Lets the exits started so far mature: three exit periods cover every exitable-time rule. */
  void passExitPeriods() {
    l1.increaseTime(3 * MEP);
  }

  /** A deposit's receipt and what exits its output. */
  record Deposited(TransactionReceipt receipt, StandardExitData output) {}

  Deposited depositEth(Actor who, BigInteger wei) {
    TransactionReceipt r =
        l1.send("depositEth", () -> framework(who).depositEth(wei).send());
    var event = PlasmaFramework.getDepositCreatedEvents(r).get(0);
    Deposit deposit =
        new Deposit(event.blkNum.longValueExact(), who.address(), Address.ETH, event.amount);
    byte[] txBytes = deposit.transaction().encode();
    return new Deposited(
        r,
        new StandardExitData(
            deposit.position(),
            Bytes.wrap(txBytes),
            MerkleTree.build(List.of(txBytes)).proof(0),
            event.timestamp.longValueExact()));
  }

  /** A submitted child block: its receipt, body, tree and root-chain timestamp. */
  record Submitted(TransactionReceipt receipt, Block block, MerkleTree tree, long timestamp) {

    long blkNum() {
      return block.blkNum();
    }

    StandardExitData exitData(int txIndex, int outputIndex) {
      return StandardExitData.of(
          block, tree, OutputPosition.of(block.blkNum(), txIndex, outputIndex), timestamp);
    }

    Inclusion inclusion(int txIndex) {
      return Inclusion.of(block, tree, txIndex, timestamp);
    }
  }

  /** Submits {@code txs} as the next child block, as the operator. */
  Submitted submit(List<SignedTransaction> txs) {
    Block block = new Block(nextChildBlock(), txs);
    MerkleTree tree = block.merkleTree();
    TransactionReceipt r = l1.send(
        "submitBlock",
        () -> framework(OPERATOR).submitBlock(tree.root().value()).send());
    long timestamp = PlasmaFramework.getBlockSubmittedEvents(r).get(0).timestamp.longValueExact();
    return new Submitted(r, block, tree, timestamp);
  }

  /** Submits a child block with a coin root, as the operator; returns the receipt. */
  TransactionReceipt submitWithCoins(Bytes32 root, Bytes32 coinRoot) {
    return l1.send(
        "submitBlockWithCoins",
        () -> framework(OPERATOR)
            .submitBlockWithCoins(root.value(), coinRoot.value())
            .send());
  }
}
