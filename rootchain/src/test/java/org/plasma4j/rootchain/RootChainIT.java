package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** The web3j adapter against the real contracts on a real anvil that this test starts and stops. */
class RootChainIT {

  private static final long MEP = 100;
  private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);

  private static AnvilNode anvil;
  private static Web3j web3j;
  private static Address framework;
  private static FrameworkDeployer.Deployment deployment;
  private static Web3jRootChain rootChain;
  private static FrameworkParams params;

  @BeforeAll
  static void deploy() {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials operator = credentials(DevAccounts.OPERATOR);
    FrameworkParams defaults = FrameworkParams.defaults(Address.fromHex(operator.getAddress()));
    params = new FrameworkParams(
        defaults.operator(), MEP, defaults.exitBond(), defaults.processBounty());
    deployment = new FrameworkDeployer(web3j, credentials(DevAccounts.DEPLOYER)).deploy(params);
    framework = deployment.framework();
    rootChain = new Web3jRootChain(web3j, framework, Optional.of(operator));
  }

  @AfterAll
  static void stop() {
    web3j.shutdown();
    anvil.close();
  }

  private static Credentials credentials(int index) {
    return Credentials.create(DevAccounts.privateKey(index));
  }

  @Test
  void theDeploymentBlockIsRecordedAndAStartAfterItIsRefusedOnChain() throws Exception {
    long deployedAt = deployment.deployedAt();
    assertThat(web3j
            .ethGetCode(
                framework.toHex(),
                org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(deployedAt)))
            .send()
            .getCode())
        .as("the framework has code from its deployment block on")
        .isNotEqualTo("0x");

    assertThat(DeploymentBlock.check(web3j, framework, deployedAt))
        .isEqualTo(new DeploymentBlock.Checked(deployedAt, true));
    assertThat(DeploymentBlock.check(web3j, framework, 0))
        .as("a start before the deployment only reads empty blocks")
        .isEqualTo(new DeploymentBlock.Checked(0, true));
    assertThatThrownBy(() -> DeploymentBlock.check(web3j, framework, deployedAt + 1))
        .isInstanceOf(DeploymentBlock.StartAfterDeployment.class)
        .hasMessageContaining("already had code at root-chain block " + deployedAt);
  }

  @Test
  void readsTheDeployedParameters() {
    RootChain.ChainInfo info = rootChain.info();
    assertThat(info.chainId()).isEqualTo(AnvilNode.CHAIN_ID);
    assertThat(info.framework()).isEqualTo(framework);
    assertThat(info.operator()).isEqualTo(params.operator());
    assertThat(info.minExitPeriodSeconds()).isEqualTo(MEP);
  }

  @Test
  void submitsABlockOnceEvenWhenTheSameNonceIsSentTwice() {
    long blkNum = rootChain.nextChildBlock();
    long fromL1 = rootChain.headBlockNumber();
    Bytes32 root = Bytes32.fromHex("0x" + "ab".repeat(32));
    BigInteger nonce = rootChain.operatorPendingNonce();
    BigInteger fee = rootChain.suggestedMaxFeePerGas();

    rootChain.submitBlock(root, nonce, fee);
    rootChain.submitBlock(root, nonce, fee); // a retry after a lost answer

    assertThat(rootChain.nextChildBlock()).isEqualTo(blkNum + 1000);
    List<RootChain.BlockSubmittedEvent> events =
        rootChain.events(fromL1, rootChain.headBlockNumber(), RootChain.BlockSubmittedEvent.class);
    assertThat(events).hasSize(1);
    RootChain.BlockSubmittedEvent event = events.get(0);
    assertThat(event.blkNum()).isEqualTo(blkNum);
    assertThat(event.root()).isEqualTo(root);
    assertThat(rootChain.blockCommitment(blkNum))
        .contains(BlockCommitment.of(root, event.timestamp()));
    assertThat(rootChain.blockCommitment(blkNum + 1000)).isEmpty();
  }

  @Test
  void depositThenExitPaysTheOwnerAndTheProcessorOnL1() {
    FrameworkClient alice = new FrameworkClient(web3j, credentials(2), framework);
    FrameworkClient bob = new FrameworkClient(web3j, credentials(3), framework);
    long fromL1 = rootChain.headBlockNumber();
    BigInteger aliceBefore = alice.ethBalance(alice.address());
    BigInteger bobBefore = bob.ethBalance(bob.address());

    alice.depositEth(ONE_ETH);

    List<RootChain.DepositEvent> deposits =
        rootChain.events(fromL1, rootChain.headBlockNumber(), RootChain.DepositEvent.class);
    assertThat(deposits).hasSize(1);
    RootChain.DepositEvent d = deposits.get(0);
    assertThat(d.owner()).isEqualTo(alice.address());
    assertThat(d.token()).isEqualTo(Address.ETH);
    assertThat(d.amount()).isEqualTo(ONE_ETH);
    Deposit deposit = new Deposit(d.blkNum(), d.owner(), d.token(), d.amount());
    assertThat(d.root()).isEqualTo(deposit.root());
    assertThat(rootChain.blockCommitment(d.blkNum()))
        .contains(BlockCommitment.of(deposit.root(), d.timestamp()));

    byte[] txBytes = deposit.transaction().encode();
    byte[] proof = MerkleTree.build(List.of(txBytes)).proof(0).toArray();
    long position = deposit.position().encode();
    alice.startStandardExit(position, txBytes, proof, d.timestamp());
    assertThatThrownBy(() -> alice.startStandardExit(position, txBytes, proof, d.timestamp()))
        .hasMessageContaining("startStandardExit reverted: AlreadyExiting(" + position + ")");

    List<RootChain.ExitStartedEvent> started =
        rootChain.events(fromL1, rootChain.headBlockNumber(), RootChain.ExitStartedEvent.class);
    assertThat(started).extracting(RootChain.ExitStartedEvent::position).containsExactly(position);

    anvil.increaseTime(MEP + 1);
    bob.processExits(Address.ETH, 10);

    assertThat(rootChain.events(
            fromL1, rootChain.headBlockNumber(), RootChain.ExitFinalizedEvent.class))
        .extracting(RootChain.ExitFinalizedEvent::position, RootChain.ExitFinalizedEvent::amount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(position, ONE_ETH));
    assertThat(alice.isExited(position)).isTrue();
    // Alice got her deposit and her bond back less the bounty; Bob earned the bounty.
    assertThat(alice.ethBalance(alice.address()))
        .isEqualTo(aliceBefore.subtract(params.processBounty()).subtract(alice.gasCostWei()));
    assertThat(bob.ethBalance(bob.address()))
        .isEqualTo(bobBefore.add(params.processBounty()).subtract(bob.gasCostWei()));
  }
}
