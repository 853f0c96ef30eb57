package org.plasma4j.devnet.demo;

import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.plasma4j.contracts.generated.MockErc721;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinKind;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.guardian.cash.CoinGuard;
import org.plasma4j.guardian.cash.CoinJournalFile;
import org.plasma4j.guardian.cash.GameCoinWatch;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CoinRpcClient;
import org.plasma4j.wallet.cash.CoinWallet;
import org.plasma4j.wallet.cash.GameCashChain;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The Plasma Cash story. Alice deposits an ETH coin and an NFT coin beside an ordinary UTXO
 * deposit; she sends the NFT to Bob and Bob to Carol, each receiver accepting only a history it
 * verified against the coin roots on chain, while a UTXO payment rides in the same blocks. Then
 * Alice, the previous owner, exits the NFT she already sent (nothing on chain stops an exit by
 * itself); Carol's coin watch (the guardian's) challenges after and pulls her bond, and Carol exits
 * the NFT, which her watch finalizes and withdraws. Bob, who got the ETH coin, checkpoints it (its
 * stored history shrinks to nothing), exits and withdraws it. Every L1 balance is checked to the
 * wei.
 */
public final class CashScenario implements Scenario {

  private static final int ALICE = 2;
  private static final int BOB = 3;
  private static final int CAROL = 4;
  private static final long MEP = 3600;
  private static final BigInteger ETHER = Devnet.ETHER;
  private static final BigInteger NFT_ID = BigInteger.valueOf(42);

  private PrintStream out;
  private Checks checks;
  private Devnet devnet;
  private L1GasMeter gas;

  @Override
  public String name() {
    return "cash";
  }

  @Override
  public String description() {
    return "Plasma Cash coins beside UTXO payments: light clients verify histories, a coin watch challenges "
        + "an exit of a spent NFT, a checkpoint shrinks a history, every coin is withdrawn";
  }

  @Override
  public Devnet.Options options(Devnet.Options defaults) {
    return defaults.storyPaced(MEP, Hostility.honest());
  }

  @Override
  public void run(Devnet devnet, PrintStream out, Checks checks) {
    this.devnet = devnet;
    this.out = out;
    this.checks = checks;
    this.gas = new L1GasMeter(devnet.web3j());
    Path walletRoot = tempDir();
    CoinWallet alice = coinWallet(ALICE, walletRoot);
    CoinWallet bob = coinWallet(BOB, walletRoot);
    CoinWallet carol = coinWallet(CAROL, walletRoot);
    CashGameClient view = cash(ALICE);
    CoinCourier courier = new CoinCourier(devnet.operator(), Duration.ofSeconds(30));
    BigInteger exitBond = view.coinExitBond();
    BigInteger checkpointBond = view.checkpointBond();
    long start = gas.head();
    BigInteger aliceStart = balance(ALICE);
    BigInteger bobStart = balance(BOB);
    BigInteger carolStart = balance(CAROL);

    step("Alice deposits a 1 ETH coin, an NFT coin (token 42) and 0.5 ETH for UTXO payments");
    Address nft = deployNft(ALICE);
    long ethCoin = alice.depositCoin(CoinKind.ETH, Address.ETH, ETHER).slot();
    long nftCoin = alice.depositCoin(CoinKind.ERC721, nft, NFT_ID).slot();
    PlasmaWallet aliceUtxo = devnet.wallet(ALICE);
    PlasmaWallet bobUtxo = devnet.wallet(BOB);
    aliceUtxo.deposit(Address.ETH, ETHER.divide(BigInteger.TWO));
    devnet.operator().pollRootChain();
    checks.equal("the cash game holds the NFT", view.gameAddress(), nftOwner(nft));
    out.printf("    coins: ETH at slot %d, NFT at slot %d%n", ethCoin, nftCoin);

    step("Alice sends both coins to Bob, and pays Bob 0.1 ETH on the UTXO side in the same block");
    aliceUtxo.send(bobUtxo.address(), Address.ETH, ETHER.divide(BigInteger.TEN));
    CoinCourier.Delivery nftToBob = courier.send(alice, nftCoin, bob);
    checks.isTrue("Bob verified the NFT's history and accepted it", nftToBob.accepted());
    CoinCourier.Delivery ethToBob = courier.send(alice, ethCoin, bob);
    checks.isTrue("Bob verified the ETH coin's history and accepted it", ethToBob.accepted());
    checks.equal(
        "Bob's UTXO balance", ETHER.divide(BigInteger.TEN), bobUtxo.l2Balance(Address.ETH));
    out.printf(
        "    NFT in block %d, ETH coin in block %d%n",
        nftToBob.sent().block(), ethToBob.sent().block());

    step("Bob sends the NFT to Carol");
    CoinCourier.Delivery nftToCarol = courier.send(bob, nftCoin, carol);
    checks.isTrue(
        "Carol verified the NFT's history (two transfers) and accepted it",
        nftToCarol.accepted() && carol.coin(nftCoin).history().transfers().size() == 2);
    CoinGuard carolGuard = coinWatch("carol", CAROL, carol);

    step("attack: Alice exits the NFT from its deposit although she sent it");
    long nftOrigin = view.coin(nftCoin).originBlock();
    cash(ALICE).startExit(nftCoin, CoinClaimArgs.origin(nftOrigin));
    carolGuard.pollOnce();
    checks.equal(
        "Alice's exit was cancelled by Carol's challenge-after",
        1,
        events().events(0, gas.head(), CashGameEvents.CoinExitCancelled.class).stream()
            .filter(c -> c.slot() == nftCoin && c.challenger().equals(Devnet.address(CAROL)))
            .mapToInt(c -> c.reason())
            .findFirst()
            .orElse(0));
    checks.equal(
        "Carol's watch pulled the bond it won (nothing left in the game)",
        BigInteger.ZERO,
        view.bonds(Devnet.address(CAROL)));

    step("Carol exits the NFT; Bob checkpoints the ETH coin he holds");
    carol.exitCoin(nftCoin);
    int before = bob.coin(ethCoin).stored().history().length();
    bob.checkpoint(ethCoin);
    carolGuard.pollOnce();
    devnet.anvil().increaseTime(MEP + 1);
    devnet.anvil().mine(1);
    carolGuard.pollOnce(); // the exit matured: Carol's watch finalizes it and withdraws the NFT
    checks.equal("Carol owns NFT 42 on L1", Devnet.address(CAROL), nftOwner(nft));
    bob.finalizeCheckpoint(ethCoin);
    int after = bob.coin(ethCoin).stored().history().length();
    checks.equal(
        "the ETH coin's origin is now Bob's transfer",
        ethToBob.sent().block(),
        view.coin(ethCoin).originBlock());
    out.printf(
        "    Bob's stored history of the ETH coin: %d bytes before the checkpoint, %d after%n",
        before, after);
    checks.isTrue("the checkpoint shrank the stored history", after < before);

    step("Bob exits the ETH coin from its new origin and withdraws it; bonds are withdrawn");
    bob.exitCoin(ethCoin);
    devnet.anvil().increaseTime(MEP + 1);
    devnet.anvil().mine(1);
    bob.finalizeExit(ethCoin);
    bob.withdraw(ethCoin);
    cash(BOB).withdrawBonds();

    step("every L1 balance, to the wei (gas from receipts)");
    checks.equal(
        "Alice: −1 ETH coin −0.5 ETH UTXO deposit −exit bond (lost) −gas",
        aliceStart
            .subtract(ETHER)
            .subtract(ETHER.divide(BigInteger.TWO))
            .subtract(exitBond)
            .subtract(gas.gasPaid(Devnet.address(ALICE), start)),
        balance(ALICE));
    checks.equal(
        "Bob: +1 ETH coin (checkpoint and exit bonds refunded) −gas",
        bobStart.add(ETHER).subtract(gas.gasPaid(Devnet.address(BOB), start)),
        balance(BOB));
    checks.equal(
        "Carol: +Alice's exit bond (her own refunded) −gas",
        carolStart.add(exitBond).subtract(gas.gasPaid(Devnet.address(CAROL), start)),
        balance(CAROL));
    checks.equal(
        "no bond left in the game",
        BigInteger.ZERO,
        view.bonds(Devnet.address(BOB)).add(view.bonds(Devnet.address(CAROL))));
    checks.equal(
        "the cash game holds nothing (both coins withdrawn, every bond paid)",
        BigInteger.ZERO,
        balanceOf(view.gameAddress()));
    out.printf(
        "    checkpoint bond %s ETH and exit bond %s ETH came back to Bob%n",
        Money.eth(checkpointBond), Money.eth(exitBond));
  }

  private void step(String what) {
    out.printf("-- %s%n", what);
  }

  private CoinWallet coinWallet(int account, Path walletRoot) {
    WalletKey key = WalletKey.fromHex(DevAccounts.privateKey(account));
    Domain domain = new Domain(AnvilNode.CHAIN_ID, devnet.framework());
    return new CoinWallet(
        key,
        () -> domain,
        new CoinRpcClient(new OperatorClient(URI.create(devnet.operatorRpcUrl()))),
        new GameCashChain(
            devnet.web3j(), key, devnet::framework, devnet.deployment().deployedAt()),
        walletRoot);
  }

  /**
   * The guardian's coin watch of {@code account}'s coins, polled by the story; it reports each
   * step.
   */
  private CoinGuard coinWatch(String who, int account, CoinWallet wallet) {
    GameCoinWatch watch = new GameCoinWatch(
        wallet, cash(account), events(), devnet.deployment().deployedAt(), devnet.web3j());
    return new CoinGuard(
        wallet.address(),
        watch,
        watch,
        new CoinJournalFile(tempDir(), wallet.address()),
        System::currentTimeMillis,
        line -> out.printf("    %s's coin watch: %s%n", who, line));
  }

  private CashGameClient cash(int account) {
    return CashGameClient.forFramework(
        devnet.web3j(), Devnet.credentials(account), devnet.framework());
  }

  private Web3jL1Events events() {
    return new Web3jL1Events(devnet.web3j(), devnet.framework());
  }

  /** The deployer deploys the demo NFT and mints token 42 to {@code owner}. */
  private Address deployNft(int owner) {
    try {
      MockErc721 nft = MockErc721.deploy(
              devnet.web3j(), Devnet.credentials(DevAccounts.DEPLOYER), new DefaultGasProvider())
          .send();
      nft.mint(Devnet.address(owner).toHex(), NFT_ID).send();
      return Address.fromHex(nft.getContractAddress());
    } catch (Exception e) {
      throw new IllegalStateException("cannot deploy the demo NFT", e);
    }
  }

  private Address nftOwner(Address nft) {
    return cash(ALICE).erc721Owner(nft, NFT_ID);
  }

  private BigInteger balance(int account) {
    return balanceOf(Devnet.address(account));
  }

  private BigInteger balanceOf(Address who) {
    try {
      return devnet
          .web3j()
          .ethGetBalance(who.toHex(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
          .send()
          .getBalance();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("plasma-cash-demo-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
