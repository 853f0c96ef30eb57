package org.plasma4j.wallet.cash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.rootchain.CashGameEvents.CoinRootSubmitted;
import org.plasma4j.core.rootchain.FollowedEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.rootchain.CoinClaims;
import org.plasma4j.rootchain.DeploymentBlock;
import org.plasma4j.rootchain.OnChainDomain;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.wallet.PinnedDomain;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.plasma4j.wallet.WalletException.ClaimsUnknown;
import org.plasma4j.wallet.WalletException.RootChainFailure;
import org.plasma4j.wallet.WalletKey;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * {@link CashChain} over the cash game's client and the framework. Coin roots come from the
 * framework's CoinRootSubmitted events in the shared event stream, so a sync reads the roots of any
 * range at once.
 */
public final class GameCashChain implements CashChain {

  private final Web3j web3j;
  private final Supplier<Address> frameworkAddress;
  private final Supplier<CashGameClient> game;
  private final Supplier<Web3jL1Events> events;
  private final Supplier<PlasmaFramework> framework;
  /**
   * Coin roots read once: a long-lived wallet (the coin watch's) reads only new root-chain blocks.
   */
  private final Supplier<CoinRoots> rootEvents;
  /** Who started claims on coins, read once and kept like the coin roots. */
  private final Supplier<CoinClaims> claims;

  /**
   * @param frameworkAddress asked for on first use, so a command that stays local never connects
   * @param startL1Block the framework's deployment block, where its events are read from; checked
   *     on chain before the first read ({@link DeploymentBlock}), since a later start would miss
   *     coin roots and claims
   */
  public GameCashChain(
      Web3j web3j, WalletKey key, Supplier<Address> frameworkAddress, long startL1Block) {
    this.web3j = web3j;
    this.frameworkAddress = frameworkAddress;
    this.game =
        memo(() -> CashGameClient.forFramework(web3j, key.credentials(), frameworkAddress.get()));
    this.events = memo(() -> {
      DeploymentBlock.check(web3j, frameworkAddress.get(), startL1Block);
      return new Web3jL1Events(web3j, frameworkAddress.get());
    });
    this.framework = memo(() -> PlasmaFramework.load(
        frameworkAddress.get().toHex(),
        web3j,
        new ReadonlyTransactionManager(web3j, key.address().toHex()),
        new DefaultGasProvider()));
    this.rootEvents = memo(() -> new CoinRoots(events.get(), startL1Block));
    this.claims = memo(() -> CoinClaims.of(game.get(), events.get(), startL1Block));
  }

  /** The framework's coin roots by child block, kept by the shared follower. */
  private static final class CoinRoots extends FollowedEvents {
    private final List<CoinRootSubmitted> submitted = new ArrayList<>();

    CoinRoots(L1EventSource events, long startL1Block) {
      super(events, startL1Block, 0);
    }

    @Override
    protected void on(L1Event event) {
      switch (event) {
        case CoinRootSubmitted e -> submitted.add(e);
        default -> {}
      }
    }

    @Override
    protected void forgetAfter(long l1Block) {
      submitted.removeIf(e -> e.l1Block() > l1Block);
    }

    /** Follows up to the head; the roots of the child blocks {@code from..to}. */
    synchronized Map<Long, Bytes32> between(long fromBlock, long toBlock) {
      follow();
      Map<Long, Bytes32> roots = new LinkedHashMap<>();
      for (CoinRootSubmitted e : submitted) {
        if (e.blkNum() >= fromBlock && e.blkNum() <= toBlock) {
          roots.put(e.blkNum(), e.coinRoot());
        }
      }
      return roots;
    }
  }

  @Override
  public Optional<OnChainCoin> coin(long slot) {
    return call("coin", () -> {
      if (Long.compareUnsigned(slot, game.get().nextSlot()) >= 0) {
        return Optional.empty();
      }
      CashGameClient.OnChainCoin c = game.get().coin(slot);
      return Optional.of(new OnChainCoin(
          slot,
          c.token(),
          c.kind(),
          c.value(),
          c.state(),
          c.originBlock(),
          c.originOwner(),
          c.exitedOwner()));
    });
  }

  @Override
  public long nextChildBlock() {
    return call("nextChildBlock", () -> framework.get().nextChildBlock().send().longValueExact());
  }

  @Override
  public Map<Long, Bytes32> coinRoots(long fromBlock, long toBlock) {
    return call("coin roots", () -> rootEvents.get().between(fromBlock, toBlock));
  }

  @Override
  public CoinDeposit deposit(int kind, Address token, BigInteger value) {
    CashGameClient.Deposited d = call("coin deposit", () -> switch (kind) {
      case 0 -> game.get().depositEth(value);
      case 1 -> game.get().depositErc20(token, value);
      case 2 -> game.get().depositErc721(token, value);
      default -> throw new IllegalArgumentException("unknown coin kind " + kind);
    });
    OnChainCoin c = coin(d.slot())
        .orElseThrow(() -> new RootChainFailure("the deposited coin is not on chain", null));
    return new CoinDeposit(receipt(d.receipt()), c);
  }

  @Override
  public L1Receipt startExit(long slot, CoinClaimArgs claim) {
    return receipt(call("startExit", () -> game.get().startExit(slot, claim)));
  }

  @Override
  public L1Receipt finalizeExit(long slot) {
    return receipt(call("finalizeExit", () -> game.get().finalizeExit(slot)));
  }

  @Override
  public L1Receipt withdraw(long slot) {
    return receipt(call("withdraw", () -> game.get().withdraw(slot)));
  }

  @Override
  public L1Receipt startCheckpoint(long slot, CoinClaimArgs claim) {
    return receipt(call("startCheckpoint", () -> game.get().startCheckpoint(slot, claim)));
  }

  @Override
  public L1Receipt finalizeCheckpoint(long slot) {
    return receipt(call("finalizeCheckpoint", () -> game.get().finalizeCheckpoint(slot)));
  }

  @Override
  public L1Receipt withdrawBonds() {
    return receipt(call("withdrawBonds", () -> game.get().withdrawBonds()));
  }

  @Override
  public BigInteger bonds() {
    return call("bonds", () -> game.get().bonds(game.get().address()));
  }

  @Override
  public Domain domain() {
    return call(
        "domain",
        () -> PinnedDomain.onChain(
            () -> OnChainDomain.readWithCashGame(web3j, frameworkAddress.get())));
  }

  @Override
  public PendingClaim exitOf(long slot) {
    return pending(call("exitOf", () -> game.get().exitOf(slot)));
  }

  @Override
  public PendingClaim checkpointOf(long slot) {
    return pending(call("checkpointOf", () -> game.get().checkpointOf(slot)));
  }

  /**
   * Every claimant's pending exits and checkpoints of the coin, named by the game's start events
   * and confirmed by its {@code pendingClaims} counts, all as of one root-chain block.
   *
   * @throws ClaimsUnknown if the counts name claims the events do not
   */
  @Override
  public List<Claim> pendingClaims(long slot) {
    CoinClaims.Found found = call("pending claims", () -> claims.get().pending(slot));
    if (!found.complete()) {
      throw new ClaimsUnknown(slot, found.describe());
    }
    return found.claims().stream()
        .map(p -> new Claim(p.checkpoint(), pending(p.claim())))
        .toList();
  }

  @Override
  public long headTimestamp() {
    return call(
        "head block",
        () -> web3j
            .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
            .send()
            .getBlock()
            .getTimestamp()
            .longValueExact());
  }

  /** The cash game's client for this key (the guardian's coin watch challenges through it). */
  public CashGameClient game() {
    return game.get();
  }

  /** The root chain's event stream (the cash game's among every contract's). */
  public Web3jL1Events events() {
    return events.get();
  }

  private static PendingClaim pending(CashGameClient.OnChainClaim c) {
    return new PendingClaim(
        c.owner(), c.prevOwner(), c.prevBlock(), c.exitBlock(), c.exitableAt(), c.openChallenges());
  }

  static L1Receipt receipt(TransactionReceipt r) {
    return new L1Receipt(r.getTransactionHash(), r.getBlockNumber().longValueExact());
  }

  private interface Call<T> {
    T run() throws Exception;
  }

  private static <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (org.plasma4j.wallet.WalletException e) {
      throw e;
    } catch (DeploymentBlock.StartAfterDeployment e) {
      throw new org.plasma4j.wallet.WalletException.InvalidInput(e.getMessage());
    } catch (org.plasma4j.rootchain.DepositCheck.Refused e) {
      throw new org.plasma4j.wallet.WalletException.DepositRefused(
          e.reason().name(), e.getMessage());
    } catch (Exception e) {
      throw new RootChainFailure(
          what + " failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
  }

  /** A supplier that asks {@code make} once, on first use. */
  public static <T> Supplier<T> memo(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }
}
