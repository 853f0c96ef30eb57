package org.plasma4j.operator.chain;

import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.rootchain.BlockSubmissionPort;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.SubmissionAttempt;
import org.plasma4j.operator.ledger.SubmittedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts formed blocks on the root chain, in order, each exactly once.
 *
 * <p>Exactly once comes from the nonce: the operator account sends nothing but submissions, so
 * block {@code n * 1000} always goes out with nonce {@code nonceBase + n - 1}. A retry, a fee bump
 * or a resubmission after a crash reuses that nonce and can only replace the earlier attempt. A
 * block counts as submitted only when the contract's commitment equals keccak256(abi.encode(root,
 * timestamp)) with the timestamp of its BlockSubmitted event. A block that carries coin transfers
 * is sent as {@code submitBlockWithCoins(root, coinRoot)}, every attempt of it. Runs on one thread.
 */
public final class BlockSubmitter {

  private static final Logger LOG = LoggerFactory.getLogger(BlockSubmitter.class);

  /**
   * @param maxFeeCap the highest max fee per gas ever offered
   * @param pollsBeforeBump how many polls an attempt may stay unmined before its fee is bumped
   * @param startL1Block where to look for BlockSubmitted events when no attempt was recorded
   */
  public record Settings(BigInteger maxFeeCap, int pollsBeforeBump, long startL1Block) {}

  /** Told about each block the root chain is seen to hold, with the attempt last sent for it. */
  @FunctionalInterface
  public interface Listener {
    void confirmed(BlockRecord block, Optional<Bytes32> l1TxHash);
  }

  private final KeyValueStore store;
  private final RootChain rootChain;
  private final BlockSubmissionPort submission;
  private final Settings settings;
  private final SubmissionPort port;
  private final Listener listener;
  private long lastSentBlock;
  private int pollsWaiting;
  private int pollsNonceUsed;
  private volatile long resubmissions;
  private volatile String haltReason;

  /** A submitter that reads {@code rootChain} and submits straight through {@code submission}. */
  public BlockSubmitter(
      KeyValueStore store, RootChain rootChain, BlockSubmissionPort submission, Settings settings) {
    this(store, rootChain, submission, SubmissionPort.of(submission), settings);
  }

  /** A submitter that reads {@code rootChain} and submits through {@code port}. */
  public BlockSubmitter(
      KeyValueStore store,
      RootChain rootChain,
      BlockSubmissionPort submission,
      SubmissionPort port,
      Settings settings) {
    this(store, rootChain, submission, port, settings, (block, l1TxHash) -> {});
  }

  /** A submitter that also tells {@code listener} about each confirmed block. */
  public BlockSubmitter(
      KeyValueStore store,
      RootChain rootChain,
      BlockSubmissionPort submission,
      SubmissionPort port,
      Settings settings,
      Listener listener) {
    this.store = store;
    this.rootChain = rootChain;
    this.submission = submission;
    this.port = port;
    this.settings = settings;
    this.listener = listener;
  }

  /** Whether formed blocks go to the root chain now (the submission port may hold them back). */
  public boolean open() {
    return port.open();
  }

  /**
   * Why submission stopped for good (a conflicting block on chain, a foreign use of the nonce, a
   * block past the last child block).
   */
  public Optional<String> haltReason() {
    return Optional.ofNullable(haltReason);
  }

  public long lastSubmitted() {
    return store.get(Columns.META, Columns.Meta.LAST_SUBMITTED_BLOCK).orElse(0L);
  }

  /** Confirms and submits as many blocks as the root chain takes now. */
  public void poll() {
    if (haltReason == null && port.open()) {
      rewindDroppedBlocks();
    }
    while (haltReason == null && port.open()) {
      long next = lastSubmitted() + BlockNumbers.CHILD_BLOCK_INTERVAL;
      Optional<BlockRecord> block = store.get(Columns.BLOCK, next);
      if (block.isEmpty()) {
        return;
      }
      if (!BlockNumbers.isWithinPositionSpace(next)) {
        // the framework reverts it (PositionSpaceExhausted) for good: retrying would only burn gas
        halt("position space exhausted: the framework takes no child block after "
            + BlockNumbers.LAST_CHILD_BLOCK + ", block " + next + " cannot be submitted");
        return;
      }
      if (!confirm(block.get())) {
        send(block.get());
        if (!confirm(block.get())) {
          return; // not mined yet: the next poll looks again
        }
      }
      pollsNonceUsed = 0;
    }
  }

  /**
   * A root-chain reorg can drop submissions that were already confirmed: the contract's next child
   * block then falls back to or below our last submitted one. Those blocks count as unsubmitted
   * again, so the loop sends them anew, in order and each with its own nonce; the nonce also keeps
   * a dropped transaction that the node re-mines from counting twice.
   */
  private void rewindDroppedBlocks() {
    long submitted = lastSubmitted();
    if (submitted == 0) {
      return;
    }
    long next = rootChain.nextChildBlock();
    if (next > submitted) {
      return;
    }
    WriteBatch batch = new WriteBatch();
    for (long b = next; b <= submitted; b += BlockNumbers.CHILD_BLOCK_INTERVAL) {
      batch.delete(Columns.SUBMITTED, b);
    }
    batch.put(
        Columns.META, Columns.Meta.LAST_SUBMITTED_BLOCK, next - BlockNumbers.CHILD_BLOCK_INTERVAL);
    store.commit(batch);
    lastSentBlock = 0; // resend at once
    resubmissions += (submitted - next) / BlockNumbers.CHILD_BLOCK_INTERVAL + 1;
    LOG.warn("a root-chain reorg dropped blocks {}..{}: submitting them again", next, submitted);
  }

  /** How many blocks were submitted again after a reorg dropped them. */
  public long resubmittedAfterReorg() {
    return resubmissions;
  }

  /** Marks the block submitted if the contract holds exactly it; false if it holds nothing yet. */
  private boolean confirm(BlockRecord block) {
    Optional<Bytes32> commitment = rootChain.blockCommitment(block.blkNum());
    if (commitment.isEmpty()) {
      return false;
    }
    Optional<SubmissionAttempt> attempt = store.get(Columns.SUBMISSION, block.blkNum());
    long from = attempt.map(SubmissionAttempt::sentAtL1Block).orElse(settings.startL1Block());
    Optional<BlockSubmittedEvent> event =
        rootChain.events(from, rootChain.headBlockNumber(), BlockSubmittedEvent.class).stream()
            .filter(e -> e.blkNum() == block.blkNum())
            .findFirst();
    if (event.isEmpty()) {
      LOG.warn("block {} has a commitment but no BlockSubmitted event yet", block.blkNum());
      return false;
    }
    BlockSubmittedEvent e = event.get();
    if (!e.root().equals(block.root())
        || !BlockCommitment.of(block.root(), e.timestamp()).equals(commitment.get())) {
      halt("the root chain holds a different block " + block.blkNum() + " (root " + e.root()
          + ", ours " + block.root() + ")");
      return false;
    }
    WriteBatch batch = new WriteBatch();
    batch.put(
        Columns.SUBMITTED,
        block.blkNum(),
        new SubmittedRecord(
            e.timestamp(), e.l1Block(), attempt.map(SubmissionAttempt::l1TxHash).orElse(null)));
    batch.put(Columns.META, Columns.Meta.LAST_SUBMITTED_BLOCK, block.blkNum());
    store.commit(batch);
    LOG.info("block {} is on the root chain (timestamp {})", block.blkNum(), e.timestamp());
    listener.confirmed(block, attempt.map(SubmissionAttempt::l1TxHash));
    return true;
  }

  private void send(BlockRecord block) {
    BigInteger nonce = nonceFor(block.blkNum());
    BigInteger mined = submission.operatorMinedNonce();
    if (mined.compareTo(nonce) > 0) {
      // the nonce is used; if by this block, its commitment shows up on a later poll
      if (++pollsNonceUsed > 3 * settings.pollsBeforeBump()) {
        halt("nonce " + nonce + " of block " + block.blkNum() + " was used by another transaction");
      }
      return;
    }
    Optional<SubmissionAttempt> previous = store.get(Columns.SUBMISSION, block.blkNum());
    if (lastSentBlock == block.blkNum() && ++pollsWaiting < settings.pollsBeforeBump()) {
      return; // give the attempt time to be mined; after a restart the first poll resends at once
    }
    lastSentBlock = block.blkNum();
    pollsWaiting = 0;
    BigInteger fee = nextFee(previous);
    SubmissionAttempt attempt = new SubmissionAttempt(
        nonce,
        fee,
        rootChain.headBlockNumber(),
        previous.map(SubmissionAttempt::attempts).orElse(0) + 1,
        null);
    // recorded before sending, so a crash right after the send still knows where to look
    store.commit(new WriteBatch().put(Columns.SUBMISSION, block.blkNum(), attempt));
    try {
      // a block with coin transfers always goes out with its coin root, resends after a reorg too
      Optional<Bytes32> coinRoot = store.get(Columns.BLOCK_COIN_ROOT, block.blkNum());
      Bytes32 l1Tx = coinRoot.isPresent()
          ? port.submitBlockWithCoins(block.root(), coinRoot.get(), nonce, fee)
          : port.submitBlock(block.root(), nonce, fee);
      store.commit(
          new WriteBatch().put(Columns.SUBMISSION, block.blkNum(), attempt.withTxHash(l1Tx)));
      LOG.info(
          "submitted block {} with nonce {} and max fee {} in {}",
          block.blkNum(),
          nonce,
          fee,
          l1Tx);
    } catch (RuntimeException e) {
      // e.g. "nonce too low" when an earlier attempt was mined: the next confirm settles it
      LOG.warn("submission of block {} failed: {}", block.blkNum(), e.getMessage());
    }
  }

  /**
   * Suggested fee first; each retry at least 12.5% more (nodes refuse smaller replacements);
   * capped.
   */
  private BigInteger nextFee(Optional<SubmissionAttempt> previous) {
    BigInteger suggested = submission.suggestedMaxFeePerGas();
    BigInteger fee = previous
        .map(
            p -> p.maxFeePerGas().multiply(BigInteger.valueOf(9)).shiftRight(3).add(BigInteger.ONE))
        .map(bumped -> bumped.max(suggested))
        .orElse(suggested);
    return fee.min(settings.maxFeeCap());
  }

  BigInteger nonceFor(long blkNum) {
    return nonceBase().add(BigInteger.valueOf(blkNum / BlockNumbers.CHILD_BLOCK_INTERVAL - 1));
  }

  /**
   * The nonce of block 1000's submission. Recorded durably before the first submission; with no
   * record it is derived from the chain: the contract has taken {@code nextChildBlock/1000 - 1}
   * blocks, each one mined transaction of the operator account.
   */
  private BigInteger nonceBase() {
    Optional<Long> stored = store.get(Columns.META, Columns.Meta.NONCE_BASE);
    if (stored.isPresent()) {
      return BigInteger.valueOf(stored.get());
    }
    long taken = rootChain.nextChildBlock() / BlockNumbers.CHILD_BLOCK_INTERVAL - 1;
    BigInteger base = submission.operatorMinedNonce().subtract(BigInteger.valueOf(taken));
    store.commit(
        new WriteBatch().put(Columns.META, Columns.Meta.NONCE_BASE, base.longValueExact()));
    LOG.info("operator nonce base {} (contract had taken {} blocks)", base, taken);
    return base;
  }

  private void halt(String reason) {
    haltReason = reason;
    LOG.error("block submission halted: {}", reason);
  }
}
