package org.plasma4j.wallet.cash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.plasma4j.core.cash.Coin;
import org.plasma4j.core.cash.CoinCheckpointPolicy;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.cash.CoinKind;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.HistoryVerdict;
import org.plasma4j.core.cash.MalformedCoinDataException;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.PinnedDomain;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.WalletException.CoinRejected;
import org.plasma4j.wallet.WalletException.CoinUnavailable;
import org.plasma4j.wallet.WalletException.InvalidInput;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CashChain.OnChainCoin;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The Plasma Cash light client (docs/wallet.md): it keeps only this key's coins, each with its
 * history since the coin's on-chain origin, verified against the on-chain coin roots before
 * anything is stored, and persisted (one file per coin) before an operation reports success. A coin
 * changes hands with a bundle: the sender writes the coin's history into the receiver's inbox, and
 * the receiver accepts it only if the whole history verifies and ends with a transfer to it.
 */
public final class CoinWallet {

  private static final Duration POLL = Duration.ofMillis(250);

  private final WalletKey key;
  private final Supplier<Domain> domain;
  private final CoinOperator operator;
  private final CashChain chain;
  private final Path walletRoot;
  private final CoinStore store;
  private final ChainHistoryCheck check;

  /**
   * @param walletRoot the directory holding every local key's coins ({@code <address>/coins}) and
   *     inbox ({@code <address>/inbox})
   */
  public CoinWallet(
      WalletKey key,
      Supplier<Domain> domain,
      CoinOperator operator,
      CashChain chain,
      Path walletRoot) {
    this.key = key;
    this.domain = domain;
    this.operator = operator;
    this.chain = chain;
    this.walletRoot = walletRoot;
    this.store = new CoinStore(keyDir(walletRoot, key.address()).resolve("coins"));
    this.check = new ChainHistoryCheck(domain, chain);
  }

  /**
   * A coin wallet for an operator, a root-chain node and a pinned framework. Transfers are signed
   * and histories verified under the root chain's domain, and the wallet refuses to work with an
   * operator that names another chain id or framework ({@link #checkedDomain}). Nothing connects
   * until first used.
   *
   * @param startL1Block the framework's deployment block, where coin roots and claims are read from
   */
  public static CoinWallet connect(
      WalletKey key,
      String operatorUrl,
      String ethRpcUrl,
      Address framework,
      long startL1Block,
      Path walletRoot) {
    Objects.requireNonNull(framework, "framework");
    return connect(key, operatorUrl, ethRpcUrl, () -> framework, startL1Block, walletRoot);
  }

  /**
   * As {@link #connect(WalletKey, String, String, Address, long, Path)}, the framework asked for on
   * first use.
   */
  public static CoinWallet connect(
      WalletKey key,
      String operatorUrl,
      String ethRpcUrl,
      Supplier<Address> framework,
      long startL1Block,
      Path walletRoot) {
    return connect(
        key,
        operatorUrl,
        Web3j.build(new HttpService(ethRpcUrl)),
        framework,
        startL1Block,
        walletRoot);
  }

  /**
   * As {@link #connect(WalletKey, String, String, Address, long, Path)}, over an open root-chain
   * connection.
   */
  public static CoinWallet connect(
      WalletKey key,
      String operatorUrl,
      Web3j web3j,
      Supplier<Address> framework,
      long startL1Block,
      Path walletRoot) {
    OperatorClient rpc = OperatorClient.connect(operatorUrl);
    GameCashChain chain =
        new GameCashChain(web3j, key, GameCashChain.memo(framework), startL1Block);
    return new CoinWallet(
        key, checkedDomain(chain, rpc::getChainInfo), new CoinRpcClient(rpc), chain, walletRoot);
  }

  /**
   * A coin wallet for a coin watch: the domain is the root chain's alone and the operator's view is
   * not asked, so a lying operator cannot switch the watch off; its false proofs simply fail
   * verification. It reads the root chain's events from {@code startL1Block}, the framework's
   * deployment block.
   */
  public static CoinWallet watching(
      WalletKey key,
      String operatorUrl,
      Web3j web3j,
      Address framework,
      long startL1Block,
      Path walletRoot) {
    GameCashChain chain = new GameCashChain(web3j, key, () -> framework, startL1Block);
    return new CoinWallet(
        key,
        GameCashChain.memo(chain::domain),
        new CoinRpcClient(OperatorClient.connect(operatorUrl)),
        chain,
        walletRoot);
  }

  /**
   * The domain of {@code chain} (the root chain's, checked against the framework's separator and
   * the cash game's framework), checked once against the operator's chain info: a wallet that signs
   * and accepts transfers refuses an operator of another chain id or framework.
   *
   * @return a supplier failing with WalletException.DomainMismatch on any disagreement (tried again
   *     on the next call)
   */
  public static Supplier<Domain> checkedDomain(
      CashChain chain, Supplier<OperatorClient.ChainInfo> operatorView) {
    return GameCashChain.memo(() -> PinnedDomain.agreed(chain.domain(), operatorView.get()));
  }

  public static Path keyDir(Path walletRoot, Address owner) {
    return walletRoot.resolve(owner.toHex().toLowerCase(Locale.ROOT));
  }

  /** Where bundles for {@code receiver} are dropped, under the same wallet directory. */
  public static BundleInbox inboxOf(Path walletRoot, Address receiver) {
    return new BundleInbox(keyDir(walletRoot, receiver).resolve("inbox"));
  }

  public Address address() {
    return key.address();
  }

  public CoinStore store() {
    return store;
  }

  public BundleInbox inbox() {
    return inboxOf(walletRoot, address());
  }

  /** An owned coin, decoded. */
  public record OwnedCoin(StoredCoin stored, Coin coin, CoinOrigin origin, CoinHistory history) {
    public long slot() {
      return stored.slot();
    }
  }

  public List<OwnedCoin> coins() {
    return store.all().stream().map(CoinWallet::decoded).toList();
  }

  public OwnedCoin coin(long slot) {
    return decoded(
        store.load(slot).orElseThrow(() -> new CoinUnavailable(slot, "not a coin of this wallet")));
  }

  // ---------------------------------------------------------------- deposit

  /** A deposited coin, kept, and the deposit's root-chain receipt. */
  public record Deposited(OwnedCoin coin, L1Receipt receipt) {}

  /** Deposits ETH, an ERC20 amount or an ERC721 token id as a new coin, and keeps it. */
  public OwnedCoin depositCoin(CoinKind kind, Address token, BigInteger value) {
    return deposit(kind, token, value).coin();
  }

  /** {@link #depositCoin}, with the deposit's root-chain receipt. */
  public Deposited deposit(CoinKind kind, Address token, BigInteger value) {
    if (kind != CoinKind.ERC721 && value.signum() <= 0) {
      throw new InvalidInput("a coin deposit must be positive, got " + value);
    }
    if (kind == CoinKind.ETH != token.isZero()) {
      throw new InvalidInput(
          kind == CoinKind.ETH ? "an ETH coin has no token" : "a token coin needs --token");
    }
    CashChain.CoinDeposit d = chain.deposit(kind.code(), token, value);
    OnChainCoin c = d.coin();
    StoredCoin stored = new StoredCoin(
        c.slot(),
        c.token(),
        c.kind(),
        c.value(),
        c.originBlock(),
        c.originOwner(),
        c.originBlock(),
        c.originBlock(),
        encode(CoinHistory.empty(c.slot())));
    store.save(stored);
    return new Deposited(decoded(stored), d.receipt());
  }

  // ---------------------------------------------------------------- sync

  /** What a sync found: the coin still ours (with its history through {@code syncedTo}) or gone. */
  public record SyncResult(
      long slot, boolean owned, Address owner, long coinBlock, long syncedTo, int newBlocks) {}

  /** Syncs every owned coin; a coin that fails verification is reported, the others still sync. */
  public List<SyncResult> syncAll() {
    List<SyncResult> out = new ArrayList<>();
    for (StoredCoin c : store.all()) {
      out.add(sync(c.slot()));
    }
    return out;
  }

  /**
   * Fetches the proofs of the blocks committed since the coin's history ends (one operator call per
   * range), verifies the extended history against the on-chain origin and coin roots, and stores
   * it. On a rejection nothing is stored. A coin that the verified history shows has left this key
   * is dropped from the store.
   */
  public SyncResult sync(long slot) {
    OwnedCoin owned = coin(slot);
    Extended ext = extend(owned);
    HistoryVerdict.Valid valid = ext.valid();
    if (!valid.owner().equals(address())) {
      store.delete(slot);
      return new SyncResult(
          slot, false, valid.owner(), valid.block(), valid.verifiedTo(), ext.newBlocks());
    }
    if (ext.newBlocks() > 0 || !ext.origin().equals(owned.origin())) {
      store.save(stored(owned.stored(), ext.origin(), ext.history(), valid));
    }
    return new SyncResult(
        slot, true, valid.owner(), valid.block(), valid.verifiedTo(), ext.newBlocks());
  }

  /**
   * A coin's history extended to the last committed child block and verified from the on-chain
   * origin.
   */
  private record Extended(
      CoinOrigin origin, CoinHistory history, HistoryVerdict.Valid valid, int newBlocks) {}

  private Extended extend(OwnedCoin owned) {
    OnChainCoin onChain = onChain(owned.slot());
    CoinOrigin origin = new CoinOrigin(onChain.originBlock(), onChain.originOwner());
    CoinHistory history = owned.history();
    if (origin.block() > owned.origin().block()) {
      history =
          CoinCheckpointPolicy.prune(history, origin); // a checkpoint finalized since the last sync
    } else if (origin.block() < owned.origin().block()) {
      throw new CoinRejected(
          "ORIGIN_MOVED_BACK",
          "the chain's origin " + origin.block() + " is older than the stored "
              + owned.origin().block());
    }
    long next = chain.nextChildBlock();
    long from = BlockNumbers.nextChildBlock(history.lastBlock(origin.block()));
    long to = next - BlockNumbers.CHILD_BLOCK_INTERVAL;
    List<CoinHistory.Entry> fresh = ChainHistoryCheck.fetch(operator, owned.slot(), from, to);
    CoinHistory extended = history.appendAll(fresh);
    long target = Math.max(to, origin.block());
    HistoryVerdict.Valid valid = check.verify(origin, extended, target, next);
    return new Extended(origin, extended, valid, fresh.size());
  }

  // ---------------------------------------------------------------- send

  /**
   * A delivered coin: the transfer, the block that includes it, and the bundle written for the
   * receiver.
   */
  public record Sent(long slot, Bytes32 txHash, Address to, long block, Path bundle) {}

  /**
   * Sends a coin to {@code to}, delivering the bundle into the receiver's inbox under this wallet
   * directory.
   */
  public Sent sendCoin(long slot, Address to, Duration timeout) {
    return sendCoin(slot, to, inboxOf(walletRoot, to), timeout);
  }

  /**
   * Signs a transfer of the coin to {@code to}, sends it to the operator, waits until the block
   * that includes it is committed on the root chain and verifies, then hands the receiver the
   * bundle and forgets the coin. The coin must be this wallet's and neither exiting nor exited.
   */
  public Sent sendCoin(long slot, Address to, BundleInbox receiverInbox, Duration timeout) {
    if (to.equals(address())) {
      throw new InvalidInput("cannot send a coin to its own owner");
    }
    requireMovable(slot);
    SyncResult synced = sync(slot);
    if (!synced.owned()) {
      throw new CoinUnavailable(slot, "it now belongs to " + synced.owner());
    }
    OwnedCoin owned = coin(slot);
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitCredited(slot, deadline);
    SignedCoinTransfer signed =
        key.signCoinTransfer(new CoinTransfer(slot, synced.coinBlock(), to), domain.get());
    Bytes32 txHash = operator.sendCoinTransfer(signed.encode());
    Extended ext = awaitOwner(owned, to, deadline);
    long block = ext.valid().block();
    CoinHistory through = new CoinHistory(
        slot, ext.history().entries().stream().filter(e -> e.block() <= block).toList());
    CoinBundle bundle = new CoinBundle(
        slot,
        owned.coin().token(),
        owned.coin().kind().code(),
        owned.coin().value(),
        ext.origin().block(),
        ext.origin().owner(),
        Bytes.wrap(signed.encode()),
        block,
        encode(through));
    Path file = receiverInbox.deliver(bundle);
    store.delete(slot);
    return new Sent(slot, txHash, to, block, file);
  }

  private Extended awaitOwner(OwnedCoin owned, Address to, long deadline) {
    while (true) {
      Extended ext = extend(owned);
      if (ext.valid().owner().equals(to)) {
        return ext;
      }
      pause(owned.slot(), deadline, "its transfer was not in a committed block in time");
    }
  }

  /**
   * A coin deposited moments ago is known to the operator once it has seen the deposit confirmed.
   */
  private void awaitCredited(long slot, long deadline) {
    while (true) {
      try {
        operator.getCoin(slot);
        return;
      } catch (WalletException.OperatorError e) {
        if (e.code() != CoinOperator.UNKNOWN_COIN) {
          throw e;
        }
        pause(slot, deadline, "the operator has not credited its deposit (" + e.rpcMessage() + ")");
      }
    }
  }

  private static void pause(long slot, long deadline, String why) {
    if (System.nanoTime() > deadline) {
      throw new WalletException.Timeout("coin " + Long.toUnsignedString(slot) + ": " + why);
    }
    try {
      java.util.concurrent.TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalletException.Timeout(
          "interrupted while waiting for coin " + Long.toUnsignedString(slot));
    }
  }

  /** Refuses, before signing anything, a coin that does not exist on chain or cannot move. */
  private OnChainCoin requireMovable(long slot) {
    if (store.load(slot).isEmpty()) {
      Optional<OnChainCoin> c = chain.coin(slot);
      throw new CoinUnavailable(slot, c.isEmpty() ? "no such coin" : "not a coin of this wallet");
    }
    OnChainCoin c = onChain(slot);
    // the game marks a coin exiting while anyone's exit of it is pending
    if (c.state() != CashChain.DEPOSITED) {
      throw new CoinUnavailable(slot, "it is " + stateName(c.state()));
    }
    return c;
  }

  /**
   * Refuses, before posting a bond, a coin this wallet does not hold, that left, or that it exits
   * already.
   */
  private void requireExitable(long slot) {
    if (store.load(slot).isEmpty()) {
      Optional<OnChainCoin> c = chain.coin(slot);
      throw new CoinUnavailable(slot, c.isEmpty() ? "no such coin" : "not a coin of this wallet");
    }
    OnChainCoin c = onChain(slot);
    if (c.state() >= CashChain.EXITED) {
      throw new CoinUnavailable(slot, "it is " + stateName(c.state()));
    }
    if (chain.exitOf(slot).exists()) {
      throw new CoinUnavailable(slot, "its exit is pending already");
    }
  }

  private OnChainCoin onChain(long slot) {
    return chain
        .coin(slot)
        .orElseThrow(() -> new CoinUnavailable(slot, "no such coin on the root chain"));
  }

  // ---------------------------------------------------------------- receive

  /** The fate of one bundle: accepted (the coin is now stored) or rejected for {@code reason}. */
  public record Received(Path bundle, long slot, boolean accepted, String reason, String message) {}

  /**
   * The largest bundle file read: a coin whose history is longer must be checkpointed before it is
   * sent.
   */
  public static final long MAX_BUNDLE_BYTES = 64L << 20;

  /**
   * Imports the bundles waiting in this wallet's inbox. An accepted bundle's coin is stored and the
   * bundle removed; a rejected one is removed and nothing of it is stored; a bundle that cannot be
   * judged yet (its transfer block not committed, or the operator not serving the proofs since)
   * stays for a later call.
   *
   * @throws WalletException.DomainMismatch before judging anything, if the domain cannot be trusted
   */
  public List<Received> receive() {
    List<Path> pending = inbox().pending();
    if (!pending.isEmpty()) {
      domain.get(); // a domain that cannot be trusted judges nothing: the bundles stay
    }
    List<Received> out = new ArrayList<>();
    for (Path file : pending) {
      try {
        OwnedCoin c = receive(file);
        out.add(new Received(file, c.slot(), true, "", "accepted"));
      } catch (CoinRejected e) {
        out.add(new Received(file, slotOf(file), false, e.reason(), e.getMessage()));
      } catch (BundleVerifier.Deferred e) {
        out.add(new Received(file, slotOf(file), false, e.reason(), e.getMessage()));
      }
    }
    return out;
  }

  /** Verifies and imports one bundle file; see {@link #accept(CoinBundle)}. */
  public OwnedCoin receive(Path file) {
    CoinBundle bundle;
    try {
      long size = Files.size(file);
      if (size > MAX_BUNDLE_BYTES) {
        inbox().remove(file);
        throw new CoinRejected(
            "BUNDLE_TOO_LARGE",
            "bundle " + file.getFileName() + " has " + size + " bytes, more than "
                + MAX_BUNDLE_BYTES);
      }
      bundle = CoinBundle.decode(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle " + file, e);
    } catch (IllegalArgumentException e) {
      inbox().remove(file);
      throw new CoinRejected("MALFORMED", "bundle " + file.getFileName() + ": " + e.getMessage());
    }
    try {
      OwnedCoin accepted = accept(bundle);
      inbox().remove(file);
      return accepted;
    } catch (CoinRejected e) {
      inbox().remove(file);
      throw e;
    }
  }

  /**
   * Accepts a coin from a bundle only if: the coin exists on chain as the bundle says; its history,
   * from the on-chain origin and extended with the operator's proofs through the last committed
   * child block, verifies against the on-chain coin roots; the bundle's transfer to this wallet is
   * in it and is the coin's latest transfer ({@code MOVED_ON} otherwise: an old bundle delivered
   * again after the coin moved on); no exit is pending ({@code COIN_EXITING}) and no checkpoint
   * that history does not hold ({@code UNSUPPORTED_CLAIM}). Only then is the coin stored.
   *
   * @throws CoinRejected naming the failed rule (a HistoryRejection, or a bundle-level reason)
   * @throws BundleVerifier.Deferred if the bundle cannot be judged yet
   */
  public OwnedCoin accept(CoinBundle bundle) {
    StoredCoin stored = new BundleVerifier(chain, operator, check).verify(bundle, address());
    store.save(stored);
    return decoded(stored);
  }

  private static long slotOf(Path bundleFile) {
    String name = bundleFile.getFileName().toString();
    try {
      return Long.parseUnsignedLong(name.split("-")[1]);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- exits and checkpoints

  /**
   * Starts the exit of an owned coin with its last two transfers (or its origin), posting the bond.
   * Other owners' pending exits and checkpoints do not stop it: claims run side by side on chain.
   */
  public L1Receipt exitCoin(long slot) {
    requireExitable(slot);
    return chain.startExit(slot, claim(ownedForExit(slot)));
  }

  /**
   * The coin after a sync; if the sync fails (the operator withholds a block, serves nothing, or
   * its newer history of the coin does not verify), the history verified and stored before: an exit
   * must still be possible from what this key can prove. Only a valid history showing the coin left
   * this key stops it.
   */
  private OwnedCoin ownedForExit(long slot) {
    try {
      return ownedAfterSync(slot);
    } catch (CoinUnavailable e) {
      throw e;
    } catch (WalletException | MalformedCoinDataException e) {
      return coin(slot);
    }
  }

  /**
   * The coin as the cash game holds it (its state: deposited, exiting, exited, withdrawn), if
   * deposited.
   */
  public Optional<CashChain.OnChainCoin> coinOnChain(long slot) {
    return chain.coin(slot);
  }

  /** This key's own pending exit of the coin: when it can be finalized, and its open challenges. */
  public CashChain.PendingClaim exitOf(long slot) {
    return chain.exitOf(slot);
  }

  /** A coin state of the cash game as a word ("exiting"). */
  public static String state(int state) {
    return stateName(state);
  }

  /** Finalizes a matured exit (or, with open challenges, lets it fail). */
  public L1Receipt finalizeExit(long slot) {
    return chain.finalizeExit(slot);
  }

  /** Withdraws an exited coin's funds to this key; the coin then leaves the wallet. */
  public L1Receipt withdraw(long slot) {
    L1Receipt r = chain.withdraw(slot);
    store.delete(slot);
    return r;
  }

  /**
   * Bond wei the cash game holds for this key: refunded exit and checkpoint bonds, challenge
   * winnings.
   */
  public BigInteger bonds() {
    return chain.bonds();
  }

  /** Pulls every bond credited to this key. */
  public L1Receipt withdrawBonds() {
    return chain.withdrawBonds();
  }

  /** Starts a checkpoint of an owned coin at its latest transfer, posting the checkpoint bond. */
  public L1Receipt checkpoint(long slot) {
    requireMovable(slot);
    OwnedCoin owned = ownedAfterSync(slot);
    if (!CoinCheckpointPolicy.canCheckpoint(owned.origin(), owned.history())) {
      throw new InvalidInput(
          "coin " + Long.toUnsignedString(slot) + " has not moved since its origin at block "
              + owned.origin().block() + ": nothing to checkpoint");
    }
    return chain.startCheckpoint(slot, claim(owned));
  }

  /**
   * Finalizes a matured checkpoint; once the origin moved, drops every history entry at or before
   * it (the sync that follows re-bases the coin on the new origin and stores the shorter history).
   */
  public L1Receipt finalizeCheckpoint(long slot) {
    L1Receipt r = chain.finalizeCheckpoint(slot);
    sync(slot);
    return r;
  }

  private OwnedCoin ownedAfterSync(long slot) {
    SyncResult s = sync(slot);
    if (!s.owned()) {
      throw new CoinUnavailable(slot, "it now belongs to " + s.owner());
    }
    return coin(slot);
  }

  private static CoinClaimArgs claim(OwnedCoin owned) {
    return CoinCheckpointPolicy.latestClaim(owned.origin(), owned.history());
  }

  // ---------------------------------------------------------------- history

  /** One line of a coin's stored history. */
  public record HistoryLine(long block, String kind, Optional<Address> newOwner, int proofBytes) {}

  /**
   * The stored history of a coin, one line per non-empty child block (empty blocks cost nothing).
   */
  public List<HistoryLine> history(long slot) {
    List<HistoryLine> lines = new ArrayList<>();
    for (CoinHistory.Entry e : coin(slot).history().entries()) {
      switch (e) {
        case CoinHistory.Included i ->
          lines.add(new HistoryLine(
              i.block(),
              "included",
              Optional.of(i.transfer().transfer().newOwner()),
              i.proof().length()));
        case CoinHistory.Excluded x ->
          lines.add(
              new HistoryLine(x.block(), "excluded", Optional.empty(), x.proof().length()));
        case CoinHistory.Empty m -> {}
      }
    }
    return lines;
  }

  // ---------------------------------------------------------------- helpers

  private static OwnedCoin decoded(StoredCoin s) {
    Coin coin = new Coin(s.slot(), s.token(), CoinKind.of(s.kind()), s.value());
    CoinHistory history = s.history().length() == 0
        ? CoinHistory.empty(s.slot())
        : CoinHistoryCodec.decode(s.history().toArray(), s.syncedTo());
    return new OwnedCoin(s, coin, new CoinOrigin(s.originBlock(), s.originOwner()), history);
  }

  private static StoredCoin stored(
      StoredCoin old, CoinOrigin origin, CoinHistory history, HistoryVerdict.Valid v) {
    return new StoredCoin(
        old.slot(),
        old.token(),
        old.kind(),
        old.value(),
        origin.block(),
        origin.owner(),
        v.block(),
        Math.max(v.verifiedTo(), origin.block()),
        encode(history));
  }

  static Bytes encode(CoinHistory history) {
    return Bytes.wrap(CoinHistoryCodec.encode(history));
  }

  static String stateName(int state) {
    return switch (state) {
      case CashChain.DEPOSITED -> "deposited";
      case CashChain.EXITING -> "exiting";
      case CashChain.EXITED -> "exited";
      case CashChain.WITHDRAWN -> "withdrawn";
      default -> "in state " + state;
    };
  }
}
