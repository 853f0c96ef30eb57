package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.contracts.generated.CoinFreezer;
import org.plasma4j.contracts.generated.MockErc721;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.devnet.demo.CoinCourier;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.guardian.cash.CoinGuard;
import org.plasma4j.guardian.cash.CoinJournalFile;
import org.plasma4j.guardian.cash.GameCoinWatch;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CoinBundle;
import org.plasma4j.wallet.cash.CoinOperator;
import org.plasma4j.wallet.cash.CoinRpcClient;
import org.plasma4j.wallet.cash.CoinWallet;
import org.plasma4j.wallet.cash.GameCashChain;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * One Plasma Cash attack's world: a fresh devnet (anvil, framework with its cash game, a mock
 * ERC721) whose operator is controllable ({@link Hostility}) and forms blocks only when the test
 * says so; each honest user is a real light client ({@link CoinWallet}: histories from the
 * operator, verified against the coin roots on chain, bundles between wallets under one wallet
 * directory) defended by the guardian's coin watch ({@link CoinGuard} over {@link GameCoinWatch}),
 * which the test polls by hand; cheaters act on L1 with the cash game's client directly.
 *
 * <p>Roles by dev account: {@link #ALICE}, {@link #BOB} and {@link #CAROL} are honest,
 * {@link #MALLORY} cheats (with the operator), {@link #ACCOMPLICE} exits what Mallory forged,
 * {@link #GRIEFER} posts challenges it knows to be false.
 */
final class CashAttackHarness implements AutoCloseable {

  static final int ALICE = 2;
  static final int BOB = 3;
  static final int CAROL = 4;
  static final int MALLORY = 5;
  static final int ACCOMPLICE = 6;
  static final int GRIEFER = 7;

  static final BigInteger ETHER = Devnet.ETHER;
  /** Short, so that exits mature with one jump of the clock. */
  static final long MIN_EXIT_PERIOD = 120;
  /** How long a sender waits for its transfer to reach a committed, served block. */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

  private final Hostility hostility = Hostility.controllable();
  private final Devnet devnet;
  private final Domain domain;
  private final BalanceBook book;
  private final Path walletRoot;
  private final Map<Integer, CoinWallet> wallets = new HashMap<>();
  private final java.util.Set<Integer> booked = new java.util.HashSet<>();
  private MockErc721 nft;

  CashAttackHarness() {
    devnet = Devnet.start(Devnet.Options.defaults().storyPaced(MIN_EXIT_PERIOD, hostility));
    domain = new Domain(AnvilNode.CHAIN_ID, devnet.framework());
    book = new BalanceBook(devnet.web3j());
    walletRoot = tempDir("plasma-cash-attack-wallets-");
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String name(int account) {
    return switch (account) {
      case ALICE -> "alice";
      case BOB -> "bob";
      case CAROL -> "carol";
      case MALLORY -> "mallory";
      case ACCOMPLICE -> "accomplice";
      case GRIEFER -> "griefer";
      default -> "account " + account;
    };
  }

  static Address address(int account) {
    return Devnet.address(account);
  }

  Devnet devnet() {
    return devnet;
  }

  Hostility hostility() {
    return hostility;
  }

  OperatorNode operator() {
    return devnet.operator();
  }

  BalanceBook book() {
    return book;
  }

  /** Opens the book for each account now. */
  BalanceBook book(int... accounts) {
    for (int a : accounts) {
      book.open(name(a), address(a));
      booked.add(a);
    }
    return book;
  }

  /**
   * Whether the test keeps {@code account}'s balance in the book (cheaters it does not care about
   * are not).
   */
  boolean booked(int account) {
    return booked.contains(account);
  }

  /** {@code account}'s light client: its own coins only, in the shared wallet directory. */
  CoinWallet coins(int account) {
    return wallets.computeIfAbsent(account, a -> {
      WalletKey key = WalletKey.fromHex(DevAccounts.privateKey(a));
      return new CoinWallet(
          key,
          () -> domain,
          new CoinRpcClient(new OperatorClient(URI.create(devnet.operatorRpcUrl()))),
          new GameCashChain(
              devnet.web3j(), key, devnet::framework, devnet.deployment().deployedAt()),
          walletRoot);
    });
  }

  /**
   * {@code account}'s light client as {@code plasma wallet} builds it (its own directory): the
   * EIP-712 domain read from the root chain (the node's chain id, the framework checked against its
   * domainSeparator() and its cash game's framework()) and compared once with the operator's chain
   * info.
   */
  CoinWallet connectedCoins(int account) {
    return CoinWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(account)),
        devnet.operatorRpcUrl(),
        devnet.web3j(),
        devnet::framework,
        devnet.deployment().deployedAt(),
        tempDir("plasma-cash-connected-wallet-"));
  }

  /**
   * The bundle a payer hands the receiver of {@code transfer}, included in block {@code blk}: the
   * coin as the game holds it, its origin, and the operator's proofs of every child block from the
   * origin through {@code blk}.
   */
  CoinBundle bundle(long slot, SignedCoinTransfer transfer, long blk) {
    CashGameClient.OnChainCoin c = l1(ALICE).coin(slot);
    List<CoinHistory.Entry> entries = new ArrayList<>();
    for (CoinOperator.ProofEntry e : operatorCoins()
        .getCoinProofs(
            slot, org.plasma4j.core.types.BlockNumbers.nextChildBlock(c.originBlock()), blk)) {
      entries.add(
          switch (e.kind()) {
            case "included" ->
              new CoinHistory.Included(
                  e.blkNum(),
                  SignedCoinTransfer.decode(e.tx().orElseThrow().toArray()),
                  e.proof().orElseThrow());
            case "excluded" -> new CoinHistory.Excluded(e.blkNum(), e.proof().orElseThrow());
            default -> new CoinHistory.Empty(e.blkNum());
          });
    }
    return new CoinBundle(
        slot,
        c.token(),
        c.kind(),
        c.value(),
        c.originBlock(),
        c.originOwner(),
        Bytes.wrap(transfer.encode()),
        blk,
        Bytes.wrap(CoinHistoryCodec.encode(new CoinHistory(slot, entries))));
  }

  /** The cash game as {@code account} calls it on L1 (a cheater's hands, or any view). */
  CashGameClient l1(int account) {
    return CashGameClient.forFramework(
        devnet.web3j(), Devnet.credentials(account), devnet.framework());
  }

  Web3jL1Events events() {
    return new Web3jL1Events(devnet.web3j(), devnet.framework());
  }

  /**
   * The guardian's coin watch of {@code account}, over the same light client the test uses: it sees
   * the account's coins and the claims and challenges on them, challenges exits and checkpoints its
   * verified histories refute, answers challenges of its own claims, finalizes its matured claims,
   * withdraws its exited coins and pulls every bond credited to it. Journaled in a fresh directory.
   */
  CoinWatch guard(int account) {
    List<String> lines = new ArrayList<>();
    GameCoinWatch watch = new GameCoinWatch(
        coins(account), l1(account), events(), devnet.deployment().deployedAt(), devnet.web3j());
    CoinGuard guard = new CoinGuard(
        address(account),
        watch,
        watch,
        new CoinJournalFile(tempDir("plasma-cash-coin-guard-"), address(account)),
        System::currentTimeMillis,
        lines::add);
    return new CoinWatch(guard, lines);
  }

  /** A coin watch and the lines it reported (one per step taken, or per failed poll). */
  record CoinWatch(CoinGuard guard, List<String> lines) {
    /** One poll of the watch; the steps it took, none of which may have failed. */
    int poll() {
      int before = lines.size();
      int taken = guard.pollOnce();
      assertThat(lines.subList(before, lines.size()))
          .as("the coin watch's report")
          .allMatch(l -> l.startsWith("done "));
      return taken;
    }

    String lastLine() {
      return lines.getLast();
    }
  }

  /** The mock NFT contract (deployed on first use by the deployer account). */
  Address nft() {
    if (nft == null) {
      try {
        nft = MockErc721.deploy(
                devnet.web3j(), Devnet.credentials(DevAccounts.DEPLOYER), new DefaultGasProvider())
            .send();
      } catch (Exception e) {
        throw new IllegalStateException("cannot deploy the mock ERC721", e);
      }
    }
    return Address.fromHex(nft.getContractAddress());
  }

  /**
   * A {@link CoinFreezer} deployed by {@code account}: the contract that starts a claim of a coin
   * and files against it the challenge nobody can answer, in one transaction.
   */
  CoinFreezer freezer(int account) {
    try {
      return CoinFreezer.deploy(
              devnet.web3j(),
              Devnet.credentials(account),
              new DefaultGasProvider(),
              l1(account).gameAddress().toHex(),
              devnet.framework().toHex())
          .send();
    } catch (Exception e) {
      throw new IllegalStateException("cannot deploy the coin freezer", e);
    }
  }

  /** Mints NFT {@code tokenId} to {@code account} (the deployer pays the gas). */
  void mintNft(int account, BigInteger tokenId) {
    Address token = nft();
    try {
      nft.mint(address(account).toHex(), tokenId).send();
    } catch (Exception e) {
      throw new IllegalStateException("cannot mint NFT " + tokenId + " of " + token, e);
    }
  }

  Address nftOwner(BigInteger tokenId) {
    return l1(ALICE).erc721Owner(nft(), tokenId);
  }

  /** Lets the operator see the root chain's new deposits and exits. */
  void operatorPolls() {
    operator().pollRootChain();
  }

  /**
   * Forms the next child block from what is pending and injected, and waits until it is committed.
   */
  BlockRecord nextBlock() {
    return Devnet.formBlock(operator());
  }

  /**
   * {@code from}'s light client sends its coin to {@code to}: the transfer goes to the operator,
   * the test forms the block, the sender sees it committed and hands the receiver the bundle, which
   * the receiver verifies and accepts. Returns the block that includes the transfer.
   */
  long sendCoin(int from, long slot, int to) {
    CoinCourier.Delivery d = courier().send(coins(from), slot, coins(to));
    assertThat(d.received())
        .as("%s accepts the bundle", name(to))
        .singleElement()
        .satisfies(r -> assertThat(r.accepted()).as(r.message()).isTrue());
    return d.sent().block();
  }

  CoinCourier courier() {
    return new CoinCourier(operator(), SEND_TIMEOUT);
  }

  /** Waits until the operator holds a pending transfer of {@code slot} (or the sender failed). */
  void awaitPending(long slot, CompletableFuture<?> sender) {
    courier().awaitPending(slot, sender);
  }

  /**
   * A transfer of {@code slot} signed with {@code signer}'s key (the owner's, or anybody's for a
   * forgery).
   */
  SignedCoinTransfer sign(int signer, long slot, long prevBlock, int to) {
    return sign(signer, slot, prevBlock, address(to));
  }

  /**
   * A transfer of {@code slot} to any address (a contract, say), signed with {@code signer}'s key.
   */
  SignedCoinTransfer sign(int signer, long slot, long prevBlock, Address to) {
    return SignedCoinTransfer.sign(
        new CoinTransfer(slot, prevBlock, to),
        PrivateKey.fromHex(DevAccounts.privateKey(signer)),
        domain);
  }

  /**
   * The honest owner's exit through its wallet: the operator's forged or double-spent transfer of
   * the coin in a later block (or a withheld block) makes the wallet's sync fail, so
   * {@code exitCoin} exits from the history its light client last verified, which is still the
   * coin's valid history.
   */
  void exitFromStoredHistory(int account, long slot) {
    CoinWallet wallet = coins(account);
    long verifiedTo = wallet.coin(slot).stored().syncedTo();
    wallet.exitCoin(slot);
    assertThat(wallet.coin(slot).stored().syncedTo())
        .as("nothing past the verified history was stored")
        .isEqualTo(verifiedTo);
  }

  /** The operator's coin RPC, as a cheater (or anybody) calls it. */
  CoinRpcClient operatorCoins() {
    return new CoinRpcClient(new OperatorClient(URI.create(devnet.operatorRpcUrl())));
  }

  /**
   * The transfer of {@code slot} the operator serves as included in block {@code blk}, with its
   * proof.
   */
  CoinHistory.Included included(long slot, long blk) {
    CoinOperator.ProofEntry e = operatorCoins().getCoinProofs(slot, blk, blk).getFirst();
    assertThat(e.included()).as("slot %d is included in block %d", slot, blk).isTrue();
    return new CoinHistory.Included(
        blk,
        SignedCoinTransfer.decode(e.tx().orElseThrow().toArray()),
        e.proof().orElseThrow());
  }

  /**
   * The claim startExit takes for a coin whose last transfer is {@code exit} (after {@code prev},
   * if any).
   */
  static CoinClaimArgs claim(Optional<CoinHistory.Included> prev, CoinHistory.Included exit) {
    return new CoinClaimArgs(
        prev.map(p -> Bytes.wrap(p.transfer().transfer().encode())).orElse(Bytes.EMPTY),
        prev.map(CoinHistory.Included::proof).orElse(Bytes.EMPTY),
        Bytes.wrap(exit.transfer().transfer().encode()),
        exit.transfer().signature().bytes(),
        exit.proof(),
        exit.block());
  }

  /** The root chain's clock moves {@code seconds} forward (one block is mined at the new time). */
  void timePasses(long seconds) {
    devnet.anvil().increaseTime(seconds);
    devnet.anvil().mine(1);
  }

  long headTimestamp() {
    try {
      return devnet
          .web3j()
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long l1Head() {
    return devnet.anvil().blockNumber();
  }

  @Override
  public void close() {
    devnet.close();
  }
}
