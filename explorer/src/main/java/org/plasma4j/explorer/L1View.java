package org.plasma4j.explorer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plasma4j.core.rootchain.FollowedEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.rootchain.BlockByHash;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.TokenProbe;
import org.plasma4j.rootchain.TokenUnits;
import org.plasma4j.rootchain.Web3jL1Events;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;

/**
 * What the explorer reads of the root chain: the framework's parameters, token symbols, and every
 * framework and game event since {@code startL1Block} with the framework's state beside them. The
 * events follow the confirmed chain as the nodes do (the shared
 * {@link org.plasma4j.core.rootchain.L1Follower}): a block is read once {@code confirmations}
 * blocks are above it, only the blocks since the last read are read on each request, and a reorg
 * below them rolls the kept events back, so the pages never show an event the canonical chain lost.
 * The state shown beside them (queues, exit records, commitments) is read at the same confirmed
 * block ({@link AsOf}), never at the head. Kept in memory: a restart reads again from
 * {@code startL1Block}. Any failure to reach the node is {@link ApiError.NodeDown} naming
 * {@code l1}.
 */
public final class L1View {

  private final Web3j web3j;
  private final Address framework;
  private volatile FrameworkClient reader;
  private final Web3jL1Events source;
  private final ConfirmedEvents confirmed;
  private volatile AsOf latest;
  private final Credentials readOnlyKey = readOnlyKey();
  private final Map<Address, TokenUnits> units = new ConcurrentHashMap<>();
  private volatile Long chainId;
  private volatile Address cashGame;
  private volatile BigInteger exitBond;
  private volatile Long minExitPeriod;
  private volatile CashGameClient cashReader;
  private final long startL1Block;

  public L1View(Web3j web3j, Address framework, long startL1Block, int confirmations) {
    this.web3j = web3j;
    this.framework = framework;
    this.startL1Block = startL1Block;
    this.source = new Web3jL1Events(web3j, framework);
    this.confirmed = new ConfirmedEvents(source, startL1Block, confirmations);
    units.put(Address.ETH, TokenUnits.ETH);
  }

  private static Credentials readOnlyKey() {
    try {
      return Credentials.create(Keys.createEcKeyPair());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public Address framework() {
    return framework;
  }

  /**
   * The framework's reader, made on first use: it asks the node for the chain id, and the explorer
   * must start and serve the rest while the root chain's node is down.
   */
  private FrameworkClient reader() {
    FrameworkClient r = reader;
    if (r == null) {
      // a key that holds nothing and signs nothing: the client is only used for its reads
      r = l1(() -> new FrameworkClient(web3j, readOnlyKey, framework));
      reader = r;
    }
    return r;
  }

  /** The cash exit game the framework registered (Plasma Cash coins). */
  public Address cashGame() {
    Address g = cashGame;
    if (g == null) {
      g = l1(() -> org.plasma4j.rootchain.GameAddresses.cashGameOf(web3j, framework));
      cashGame = g;
    }
    return g;
  }

  public long chainId() {
    Long id = chainId;
    if (id == null) {
      id = l1(() -> web3j.ethChainId().send().getChainId().longValueExact());
      chainId = id;
    }
    return id;
  }

  public BigInteger exitBond() {
    BigInteger b = exitBond;
    if (b == null) {
      b = l1(reader()::exitBond);
      exitBond = b;
    }
    return b;
  }

  public long minExitPeriod() {
    Long p = minExitPeriod;
    if (p == null) {
      p = l1(reader()::minExitPeriod);
      minExitPeriod = p;
    }
    return p;
  }

  public long headBlock() {
    return l1(source::headBlockNumber);
  }

  /** The latest root-chain block's timestamp. */
  public long headTimestamp() {
    return l1(reader()::latestTimestamp);
  }

  /**
   * The root chain as of the last confirmed block: reads the blocks confirmed since the last call,
   * then answers every read of the framework's state at that block, so one page shows one view.
   */
  public AsOf asOf() {
    AsOf at = l1(() -> {
      confirmed.follow();
      Kept kept = confirmed.snapshot();
      return new AsOf(kept.block(), kept.hash(), kept.events());
    });
    latest = at;
    return at;
  }

  /**
   * One consistent, confirmed view of the root chain: the events of the blocks up to {@link #block}
   * and the framework's state at that block. Its eth_calls name the block by its hash (EIP-1898,
   * canonical required), the hash the follower checked the events against, so a reorg that replaces
   * the block after the snapshot makes a read fail ({@link ApiError.L1Reorging}) instead of
   * answering from the block put in its place: no answer mixes the events of one block with state
   * of another. Before the framework's deployment block is confirmed it holds nothing.
   */
  public final class AsOf {
    private final long block;
    private final Bytes32 hash;
    private final List<L1Event> events;
    private final Map<Address, ExitQueues.QueueOnL1> queues = new ConcurrentHashMap<>();
    private volatile Long timestamp;

    private AsOf(long block, Bytes32 hash, List<L1Event> events) {
      this.block = block;
      this.hash = hash;
      this.events = events;
    }

    /** The root-chain block this view is as of. */
    public long block() {
      return block;
    }

    private boolean deployed() {
      return block >= startL1Block && hash != null;
    }

    /** Every event of the confirmed blocks, in log order. */
    public List<L1Event> events() {
      return events;
    }

    /** The events of one kind, in log order. */
    public <T extends L1Event> List<T> events(Class<T> kind) {
      return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The block's timestamp: the clock its exits are processable by. */
    public long timestamp() {
      Long t = timestamp;
      if (t == null) {
        t = !deployed() ? 0L : atBlock(() -> reader().blockTimestamp(hash));
        timestamp = t;
      }
      return t;
    }

    /** {@code token}'s queue: its length and head, read once per view. */
    public ExitQueues.QueueOnL1 queue(Address token) {
      if (!deployed()) {
        return ExitQueues.QueueOnL1.EMPTY;
      }
      return queues.computeIfAbsent(
          token,
          t -> atBlock(() -> reader().nextExit(t, new BlockByHash(hash)))
              .map(h -> new ExitQueues.QueueOnL1(
                  h.queued(), Optional.of(new ExitQueues.Head(h.exitableAt(), h.position()))))
              .orElse(ExitQueues.QueueOnL1.EMPTY));
    }

    /**
     * {@code owner}'s pending exit of coin {@code slot} in the cash game: when it matures and its
     * open challenges; empty if none is pending.
     */
    public Optional<ExitQueues.PendingCoinExit> coinExit(long slot, Address owner) {
      if (!deployed()) {
        return Optional.empty();
      }
      CashGameClient.OnChainClaim claim =
          atBlock(() -> cashReader().claimOf(slot, owner, false, new BlockByHash(hash)));
      return claim.exists()
          ? Optional.of(new ExitQueues.PendingCoinExit(claim.exitableAt(), claim.openChallenges()))
          : Optional.empty();
    }

    /** Whether the framework holds a commitment to child block {@code blkNum}. */
    public boolean committed(long blkNum) {
      return deployed()
          && !atBlock(() -> reader().blockCommitment(blkNum, new BlockByHash(hash)))
              .equals(Bytes32.ZERO);
    }

    /**
     * Symbol and decimals of {@code token} as its contract answers at this block; empty while the
     * token has no code at this block.
     */
    Optional<TokenUnits> units(Address token) {
      if (!deployed()) {
        return Optional.empty();
      }
      TokenProbe probe = new TokenProbe(web3j, new BlockByHash(hash));
      // the probe reads a failed call as "no symbol": only an answer from a block still canonical
      // after it was read counts
      Optional<TokenUnits> read = l1(() -> probe.hasCode(token)
          ? Optional.of(TokenUnits.of(probe, token))
          : Optional.<TokenUnits>empty());
      requireCanonical(null);
      return read;
    }

    /**
     * Where the root-chain transaction {@code hash} stands as of this block: confirmed (in a block
     * up to this one), pending confirmation (in a later block or not yet mined), or unknown.
     */
    public L1Transaction transaction(String txHash) {
      var receipt = l1(() -> web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt());
      if (receipt.isPresent() && receipt.get().getBlockNumber() != null) {
        long in = receipt.get().getBlockNumber().longValueExact();
        return new L1Transaction(in <= block ? L1TxState.CONFIRMED : L1TxState.PENDING, in, block);
      }
      boolean known =
          l1(() -> web3j.ethGetTransactionByHash(txHash).send().getTransaction().isPresent());
      return new L1Transaction(known ? L1TxState.PENDING : L1TxState.UNKNOWN, -1, block);
    }

    /**
     * Runs one read at this view's block. A failure is a reorg if the block is no longer the
     * canonical one at its height (the read then must not be answered from another block), else the
     * node's.
     */
    private <T> T atBlock(Callable<T> read) {
      try {
        return read.call();
      } catch (Exception e) {
        requireCanonical(e);
        throw e instanceof ApiError a
            ? a
            : new ApiError.NodeDown(
                "l1", "the root chain (L1) node is down or refused a read: " + e.getMessage(), e);
      }
    }

    private void requireCanonical(Exception cause) {
      Optional<Bytes32> now = l1(() -> source.blockHash(block));
      if (!now.equals(Optional.of(hash))) {
        throw new ApiError.L1Reorging(
            "the root chain (L1) reorganised: block " + block + " " + hash.toHex()
                + " this answer was being read at is no longer canonical",
            cause);
      }
    }
  }

  /** Where a root-chain transaction stands as of a confirmed block. */
  public enum L1TxState {
    CONFIRMED,
    PENDING,
    UNKNOWN
  }

  /**
   * A root-chain transaction as of confirmed block {@code asOf}: its state and the block it is in
   * (-1 if not mined).
   */
  public record L1Transaction(L1TxState state, long block, long asOf) {}

  private CashGameClient cashReader() {
    CashGameClient c = cashReader;
    if (c == null) {
      c = l1(() -> new CashGameClient(web3j, readOnlyKey, cashGame()));
      cashReader = c;
    }
    return c;
  }

  /**
   * Symbol and decimals of {@code token}, read once, at the confirmed block of the newest view
   * taken (one is taken if none was): never at the head.
   */
  public TokenUnits units(Address token) {
    TokenUnits known = units.get(token);
    if (known != null) {
      return known;
    }
    AsOf at = latest != null ? latest : asOf();
    // a token with no code at that block yet is read again on a later view, not kept as unknown
    return at.units(token)
        .map(read -> {
          units.putIfAbsent(token, read);
          return read;
        })
        .orElseGet(() -> TokenUnits.unknown(token));
  }

  /** The events of the confirmed blocks, rolled back when a reorg replaces one of them. */
  private static final class ConfirmedEvents extends FollowedEvents {
    private final List<L1Event> kept = new ArrayList<>();

    ConfirmedEvents(L1EventSource chain, long startL1Block, int confirmations) {
      super(chain, startL1Block, confirmations);
    }

    @Override
    protected void on(L1Event event) {
      kept.add(event);
    }

    @Override
    protected void forgetAfter(long l1Block) {
      kept.removeIf(e -> e.l1Block() > l1Block);
    }

    /**
     * The kept events, the block they run to and its hash (the follower's checkpoint, the hash it
     * checked the events against; none before the first window), taken together.
     */
    synchronized Kept snapshot() {
      long block = lastApplied();
      return new Kept(block, checkpoints().get(block), List.copyOf(kept));
    }
  }

  private record Kept(long block, Bytes32 hash, List<L1Event> events) {}

  private static <T> T l1(Callable<T> call) {
    try {
      return call.call();
    } catch (ApiError e) {
      throw e;
    } catch (Exception e) {
      throw new ApiError.NodeDown(
          "l1", "the root chain (L1) node is down or refused a read: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Callable<T> {
    T call() throws Exception;
  }
}
