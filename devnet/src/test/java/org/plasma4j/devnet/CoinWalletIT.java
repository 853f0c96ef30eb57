package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.cash.CoinKind;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.guardian.ActionRecord;
import org.plasma4j.guardian.cash.CoinGuard;
import org.plasma4j.guardian.cash.GameCoinWatch;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CoinBundle;
import org.plasma4j.wallet.cash.CoinRpcClient;
import org.plasma4j.wallet.cash.CoinWallet;
import org.plasma4j.wallet.cash.GameCashChain;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The coin light client on a real anvil with the devnet's operator: Alice deposits an ETH coin and
 * sends it to Bob; Bob verifies the bundle against the coin roots on chain before he keeps the
 * coin, exits it with his history, finalizes after the exit period and withdraws. L1 balances are
 * checked to the wei with the gas from the receipts. A forged bundle is rejected with its rule and
 * stored nowhere; a transfer of an exiting coin is refused. Bob's coin watch (the guardian's)
 * challenges Alice's exit of the coin she already spent, and pulls her bond.
 */
class CoinWalletIT {

  private static final int ALICE = 2;
  private static final int BOB = 3;
  private static final int MALLORY = 5;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private Devnet devnet;
  private Path root;

  @BeforeEach
  void start() throws Exception {
    devnet = Devnet.start(Devnet.Options.defaults());
    root = Files.createTempDirectory("plasma-coins-");
  }

  @AfterEach
  void stop() {
    if (devnet != null) {
      devnet.close();
    }
  }

  private CoinWallet wallet(int account) {
    return CoinWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(account)),
        devnet.operatorRpcUrl(),
        devnet.anvil().rpcUrl(),
        devnet.framework(),
        devnet.deployment().deployedAt(),
        root);
  }

  private BigInteger balance(int account) throws Exception {
    return devnet
        .web3j()
        .ethGetBalance(Devnet.address(account).toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }

  private BigInteger gas(L1Receipt... receipts) throws Exception {
    BigInteger total = BigInteger.ZERO;
    for (L1Receipt r : receipts) {
      TransactionReceipt tr = devnet
          .web3j()
          .ethGetTransactionReceipt(r.txHash())
          .send()
          .getTransactionReceipt()
          .orElseThrow();
      total =
          total.add(tr.getGasUsed().multiply(Numeric.decodeQuantity(tr.getEffectiveGasPrice())));
    }
    return total;
  }

  /** Waits until the operator has credited the deposit (it follows the root chain every 200 ms). */
  private void awaitCredited(long slot) throws Exception {
    CoinRpcClient rpc = new CoinRpcClient(OperatorClient.connect(devnet.operatorRpcUrl()));
    for (int i = 0; i < 100; i++) {
      try {
        rpc.getCoin(slot);
        return;
      } catch (WalletException.OperatorError e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the operator never credited coin " + slot);
  }

  @Test
  void aCoinMovesAliceToBobThroughAVerifiedBundleAndBobExitsItToTheWei() throws Exception {
    CoinWallet alice = wallet(ALICE);
    CoinWallet bob = wallet(BOB);
    BigInteger oneEth = Devnet.ETHER;
    BigInteger aliceBefore = balance(ALICE);
    BigInteger bobBefore = balance(BOB);

    CoinWallet.Deposited deposit = alice.deposit(CoinKind.ETH, Address.ETH, oneEth);
    long slot = deposit.coin().slot();
    assertThat(balance(ALICE))
        .isEqualTo(aliceBefore.subtract(oneEth).subtract(gas(deposit.receipt())));
    awaitCredited(slot);

    CoinWallet.Sent sent = alice.sendCoin(slot, Devnet.address(BOB), WAIT);
    assertThat(alice.coins()).isEmpty();
    assertThat(bob.coins()).as("nothing is kept before the bundle is verified").isEmpty();
    assertThat(Files.exists(sent.bundle())).isTrue();

    List<CoinWallet.Received> received = bob.receive();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).accepted()).as(received.get(0).message()).isTrue();
    assertThat(Files.exists(sent.bundle())).isFalse();
    CoinWallet.OwnedCoin atBob = bob.coin(slot);
    assertThat(atBob.stored().coinBlock()).isEqualTo(sent.block());
    assertThat(atBob.history().transfers()).hasSize(1);
    assertThat(atBob.history().transfers().get(0).transfer().transfer().newOwner())
        .isEqualTo(Devnet.address(BOB));
    assertThat(bob.history(slot)).anySatisfy(l -> assertThat(l.kind()).isEqualTo("included"));

    L1Receipt exit = bob.exitCoin(slot);
    WalletException.CoinUnavailable refused = assertThrows(
        WalletException.CoinUnavailable.class,
        () -> bob.sendCoin(slot, Devnet.address(ALICE), WAIT));
    assertThat(refused.getMessage()).contains("exiting");

    devnet.anvil().increaseTime(devnet.params().minExitPeriodSeconds() + 1);
    devnet.anvil().mine(1);
    L1Receipt finalized = bob.finalizeExit(slot);
    L1Receipt withdrawn = bob.withdraw(slot);
    assertThat(bob.coins()).isEmpty();
    assertThat(bob.bonds())
        .as("the exit bond is refunded on finalization")
        .isEqualTo(devnet.params().coinExitBond());
    L1Receipt bonds = bob.withdrawBonds();
    assertThat(bob.bonds()).isZero();
    // Bob is up the coin's value less the gas he paid; his bond went out and came back
    assertThat(balance(BOB))
        .isEqualTo(bobBefore.add(oneEth).subtract(gas(exit, finalized, withdrawn, bonds)));
    assertThat(balance(ALICE))
        .isEqualTo(aliceBefore.subtract(oneEth).subtract(gas(deposit.receipt())));
  }

  @Test
  void aForgedBundleIsRejectedWithItsRuleAndStoredNowhere() throws Exception {
    CoinWallet alice = wallet(ALICE);
    CoinWallet bob = wallet(BOB);
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, Devnet.ETHER).slot();
    awaitCredited(slot);
    // a real, committed block with a coin in it, so the forger can name a block that has a coin
    // root
    long other = wallet(4).depositCoin(CoinKind.ETH, Address.ETH, Devnet.ETHER).slot();
    awaitCredited(other);
    CoinWallet.Sent real = wallet(4).sendCoin(other, Devnet.address(ALICE), WAIT);

    // Mallory "gives" Alice's coin to Bob: her own signature, her own one-leaf tree, the real block
    // number
    Domain domain = new Domain(AnvilNode.CHAIN_ID, devnet.framework());
    long originBlock = alice.coin(slot).origin().block();
    SignedCoinTransfer fromOrigin = WalletKey.fromHex(DevAccounts.privateKey(MALLORY))
        .signCoinTransfer(new CoinTransfer(slot, originBlock, Devnet.address(BOB)), domain);
    List<CoinHistory.Entry> entries = new java.util.ArrayList<>();
    for (long b = org.plasma4j.core.types.BlockNumbers.nextChildBlock(originBlock);
        b < real.block();
        b += 1000) {
      entries.add(new CoinHistory.Empty(b));
    }
    entries.add(new CoinHistory.Included(
        real.block(), fromOrigin, CoinTree.ofTransfers(List.of(fromOrigin)).proof(slot)));
    CoinBundle bundle = new CoinBundle(
        slot,
        Address.ETH,
        0,
        Devnet.ETHER,
        originBlock,
        Devnet.address(ALICE),
        Bytes.wrap(fromOrigin.encode()),
        real.block(),
        Bytes.wrap(CoinHistoryCodec.encode(new CoinHistory(slot, entries))));
    Path file = bob.inbox().deliver(bundle);

    List<CoinWallet.Received> received = bob.receive();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).accepted()).isFalse();
    assertThat(received.get(0).reason()).isEqualTo("ROOT_MISMATCH");
    assertThat(bob.coins()).isEmpty();
    assertThat(Files.exists(file)).isFalse();

    // the real bundle for Alice, replayed into Bob's inbox, is not a transfer to Bob
    Path replay = bob.inbox().deliver(CoinBundle.decode(Files.readAllBytes(real.bundle())));
    assertThat(bob.receive().get(0).reason()).isEqualTo("NOT_TO_US");
    assertThat(bob.coins()).isEmpty();
    assertThat(Files.exists(replay)).isFalse();
    // Alice's own coin is untouched and still hers
    assertThat(alice.sync(slot).owned()).isTrue();
  }

  @Test
  void bobsCoinWatchChallengesAliceExitingTheCoinSheSpentAndPullsHerBond() throws Exception {
    CoinWallet alice = wallet(ALICE);
    CoinWallet bob = wallet(BOB);
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, Devnet.ETHER).slot();
    long originBlock = alice.coin(slot).origin().block();
    awaitCredited(slot);
    alice.sendCoin(slot, Devnet.address(BOB), WAIT);
    assertThat(bob.receive().get(0).accepted()).isTrue();

    // Alice exits from the coin's origin, as if she had never spent it
    CashGameClient aliceGame =
        CashGameClient.forFramework(devnet.web3j(), Devnet.credentials(ALICE), devnet.framework());
    aliceGame.startExit(slot, CoinClaimArgs.origin(originBlock));
    assertThat(aliceGame.exitOf(slot).exists()).isTrue();

    BigInteger bobBefore = balance(BOB);
    Path journal = Files.createTempDirectory("plasma-coin-guard-");
    List<String> lines = new java.util.ArrayList<>();
    CoinGuard guard = GameCoinWatch.guard(
        WalletKey.fromHex(DevAccounts.privateKey(BOB)),
        devnet.operatorRpcUrl(),
        devnet.web3j(),
        devnet.framework(),
        devnet.deployment().deployedAt(),
        root,
        journal,
        lines::add);
    assertThat(guard.pollOnce()).as(String.join("\n", lines)).isEqualTo(2);
    assertThat(lines.get(1)).startsWith("done   challenge-after the exit of coin " + slot);
    assertThat(aliceGame.exitOf(slot).exists()).as("the exit is cancelled").isFalse();

    BigInteger gasPaid = guard.journal().report().stream()
        .map(ActionRecord::gasWei)
        .reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(balance(BOB))
        .as("Alice's exit bond, pulled, less Bob's gas")
        .isEqualTo(bobBefore.add(devnet.params().coinExitBond()).subtract(gasPaid));

    // a restarted watch repeats nothing
    CoinGuard restarted = GameCoinWatch.guard(
        WalletKey.fromHex(DevAccounts.privateKey(BOB)),
        devnet.operatorRpcUrl(),
        devnet.web3j(),
        devnet.framework(),
        devnet.deployment().deployedAt(),
        root,
        journal,
        lines::add);
    assertThat(restarted.pollOnce()).isZero();
    assertThat(bob.coin(slot).stored().coinBlock()).isPositive();
  }

  @Test
  void aFinalizedCheckpointBecomesTheOriginTheNextReceiverVerifiesFrom() throws Exception {
    CoinWallet alice = wallet(ALICE);
    CoinWallet bob = wallet(BOB);
    CoinWallet carol = wallet(4);
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, Devnet.ETHER).slot();
    awaitCredited(slot);
    long toBob = alice.sendCoin(slot, Devnet.address(BOB), WAIT).block();
    assertThat(bob.receive().get(0).accepted()).isTrue();

    bob.checkpoint(slot);
    devnet.anvil().increaseTime(devnet.params().minExitPeriodSeconds() + 1);
    devnet.anvil().mine(1);
    bob.finalizeCheckpoint(slot);
    CoinWallet.OwnedCoin checkpointed = bob.coin(slot);
    assertThat(checkpointed.origin().block()).isEqualTo(toBob);
    assertThat(checkpointed.origin().owner()).isEqualTo(Devnet.address(BOB));
    assertThat(checkpointed.history().entries())
        .allSatisfy(e -> assertThat(e.block()).isGreaterThan(toBob));
    assertThat(bob.bonds())
        .as("the checkpoint bond is refunded")
        .isEqualTo(devnet.params().checkpointBond());

    // Carol verifies only from the checkpoint on: the bundle no longer carries Alice's transfer
    long toCarol = bob.sendCoin(slot, Devnet.address(4), WAIT).block();
    CoinWallet.Received r = carol.receive().get(0);
    assertThat(r.accepted()).as(r.message()).isTrue();
    CoinWallet.OwnedCoin atCarol = carol.coin(slot);
    assertThat(atCarol.origin().block()).isEqualTo(toBob);
    assertThat(atCarol.history().transfers()).hasSize(1);
    assertThat(atCarol.history().transfers().get(0).block()).isEqualTo(toCarol);
  }

  @Test
  void aReceiverSeesEveryOwnersPendingClaimAndAcceptsBesideASupportedCheckpoint() throws Exception {
    int carolAccount = 4;
    CoinWallet alice = wallet(ALICE);
    CoinWallet bob = wallet(BOB);
    CoinWallet carol = wallet(carolAccount);
    GameCashChain carolsView = new GameCashChain(
        devnet.web3j(),
        WalletKey.fromHex(DevAccounts.privateKey(carolAccount)),
        devnet::framework,
        devnet.deployment().deployedAt());
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, Devnet.ETHER).slot();
    long originBlock = alice.coin(slot).origin().block();
    awaitCredited(slot);
    long toBob = alice.sendCoin(slot, Devnet.address(BOB), WAIT).block();
    assertThat(bob.receive().get(0).accepted()).isTrue();

    // bob's checkpoint of his transfer, pending while he pays carol: a state carol's history holds
    bob.checkpoint(slot);
    long toCarol = bob.sendCoin(slot, Devnet.address(carolAccount), WAIT).block();
    assertThat(carolsView.checkpointOf(slot).exists())
        .as("carol has no checkpoint of her own")
        .isFalse();
    assertThat(carolsView.pendingClaims(slot)).singleElement().satisfies(c -> {
      assertThat(c.checkpoint()).isTrue();
      assertThat(c.claim().owner()).isEqualTo(Devnet.address(BOB));
      assertThat(c.claim().exitBlock()).isEqualTo(toBob);
    });
    CoinWallet.Received r = carol.receive().get(0);
    assertThat(r.accepted()).as(r.message()).isTrue();
    assertThat(carol.coin(slot).stored().coinBlock()).isEqualTo(toCarol);

    // alice exits from the origin beside bob's checkpoint: carol's view names both, as the game
    // counts them
    CashGameClient aliceGame =
        CashGameClient.forFramework(devnet.web3j(), Devnet.credentials(ALICE), devnet.framework());
    aliceGame.startExit(slot, CoinClaimArgs.origin(originBlock));
    assertThat(carolsView.exitOf(slot).exists())
        .as("carol has no exit of her own")
        .isFalse();
    assertThat(carolsView.pendingClaims(slot))
        .extracting(c -> c.checkpoint(), c -> c.claim().owner())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(false, Devnet.address(ALICE)),
            org.assertj.core.groups.Tuple.tuple(true, Devnet.address(BOB)));
    assertThat(aliceGame.pendingClaims(slot)).isEqualTo(new CashGameClient.PendingClaims(1, 1));
  }

  @Test
  void carolsCoinWatchAnswersAGriefersChallengeBeforeThenFinalizesAndWithdrawsHerExit()
      throws Exception {
    int carolAccount = 4;
    CoinWallet alice = wallet(ALICE);
    CoinWallet bob = wallet(BOB);
    CoinWallet carol = wallet(carolAccount);
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, Devnet.ETHER).slot();
    alice.sendCoin(slot, Devnet.address(BOB), WAIT);
    assertThat(bob.receive().get(0).accepted()).isTrue();
    bob.sendCoin(slot, Devnet.address(carolAccount), WAIT);
    assertThat(carol.receive().get(0).accepted()).isTrue();

    BigInteger carolBefore = balance(carolAccount);
    L1Receipt exit = carol.exitCoin(slot);
    // Mallory claims Alice never gave the coin away: a challenge-before from the origin
    CashGameClient mallory = CashGameClient.forFramework(
        devnet.web3j(), Devnet.credentials(MALLORY), devnet.framework());
    Address carolAddress = Devnet.address(carolAccount);
    mallory.challengeBeforeFromOrigin(slot, carolAddress, false);
    assertThat(mallory.exitOf(slot, carolAddress).openChallenges()).isEqualTo(1);

    List<String> lines = new java.util.ArrayList<>();
    CoinGuard guard = GameCoinWatch.guard(
        WalletKey.fromHex(DevAccounts.privateKey(carolAccount)),
        devnet.operatorRpcUrl(),
        devnet.web3j(),
        devnet.framework(),
        devnet.deployment().deployedAt(),
        root,
        Files.createTempDirectory("coin-guard-"),
        lines::add);
    assertThat(guard.pollOnce()).as(String.join("\n", lines)).isEqualTo(2);
    assertThat(lines.get(1)).startsWith("done   answer challenge 0x" + "0".repeat(64));
    assertThat(mallory.exitOf(slot, carolAddress).openChallenges())
        .as("answered")
        .isZero();

    devnet.anvil().increaseTime(devnet.params().minExitPeriodSeconds() + 1);
    devnet.anvil().mine(1);
    assertThat(guard.pollOnce()).as(String.join("\n", lines)).isEqualTo(2);
    assertThat(lines.get(2)).startsWith("done   finalize the exit of coin " + slot);
    assertThat(lines.get(3)).startsWith("done   withdraw coin " + slot);
    assertThat(mallory.coin(slot).state()).isEqualTo(3);
    assertThat(carol.coins()).isEmpty();
    assertThat(mallory.bonds(Devnet.address(carolAccount)))
        .as("every bond pulled")
        .isZero();

    BigInteger gasPaid = guard.journal().report().stream()
        .map(ActionRecord::gasWei)
        .reduce(BigInteger.ZERO, BigInteger::add);
    // the coin, plus Mallory's challenge bond; Carol's own exit bond went out and came back
    assertThat(balance(carolAccount))
        .isEqualTo(carolBefore
            .add(Devnet.ETHER)
            .add(devnet.params().coinChallengeBond())
            .subtract(gas(exit))
            .subtract(gasPaid));
  }
}
