package org.plasma4j.guardian.cash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.plasma4j.core.cash.CoinCheckpointPolicy;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.rootchain.CashGameEvents.CoinChallenged;
import org.plasma4j.core.rootchain.FollowedEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.types.Address;
import org.plasma4j.guardian.cash.WatchedCoin.ObservedClaim;
import org.plasma4j.guardian.cash.WatchedCoin.OpenChallenge;
import org.plasma4j.guardian.cash.WatchedCoin.OwnFiling;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.rootchain.CoinClaims;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CoinWallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The coin watch's eyes and hands for one key: its coins and their verified histories from the coin
 * wallet (synced first, best effort: a gone operator leaves the stored history), the claims and
 * challenges on them from the cash game's views and events, and the steps taken through the cash
 * game's client. Bonds credited to the key are pulled after each step.
 */
public final class GameCoinWatch implements CoinGuard.Source, CoinGuard.Executor {

  private static final Logger LOG = LoggerFactory.getLogger(GameCoinWatch.class);

  private final CoinWallet wallet;
  private final CashGameClient game;
  private final Web3j web3j;

  /** Every owner's pending claims on a coin, named by their start events. */
  private final CoinClaims claims;

  private final Challenges challenged;
  /** Our filings known to be refunded or answered (final), so they are not asked about again. */
  private final Set<String> finished = new HashSet<>();

  /**
   * @param startL1Block the framework's deployment block: each poll reads only the root-chain
   *     blocks after the last one read, from there
   */
  public GameCoinWatch(
      CoinWallet wallet,
      CashGameClient game,
      L1EventSource events,
      long startL1Block,
      Web3j web3j) {
    this.wallet = wallet;
    this.game = game;
    this.web3j = web3j;
    this.claims = CoinClaims.of(game, events, startL1Block);
    this.challenged = new Challenges(events, startL1Block);
  }

  /** Every challenge filed on a coin claim, kept by the shared follower. */
  private static final class Challenges extends FollowedEvents {
    private final List<CoinChallenged> filed = new ArrayList<>();

    Challenges(L1EventSource events, long startL1Block) {
      super(events, startL1Block, 0);
    }

    @Override
    protected void on(L1Event event) {
      switch (event) {
        case CoinChallenged e -> filed.add(e);
        default -> {}
      }
    }

    @Override
    protected void forgetAfter(long l1Block) {
      filed.removeIf(e -> e.l1Block() > l1Block);
    }

    /** Follows up to the head; every challenge filed through it. */
    synchronized List<CoinChallenged> upToHead() {
      follow();
      return List.copyOf(filed);
    }
  }

  /**
   * The coin watch of {@code key}'s coins in {@code walletRoot}, journaled in {@code dataDir}: what
   * {@code plasma wallet guard} runs beside the guardian.
   */
  public static CoinGuard guard(
      WalletKey key,
      String operatorRpc,
      Web3j web3j,
      Address framework,
      long startL1Block,
      Path walletRoot,
      Path dataDir,
      Consumer<String> out) {
    CoinWallet wallet =
        CoinWallet.watching(key, operatorRpc, web3j, framework, startL1Block, walletRoot);
    GameCoinWatch watch = new GameCoinWatch(
        wallet,
        CashGameClient.forFramework(web3j, key.credentials(), framework),
        new Web3jL1Events(web3j, framework),
        startL1Block,
        web3j);
    return new CoinGuard(
        key.address(),
        watch,
        watch,
        new CoinJournalFile(dataDir, key.address()),
        System::currentTimeMillis,
        out);
  }

  @Override
  public List<WatchedCoin> observe() {
    claims.refresh();
    List<CoinChallenged> challenges = challenged.upToHead();
    List<WatchedCoin> seen = new ArrayList<>();
    for (CoinWallet.OwnedCoin stored : wallet.coins()) {
      long slot = stored.slot();
      boolean stillOurs = true;
      try {
        stillOurs = wallet.sync(slot).owned();
      } catch (RuntimeException e) {
        // the operator may be gone or lying: the stored, verified history is what we defend with
      }
      if (!stillOurs) {
        continue; // the verified history shows it left this key (the wallet has dropped it)
      }
      seen.add(watched(wallet.coin(slot), challenges));
    }
    return seen;
  }

  private WatchedCoin watched(CoinWallet.OwnedCoin owned, List<CoinChallenged> challenges) {
    long slot = owned.slot();
    CashGameClient.OnChainCoin c = game.coin(slot);
    CoinOrigin origin = new CoinOrigin(c.originBlock(), c.originOwner());
    CoinHistory history = origin.block() > owned.origin().block()
        ? CoinCheckpointPolicy.prune(owned.history(), origin)
        : owned.history();
    // every owner that ever started a claim on the coin may have one exit and one checkpoint
    // pending
    CoinClaims.Found found = claims.of(slot);
    if (!found.complete()) {
      // defend against the claims that can be named rather than none; the next poll reads again
      LOG.warn(
          "coin {}: some pending claims are not named by their start events: {}",
          Long.toUnsignedString(slot),
          found.describe());
    }
    List<ObservedClaim> observed = new ArrayList<>();
    found.claims().forEach(p -> observed.add(claim(slot, p.checkpoint(), p.claim(), challenges)));
    return new WatchedCoin(slot, origin, history, c.state(), c.exitedOwner(), observed);
  }

  private ObservedClaim claim(
      long slot,
      boolean onCheckpoint,
      CashGameClient.OnChainClaim on,
      List<CoinChallenged> challenges) {
    Map<Long, OpenChallenge> open = new LinkedHashMap<>(); // evidence is named by its block
    challenges.stream()
        .filter(e -> e.slot() == slot
            && e.onCheckpoint() == onCheckpoint
            && e.claimant().equals(on.owner())
            && e.claimId() == on.claimId())
        .forEach(e -> open.putIfAbsent(
            e.blk(), new OpenChallenge(e.challengeTxHash(), e.claimedOwner(), e.blk())));
    open.values()
        .removeIf(e -> !game.evidenceOf(slot, on.owner(), onCheckpoint, e.blk()).open());
    return new ObservedClaim(
        on.toCoinClaim(slot, onCheckpoint),
        on.claimId(),
        on.exitableAt(),
        List.copyOf(open.values()));
  }

  @Override
  public List<OwnFiling> ownFilings() {
    Address us = game.address();
    List<OwnFiling> open = new ArrayList<>();
    for (CoinChallenged e : challenged.upToHead()) {
      String id = e.claimId() + ":" + e.index();
      if (!e.challenger().equals(us) || finished.contains(id)) {
        continue;
      }
      if (!game.challengeAt(e.slot(), e.claimant(), e.onCheckpoint(), e.claimId(), e.index())
          .open()) {
        finished.add(id); // refunded or answered: final
        continue;
      }
      CashGameClient.OnChainClaim claim = game.claimOf(e.slot(), e.claimant(), e.onCheckpoint());
      boolean pending = claim.exists() && claim.claimId() == e.claimId();
      open.add(new OwnFiling(
          e.slot(),
          e.claimant(),
          e.onCheckpoint(),
          e.claimId(),
          e.index(),
          pending,
          pending ? claim.exitableAt() : 0));
    }
    return open;
  }

  @Override
  public long l1Head() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException("root chain unreachable", e);
    }
  }

  @Override
  public long l1Timestamp() {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException("root chain unreachable", e);
    }
  }

  @Override
  public CoinOutcome execute(CoinAction action) {
    BigInteger bond = BigInteger.ZERO;
    TransactionReceipt r = switch (action) {
      case CoinAction.Commit a -> game.commitCoin(a.slot(), a.txHash());
      case CoinAction.RevealChallenge a -> {
        CoinEvidence e = a.challenge().evidence().orElse(null);
        yield switch (a.challenge().kind()) {
          case AFTER -> game.revealAfter(a.slot(), a.claimant(), e);
          case BETWEEN -> game.revealBetween(a.slot(), a.claimant(), a.onCheckpoint(), e);
          case BEFORE -> game.revealBefore(a.slot(), a.claimant(), a.onCheckpoint(), e);
          case BEFORE_FROM_ORIGIN ->
            game.revealBeforeFromOrigin(a.slot(), a.claimant(), a.onCheckpoint());
          case NONE -> throw new IllegalArgumentException("nothing to challenge");
        };
      }
      case CoinAction.RevealResponse a ->
        game.revealResponse(a.slot(), a.claimant(), a.onCheckpoint(), a.evidence());
      case CoinAction.StartExit a -> {
        bond = game.coinExitBond();
        yield receipt(
            wallet.exitCoin(a.slot()).txHash()); // from the verified history if the sync fails
      }
      case CoinAction.FinalizeExit a -> game.finalizeExit(a.slot(), a.claimant());
      case CoinAction.FinalizeCheckpoint a -> game.finalizeCheckpoint(a.slot(), a.claimant());
      case CoinAction.Withdraw a -> {
        TransactionReceipt w = game.withdraw(a.slot());
        wallet.store().delete(a.slot());
        yield w;
      }
      case CoinAction.Settle a ->
        game.settleChallenge(a.slot(), a.claimant(), a.onCheckpoint(), a.claimId(), a.index());
    };
    if (action instanceof CoinAction.RevealChallenge a
        && a.challenge().kind().name().startsWith("BEFORE")) {
      bond = game.challengeBond();
    }
    BigInteger gas = gas(r);
    if (game.bonds(game.address()).signum() > 0) {
      gas = gas.add(gas(game.withdrawBonds())); // payouts are pulled, never left behind
    }
    return new CoinOutcome(r.getTransactionHash(), r.getBlockNumber().longValueExact(), bond, gas);
  }

  private TransactionReceipt receipt(String txHash) {
    try {
      return web3j
          .ethGetTransactionReceipt(txHash)
          .send()
          .getTransactionReceipt()
          .orElseThrow(() -> new IllegalStateException("no receipt for " + txHash));
    } catch (IOException e) {
      throw new UncheckedIOException("root chain unreachable", e);
    }
  }

  private static BigInteger gas(TransactionReceipt r) {
    return r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
  }
}
