package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.Canonicity;
import org.plasma4j.core.exit.Competitor;
import org.plasma4j.core.exit.CompetitorFinder;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.exit.KnownTransaction;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.exit.PiggybackSpend;
import org.plasma4j.core.exit.PiggybackSpendFinder;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.FrameworkDeployer.Deployment;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The in-flight and mass exit games through the Java clients and the events port, on a real anvil
 * with the contracts deployed and registered as the devnet deploys them. Balances are checked to
 * the wei, gas taken from the receipts.
 */
class ExitGamesIT {

  private static final long MEP = 100;
  private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);
  private static final int PROCESSOR = 9;

  private static AnvilNode anvil;
  private static Web3j web3j;
  private static Deployment deployment;
  private static FrameworkParams params;
  private static Web3jRootChain rootChain;
  private static Web3jL1Events events;
  private static Domain domain;

  @BeforeAll
  static void deploy() {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials operator = credentials(DevAccounts.OPERATOR);
    params =
        FrameworkParams.defaults(Address.fromHex(operator.getAddress())).withMinExitPeriod(MEP);
    deployment = new FrameworkDeployer(web3j, credentials(DevAccounts.DEPLOYER)).deploy(params);
    rootChain = new Web3jRootChain(web3j, deployment.framework(), Optional.of(operator));
    events = new Web3jL1Events(web3j, deployment.framework());
    domain = new Domain(AnvilNode.CHAIN_ID, deployment.framework());
  }

  @AfterAll
  static void stop() {
    web3j.shutdown();
    anvil.close();
  }

  private static Credentials credentials(int index) {
    return Credentials.create(DevAccounts.privateKey(index));
  }

  private static KeyPair keys(int index) {
    return KeyPair.fromHex(DevAccounts.privateKey(index));
  }

  private static BigInteger balance(int account) {
    return new FrameworkClient(web3j, credentials(account), deployment.framework())
        .ethBalance(keys(account).address());
  }

  /** Deposits {@code wei} for {@code account} and returns the exit data of the deposit output. */
  private static StandardExitData deposit(int account, BigInteger wei) {
    long from = rootChain.headBlockNumber() + 1;
    new FrameworkClient(web3j, credentials(account), deployment.framework()).depositEth(wei);
    RootChain.DepositEvent d = rootChain
        .events(from, rootChain.headBlockNumber(), RootChain.DepositEvent.class)
        .get(0);
    Deposit deposit = new Deposit(d.blkNum(), d.owner(), d.token(), d.amount());
    byte[] txBytes = deposit.transaction().encode();
    return new StandardExitData(
        deposit.position(),
        Bytes.wrap(txBytes),
        MerkleTree.build(List.of(txBytes)).proof(0),
        d.timestamp());
  }

  /** Submits {@code block} as the operator and returns its root-chain timestamp. */
  private static long submit(Block block) {
    long from = rootChain.headBlockNumber() + 1;
    assertThat(rootChain.nextChildBlock()).isEqualTo(block.blkNum());
    rootChain.submitBlock(
        block.root(), rootChain.operatorPendingNonce(), rootChain.suggestedMaxFeePerGas());
    // submitBlock does not wait for its receipt
    List<RootChain.BlockSubmittedEvent> submitted = List.of();
    for (int i = 0; i < 200 && submitted.isEmpty(); i++) {
      sleepMillis(i == 0 ? 0 : 25);
      submitted =
          rootChain.events(from, rootChain.headBlockNumber(), RootChain.BlockSubmittedEvent.class);
    }
    return submitted.get(0).timestamp();
  }

  /** {@code owner} pays the whole 1-ETH {@code input} to {@code to}. */
  private static SignedTransaction payAll(StandardExitData input, int owner, int to) {
    return TxBuilder.payment()
        .input(input.position(), keys(owner))
        .output(keys(to).address(), Address.ETH, ONE_ETH)
        .sign(domain);
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void processAll() {
    anvil.increaseTime(3 * MEP);
    new FrameworkClient(web3j, credentials(PROCESSOR), deployment.framework())
        .processExits(Address.ETH, 20);
  }

  @Test
  void deploymentRegistersBothGamesWithTheConfiguredBonds() {
    InFlightExitClient ife =
        InFlightExitClient.forFramework(web3j, credentials(2), deployment.framework());
    MassExitClient mass =
        MassExitClient.forFramework(web3j, credentials(2), deployment.framework());
    assertThat(ife.gameAddress()).isEqualTo(deployment.inFlightExitGame());
    assertThat(mass.gameAddress()).isEqualTo(deployment.massExitGame());
    assertThat(ife.inFlightExitBond()).isEqualTo(params.inFlightExitBond());
    assertThat(ife.piggybackBond()).isEqualTo(params.piggybackBond());
    assertThat(ife.processBounty()).isEqualTo(params.ifeProcessBounty());
    assertThat(mass.bondPerOutput()).isEqualTo(params.massExitBondPerOutput());
    assertThat(mass.bountyPerOutput()).isEqualTo(params.massExitBountyPerOutput());
  }

  @Test
  void aCanonicalInFlightTransactionPaysThePiggybackedOutput() {
    StandardExitData input = deposit(2, ONE_ETH);
    BigInteger toBob = ONE_ETH.multiply(BigInteger.valueOf(6)).divide(BigInteger.TEN);
    SignedTransaction tx = TxBuilder.payment()
        .input(input.position(), keys(2))
        .output(keys(3).address(), Address.ETH, toBob)
        .output(keys(2).address(), Address.ETH, ONE_ETH.subtract(toBob))
        .sign(domain);
    InFlightExitData data = InFlightExitData.of(tx, List.of(input));
    Bytes txBytes = data.txBytes();
    InFlightExitClient alice =
        new InFlightExitClient(web3j, credentials(2), deployment.inFlightExitGame());
    InFlightExitClient bob =
        new InFlightExitClient(web3j, credentials(3), deployment.inFlightExitGame());
    long from = rootChain.headBlockNumber();
    BigInteger aliceBefore = balance(2);
    BigInteger bobBefore = balance(3);

    alice.startInFlightExit(data);
    assertThatThrownBy(() -> alice.startInFlightExit(data))
        .hasMessageContaining("InFlightExitExists(" + data.ifeId() + ")");
    assertThatThrownBy(() -> alice.piggybackOnOutput(txBytes, 0)).hasMessageContaining("NotOwner");
    bob.piggybackOnOutput(txBytes, 0);
    InFlightExitState state = bob.inFlightExit(data.ifeId());
    assertThat(state.initiator()).isEqualTo(alice.address());
    assertThat(state.isCanonical()).isTrue();
    assertThat(state.isOutputPiggybacked(0)).isTrue();
    assertThat(state.youngestInputPosition()).isEqualTo(input.position().encode());

    processAll();

    BigInteger bounty = params.ifeProcessBounty();
    assertThat(balance(2)).isEqualTo(aliceBefore.subtract(alice.gasCostWei()));
    assertThat(balance(3))
        .isEqualTo(bobBefore.add(toBob).subtract(bounty).subtract(bob.gasCostWei()));
    long to = rootChain.headBlockNumber();
    ExitGameEvents.InFlightExitStarted started =
        events.events(from, to, ExitGameEvents.InFlightExitStarted.class).get(0);
    assertThat(started.ifeId()).isEqualTo(InFlightExitId.of(txBytes));
    assertThat(started.initiator()).isEqualTo(alice.address());
    assertThat(started.txHash()).isEqualTo(tx.txHash());
    assertThat(started.txBytes()).isEqualTo(txBytes);
    assertThat(started.youngestInputPosition()).isEqualTo(input.position().encode());
    assertThat(started.exitableAt()).isEqualTo(state.exitableAt());
    assertThat(started.inputSignatures())
        .as("the inputs' signatures, decoded from the event")
        .containsExactlyElementsOf(tx.signatures().stream().map(s -> s.bytes()).toList());
    assertThat(events.events(from, to, ExitGameEvents.Piggybacked.class))
        .extracting(p -> List.of(p.ifeId(), p.owner(), p.output(), p.index()))
        .containsExactly(List.of(data.ifeId(), bob.address(), true, 0));
    List<ExitGameEvents.InFlightExitFinalized> finalized =
        events.events(from, to, ExitGameEvents.InFlightExitFinalized.class);
    assertThat(finalized).hasSize(1);
    assertThat(finalized.get(0).canonical()).isTrue();
    assertThat(bob.inFlightExit(data.ifeId()).finalized()).isTrue();
    assertThat(events.events(from, to, ExitGameEvents.PiggybackPaid.class))
        .extracting(
            p -> List.of(p.ifeId(), p.owner(), p.output(), p.index(), p.token(), p.amount()))
        .containsExactly(List.of(data.ifeId(), bob.address(), true, 0, Address.ETH, toBob));
    assertThat(events.events(from, to, ExitGameEvents.ExitDeferred.class))
        .as("processing never deferred it")
        .isEmpty();
  }

  @Test
  void aCompetitorIncludedEarlierWinsTheInFlightExitBondForItsChallenger() {
    StandardExitData input = deposit(4, ONE_ETH);
    SignedTransaction inFlight = payAll(input, 4, 5);
    SignedTransaction doubleSpend = payAll(input, 4, 4);
    Block block = new Block(rootChain.nextChildBlock(), List.of(doubleSpend));
    long blockTimestamp = submit(block);
    InFlightExitData data = InFlightExitData.of(inFlight, List.of(input));
    InFlightExitClient bob =
        new InFlightExitClient(web3j, credentials(5), deployment.inFlightExitGame());
    InFlightExitClient dave =
        new InFlightExitClient(web3j, credentials(6), deployment.inFlightExitGame());
    long from = rootChain.headBlockNumber();
    BigInteger bobBefore = balance(5);
    BigInteger daveBefore = balance(6);

    bob.startInFlightExit(data);
    bob.piggybackOnOutput(data.txBytes(), 0);
    InFlightExitState state = dave.inFlightExit(data.ifeId());
    Canonicity verdict = Canonicity.evaluate(
        inFlight.tx(),
        Optional.empty(),
        KnownTransaction.of(block, blockTimestamp),
        state,
        rootChain.headTimestamp(),
        MEP);
    assertThat(verdict.canonical()).isFalse();
    Competitor competitor = verdict.challenge().orElseThrow();
    // a reveal without a prior commitment by this sender is refused
    assertThatThrownBy(() -> dave.revealNotCanonical(data.txBytes(), competitor))
        .hasMessageContaining("NoCommitment");
    dave.challengeNotCanonical(data.txBytes(), competitor);
    assertThat(dave.inFlightExit(data.ifeId()).isCanonical()).isFalse();
    assertThat(dave.inFlightExit(data.ifeId()).bondOwner()).isEqualTo(dave.address());

    processAll();

    assertThat(balance(6))
        .isEqualTo(daveBefore.add(params.inFlightExitBond()).subtract(dave.gasCostWei()));
    // the losing side's piggyback bond comes back whole (only winning piggybacks pay the bounty)
    assertThat(balance(5))
        .isEqualTo(bobBefore.subtract(params.inFlightExitBond()).subtract(bob.gasCostWei()));
    long to = rootChain.headBlockNumber();
    assertThat(events.events(from, to, ExitGameEvents.InFlightExitChallenged.class))
        .extracting(
            ExitGameEvents.InFlightExitChallenged::competitorPosition,
            ExitGameEvents.InFlightExitChallenged::challenger)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(
            OutputPosition.of(block.blkNum(), 0, 0).encode(), dave.address()));
    assertThat(events.events(from, to, ExitGameEvents.InFlightExitFinalized.class))
        .extracting(ExitGameEvents.InFlightExitFinalized::canonical)
        .containsExactly(false);
  }

  @Test
  void aWrongChallengeIsAnsweredWithTheInclusionAndASpentPiggybackedOutputIsChallenged() {
    StandardExitData input = deposit(2, ONE_ETH);
    SignedTransaction tx = payAll(input, 2, 3);
    SignedTransaction rival = payAll(input, 2, 2);
    Block block = new Block(rootChain.nextChildBlock(), List.of(tx));
    Inclusion at = Inclusion.of(block, block.merkleTree(), 0, submit(block));
    SignedTransaction spend = TxBuilder.payment()
        .input(at.outputPosition(0), keys(3))
        .output(keys(8).address(), Address.ETH, ONE_ETH)
        .sign(domain);
    InFlightExitData data = InFlightExitData.of(tx, List.of(input));
    InFlightExitClient alice =
        new InFlightExitClient(web3j, credentials(2), deployment.inFlightExitGame());
    InFlightExitClient bob =
        new InFlightExitClient(web3j, credentials(3), deployment.inFlightExitGame());
    InFlightExitClient dave =
        new InFlightExitClient(web3j, credentials(6), deployment.inFlightExitGame());
    InFlightExitClient erin =
        new InFlightExitClient(web3j, credentials(8), deployment.inFlightExitGame());
    long from = rootChain.headBlockNumber() + 1;
    BigInteger bobBefore = balance(3);
    BigInteger erinBefore = balance(8);

    alice.startInFlightExit(data);
    bob.piggybackOnOutput(data.txBytes(), 0);
    // dave shows a double spend that was never included: the game must accept it for now
    dave.challengeNotCanonical(
        data.txBytes(),
        CompetitorFinder.oldest(tx.tx(), List.of(KnownTransaction.inFlight(rival)))
            .orElseThrow());
    InFlightExitState challenged = bob.inFlightExit(data.ifeId());
    assertThat(challenged.isCanonical()).isFalse();
    Canonicity verdict = Canonicity.evaluate(
        tx.tx(),
        Optional.of(at),
        List.of(KnownTransaction.inFlight(rival)),
        challenged,
        rootChain.headTimestamp(),
        MEP);
    assertThat(verdict.canonical()).isTrue();
    bob.respondToNonCanonicalChallenge(data.txBytes(), verdict.response().orElseThrow());
    InFlightExitState answered = bob.inFlightExit(data.ifeId());
    assertThat(answered.isCanonical()).isTrue();
    assertThat(answered.bondOwner()).isEqualTo(bob.address());
    PiggybackSpend spent = PiggybackSpendFinder.all(
            tx.tx(), Optional.of(at), answered, List.of(KnownTransaction.inFlight(spend)))
        .get(0);
    erin.challengePiggyback(data.txBytes(), spent);
    assertThat(erin.inFlightExit(data.ifeId()).isOutputPiggybacked(0)).isFalse();

    processAll();

    // bob: the in-flight exit bond as the last responder, the piggyback bond lost to erin
    assertThat(balance(3))
        .isEqualTo(bobBefore
            .add(params.inFlightExitBond())
            .subtract(params.piggybackBond())
            .subtract(bob.gasCostWei()));
    assertThat(balance(8))
        .isEqualTo(erinBefore.add(params.piggybackBond()).subtract(erin.gasCostWei()));
    long to = rootChain.headBlockNumber();
    assertThat(events.events(from, to, ExitGameEvents.InFlightExitChallenged.class))
        .extracting(ExitGameEvents.InFlightExitChallenged::competitorPosition)
        .containsExactly(0L);
    assertThat(events.events(from, to, ExitGameEvents.InFlightExitResponded.class))
        .extracting(
            ExitGameEvents.InFlightExitResponded::position,
            ExitGameEvents.InFlightExitResponded::responder)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(at.position(), bob.address()));
    assertThat(events.events(from, to, ExitGameEvents.PiggybackBlocked.class))
        .extracting(ExitGameEvents.PiggybackBlocked::output, ExitGameEvents.PiggybackBlocked::index)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 0));
    assertThat(events.events(from, to, ExitGameEvents.InFlightExitFinalized.class))
        .extracting(ExitGameEvents.InFlightExitFinalized::canonical)
        .containsExactly(true);
  }

  /**
   * The block commits only txBytes: the operator's record of Alice's payment to Carol carried
   * Carol's signature, not Alice's, yet Alice, colluding, proves that payment a competitor of her
   * later payment to Bob with her own signature as the argument. The game holds Bob's exit
   * non-canonical at the older position and refuses every response from his inclusion.
   */
  @Test
  void aCompetitorWhoseRecordCarriedNoOwnerSignatureIsProvedAndNoYoungerInclusionAnswersIt() {
    StandardExitData input = deposit(7, ONE_ETH);
    SignedTransaction toBob = payAll(input, 7, 5);
    SignedTransaction toCarol = payAll(input, 7, 6);
    SignedTransaction servedToCarol = TxBuilder.payment()
        .input(input.position(), keys(6))
        .output(keys(6).address(), Address.ETH, ONE_ETH)
        .sign(domain);
    assertThat(servedToCarol.txBytes()).isEqualTo(toCarol.txBytes());
    Block first = new Block(rootChain.nextChildBlock(), List.of(servedToCarol));
    Inclusion carolAt = Inclusion.of(first, first.merkleTree(), 0, submit(first));
    Block second = new Block(rootChain.nextChildBlock(), List.of(toBob));
    Inclusion bobAt = Inclusion.of(second, second.merkleTree(), 0, submit(second));
    InFlightExitData data = InFlightExitData.of(toBob, List.of(input));
    InFlightExitClient alice =
        new InFlightExitClient(web3j, credentials(7), deployment.inFlightExitGame());
    InFlightExitClient bob =
        new InFlightExitClient(web3j, credentials(5), deployment.inFlightExitGame());

    BigInteger aliceBefore = balance(7);
    BigInteger bobBefore = balance(5);

    bob.startInFlightExit(data);
    alice.challengeNotCanonical(
        data.txBytes(), new Competitor(toCarol, 0, 0, Optional.of(carolAt)));

    assertThat(bob.inFlightExit(data.ifeId()).isCanonical()).isFalse();
    assertThatThrownBy(() -> bob.respondToNonCanonicalChallenge(data.txBytes(), bobAt))
        .hasMessageContaining("ResponseNotOlder");
    InFlightExitState after = bob.inFlightExit(data.ifeId());
    assertThat(after.isCanonical()).isFalse();
    assertThat(after.bondOwner()).isEqualTo(alice.address());

    processAll();

    // the refused response cost bob its commitment's gas on top of the bond alice takes
    assertThat(balance(7))
        .isEqualTo(aliceBefore.add(params.inFlightExitBond()).subtract(alice.gasCostWei()));
    assertThat(balance(5))
        .isEqualTo(bobBefore.subtract(params.inFlightExitBond()).subtract(bob.gasCostWei()));
    assertThat(bob.gasCostWei()).isPositive();
  }

  @Test
  void aMassExitOfTenOutputsPaysTheNineUnspentAndTheChallengerOfTheSpentOne() {
    int owner = 7;
    List<StandardExitData> outputs = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (int i = 1; i <= 10; i++) {
      BigInteger amount = ONE_ETH.divide(BigInteger.valueOf(100)).multiply(BigInteger.valueOf(i));
      outputs.add(deposit(owner, amount));
      total = total.add(amount);
    }
    StandardExitData spent = outputs.get(4);
    BigInteger spentAmount =
        ONE_ETH.divide(BigInteger.valueOf(100)).multiply(BigInteger.valueOf(5));
    SignedTransaction spend = TxBuilder.payment()
        .input(spent.position(), keys(owner))
        .output(keys(8).address(), Address.ETH, spentAmount)
        .sign(domain);
    MassExitBatch items = MassExitBatch.of(
        Address.ETH,
        keys(owner).address(),
        outputs.stream()
            .map(o -> new MassExitBatch.Exiting(
                o.position(),
                TransactionDecoder.decodeTransaction(o.txBytes().toArray()).orElseThrow(),
                CompressedProof.compress(o.proof()),
                o.blockTimestamp(),
                Optional.empty()))
            .toList(),
        domain.separator());
    MassExitClient alice = new MassExitClient(web3j, credentials(owner), deployment.massExitGame());
    MassExitClient dave = new MassExitClient(web3j, credentials(8), deployment.massExitGame());
    long from = rootChain.headBlockNumber();
    BigInteger aliceBefore = balance(owner);
    BigInteger daveBefore = balance(8);

    MassExitClient.Started batch = alice.startMassExit(items);
    assertThat(batch.leaves()).isEqualTo(items.leaves());
    assertThat(batch.leaves().get(4).position()).isEqualTo(spent.position().encode());
    assertThat(batch.leaves().get(4).owner()).isEqualTo(alice.address());
    dave.challengeOutput(batch.batchId(), batch.leaves(), 4, spend);
    MassExitClient.MassExitState state = dave.massExit(batch.batchId());
    assertThat(state.isChallenged(4)).isTrue();
    assertThat(state.remaining()).isEqualTo(total.subtract(spentAmount));

    processAll();
    MassExitClient processor =
        new MassExitClient(web3j, credentials(PROCESSOR), deployment.massExitGame());
    processor.withdrawMassExit(batch.batchId(), batch.leaves());

    BigInteger bond = params.massExitBondPerOutput();
    BigInteger refunds =
        bond.subtract(params.massExitBountyPerOutput()).multiply(BigInteger.valueOf(9));
    assertThat(balance(owner))
        .isEqualTo(aliceBefore
            .add(total.subtract(spentAmount))
            .subtract(bond.multiply(BigInteger.TEN))
            .add(refunds)
            .subtract(alice.gasCostWei()));
    assertThat(balance(8)).isEqualTo(daveBefore.add(bond).subtract(dave.gasCostWei()));
    long to = rootChain.headBlockNumber();
    ExitGameEvents.MassExitStarted started =
        events.events(from, to, ExitGameEvents.MassExitStarted.class).get(0);
    assertThat(started.batchId()).isEqualTo(batch.batchId());
    assertThat(started.leaves()).isEqualTo(batch.leaves());
    assertThat(started.leaves().get(9).amount()).isEqualTo(ONE_ETH.divide(BigInteger.TEN));
    ExitGameEvents.MassExitOutputChallenged read =
        events.events(from, to, ExitGameEvents.MassExitOutputChallenged.class).get(0);
    // placed in its block, with that block's canonical hash
    assertThat(events.events(from, to, ExitGameEvents.MassExitOutputChallenged.class))
        .containsExactly(new ExitGameEvents.MassExitOutputChallenged(
            batch.batchId(),
            dave.address(),
            4,
            spent.position().encode(),
            new LogPlace(
                read.l1Block(),
                read.logIndex(),
                rootChain.blockHash(read.l1Block()).orElseThrow())));
    assertThat(events.events(from, to, ExitGameEvents.MassExitFinalized.class))
        .extracting(ExitGameEvents.MassExitFinalized::batchId)
        .containsExactly(batch.batchId());
    List<ExitGameEvents.MassExitOutputPaid> paid =
        events.events(from, to, ExitGameEvents.MassExitOutputPaid.class);
    assertThat(paid)
        .as("every leaf but the challenged one")
        .hasSize(9)
        .allSatisfy(e -> assertThat(e.batchId()).isEqualTo(batch.batchId()));
    assertThat(paid)
        .extracting(ExitGameEvents.MassExitOutputPaid::position)
        .doesNotContain(spent.position().encode());
    assertThat(paid.stream()
            .map(ExitGameEvents.MassExitOutputPaid::amount)
            .reduce(BigInteger.ZERO, BigInteger::add))
        .isEqualTo(total.subtract(spentAmount));
  }
}
