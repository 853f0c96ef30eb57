package org.plasma4j.devnet.hostile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.ledger.BlockAssembly;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.operator.service.QueryFilter;

/**
 * Makes a real operator misbehave on purpose, for the hostile-operator attack tests and the
 * hostile-operator demo, through the node's hooks: it is the node's {@link BlockAssembly} (what
 * goes into a block) and {@link QueryFilter} (what is served), and decorates its submission port
 * (what is submitted); {@link #wire} plugs it into an {@link OperatorNode.Builder}. The default,
 * {@link #honest()}, wires nothing and cannot be switched on; production nodes never see one.
 *
 * <p>What a {@link #controllable()} instance can do, each independently of the others:
 *
 * <ul>
 *   <li>{@link #inject}: put signed transactions into the next formed block without any validation
 *       (a double spend, an output nothing funds); the block is stored, served and submitted like
 *       any other, so a watcher must find the invalid transaction by re-validating the block;
 *   <li>{@link #injectCoin}: put a coin transfer, signed by anyone or by no one, into the next
 *       formed block's coin tree without any validation (a forged history, a double spend); it
 *       takes the slot's place in that block (an honest pending transfer of the slot waits for the
 *       next block) and the operator's view of the coin follows it, as it would an accepted
 *       transfer;
 *   <li>{@link #overclaimFee}: the next block's fee transaction claims more than its transactions
 *       paid;
 *   <li>{@link #startWithholding}: blocks formed from now on are submitted to the root chain but
 *       never served (the RPC answers as if they did not exist, coin proofs of them included),
 *       while transactions keep being accepted;
 *   <li>{@link #stopSubmitting}: formed blocks stay off the root chain, transactions keep being
 *       accepted;
 *   <li>{@link #misreportChain}: {@code plasma_getChainInfo} names another chain id and framework
 *       (the EIP-712 domain a wallet that believed it would sign and verify under).
 * </ul>
 *
 * Thread-safe: tests flip switches while the writer, the submitter and RPC threads read them.
 */
public final class Hostility implements BlockAssembly, QueryFilter {

  private static final Hostility HONEST = new Hostility(false);

  private final boolean controllable;
  private final ConcurrentLinkedQueue<SignedTransaction> injected = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<SignedCoinTransfer> injectedCoins =
      new ConcurrentLinkedQueue<>();
  private final Map<Address, BigInteger> overclaims = new TreeMap<>();
  private final Set<Long> withheld = ConcurrentHashMap.newKeySet();
  private volatile boolean withholding;
  private volatile boolean submissionStopped;
  private volatile ChainClaim chainClaim;

  /** The chain id and framework a lying operator announces. */
  public record ChainClaim(long chainId, Address framework) {}

  private Hostility(boolean controllable) {
    this.controllable = controllable;
  }

  /** The production default: every switch stays off for good. */
  public static Hostility honest() {
    return HONEST;
  }

  /** A fresh, still honest, instance whose switches tests may flip. */
  public static Hostility controllable() {
    return new Hostility(true);
  }

  /**
   * {@code builder} with this behaviour wired in; an honest instance leaves it as it is, so the
   * node runs exactly as in production.
   */
  public OperatorNode.Builder wire(OperatorNode.Builder builder) {
    if (!controllable) {
      return builder;
    }
    return builder
        .blockAssembly(this)
        .queryFilter(this)
        .submissions(port -> new HeldSubmissions(port, this::submissionStopped));
  }

  private void requireControllable() {
    if (!controllable) {
      throw new IllegalStateException("an honest operator cannot be made hostile");
    }
  }

  /** Queues {@code tx} for the next formed block, after the accepted transactions, unvalidated. */
  public void inject(SignedTransaction tx) {
    requireControllable();
    injected.add(Objects.requireNonNull(tx, "tx"));
  }

  /**
   * Queues {@code transfer} for the next formed block's coin tree, unvalidated (see the class
   * comment).
   */
  public void injectCoin(SignedCoinTransfer transfer) {
    requireControllable();
    injectedCoins.add(Objects.requireNonNull(transfer, "transfer"));
  }

  /**
   * The next formed block's fee transaction claims {@code extra} more of {@code token} than was
   * paid.
   */
  public synchronized void overclaimFee(Address token, BigInteger extra) {
    requireControllable();
    if (extra.signum() <= 0) {
      throw new IllegalArgumentException("an over-claim must be positive");
    }
    overclaims.merge(token, extra, BigInteger::add);
  }

  public void startWithholding() {
    requireControllable();
    withholding = true;
  }

  /** Blocks withheld so far stay withheld; blocks formed from now on are served again. */
  public void stopWithholding() {
    withholding = false;
  }

  public void stopSubmitting() {
    requireControllable();
    submissionStopped = true;
  }

  public void resumeSubmitting() {
    submissionStopped = false;
  }

  /**
   * From now on plasma_getChainInfo names {@code chainId} and {@code framework} instead of the real
   * ones.
   */
  public void misreportChain(long chainId, Address framework) {
    requireControllable();
    chainClaim = new ChainClaim(chainId, Objects.requireNonNull(framework, "framework"));
  }

  /** plasma_getChainInfo tells the truth again. */
  public void stopMisreportingChain() {
    chainClaim = null;
  }

  // --- the node's hooks ---

  /** plasma_getChainInfo names the claimed chain id and framework, if any, else the real ones. */
  @Override
  public RootChain.ChainInfo announced(RootChain.ChainInfo actual) {
    ChainClaim claim = chainClaim;
    return claim == null
        ? actual
        : new RootChain.ChainInfo(
            claim.chainId(), claim.framework(), actual.operator(), actual.minExitPeriodSeconds());
  }

  /** Whether anything is waiting for the next block (a block forms even with nothing pending). */
  @Override
  public synchronized boolean wantsBlock() {
    return !injected.isEmpty() || !injectedCoins.isEmpty() || !overclaims.isEmpty();
  }

  /** Takes the injected coin transfers for the block being formed now. */
  @Override
  public List<SignedCoinTransfer> extraCoinTransfers(long blkNum) {
    List<SignedCoinTransfer> out = new ArrayList<>();
    for (SignedCoinTransfer t; (t = injectedCoins.poll()) != null; ) {
      out.add(t);
    }
    return out;
  }

  /** Takes the injected transactions for the block being formed now. */
  @Override
  public List<SignedTransaction> extraTransactions(long blkNum) {
    List<SignedTransaction> out = new ArrayList<>();
    for (SignedTransaction tx; (tx = injected.poll()) != null; ) {
      out.add(tx);
    }
    return out;
  }

  /** The fees paid plus the over-claims, which are used up by the block being formed now. */
  @Override
  public synchronized Map<Address, BigInteger> feesClaimed(
      long blkNum, Map<Address, BigInteger> paid) {
    if (overclaims.isEmpty()) {
      return paid;
    }
    Map<Address, BigInteger> out = new TreeMap<>(paid);
    overclaims.forEach((token, extra) -> out.merge(token, extra, BigInteger::add));
    overclaims.clear();
    return out;
  }

  /** Told about every formed block; withholds it if withholding is on. */
  @Override
  public void formed(long blkNum) {
    if (withholding) {
      withheld.add(blkNum);
    }
  }

  @Override
  public boolean hidden(long blkNum) {
    return withheld.contains(blkNum);
  }

  /** The block numbers withheld so far, ascending. */
  public Set<Long> withheldBlocks() {
    return new TreeSet<>(withheld);
  }

  public boolean isWithholding() {
    return withholding;
  }

  public boolean submissionStopped() {
    return submissionStopped;
  }
}
