package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.state.UtxoLookup;
import org.plasma4j.core.state.ValidationResult;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.FeeTransaction;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.cash.CoinLedger;
import org.plasma4j.operator.cash.CoinStatus;
import org.plasma4j.operator.cash.VerifiedCoinTransfer;

/**
 * The child chain's state machine: accepts transactions into the pending block, forms blocks and
 * applies root-chain events. Every method runs on the single writer thread ({@link LedgerWriter}),
 * so the state needs no locks; readers use {@link LedgerQueries} on committed data only.
 */
public final class Ledger {

  /** Settings that shape blocks. */
  public record Settings(
      Domain domain,
      Address feeBeneficiary,
      int maxBlockSize,
      int cacheSize,
      long coinBlockPeriodMillis) {
    public Settings(Domain domain, Address feeBeneficiary, int maxBlockSize, int cacheSize) {
      this(domain, feeBeneficiary, maxBlockSize, cacheSize, 0);
    }

    /** Payment transactions per block: one slot stays free for the fee transaction. */
    public int maxPaymentsPerBlock() {
      return maxBlockSize - 1;
    }
  }

  private final KeyValueStore store;
  private final TxValidation validation;
  private final Settings settings;
  private final UtxoSet utxos;
  private final PendingBlock pending;
  private final CoinLedger coins;
  private final BlockListener listener;
  private final BlockAssembly assembly;
  private final List<String> conflicts = new ArrayList<>();
  /** In-flight exits started by the events being applied now (not yet in the store). */
  private final Map<BigInteger, Bytes32> inFlightExits = new HashMap<>();
  /**
   * Output keys of {@link Columns#PIGGYBACKED_AHEAD}: outputs whose piggyback came before their
   * transaction was formed into a block (read when a block is formed; usually empty).
   */
  private final Set<Bytes32> piggybackedAhead = ConcurrentHashMap.newKeySet();
  /**
   * Entries of the root-chain batch being applied, added to {@link #piggybackedAhead} once
   * committed.
   */
  private final Set<Bytes32> piggybackedAheadStaged = new HashSet<>();

  private long lastFormed;
  /**
   * When the last block carrying coin transfers was formed; in memory, so a restart forms one at
   * once.
   */
  private long lastCoinBlockMillis = Long.MIN_VALUE / 2;

  /** Told about each formed block after it is durable (the proof cache keeps its trees). */
  @FunctionalInterface
  public interface BlockListener {
    void formed(BlockRecord block, MerkleTree tree);

    /** The block's coin tree (empty for a block without coin transfers). */
    default void formedCoins(long blkNum, CoinTree coinTree) {}
  }

  public Ledger(
      KeyValueStore store, TxValidation validation, Settings settings, BlockListener listener) {
    this(store, validation, settings, listener, BlockAssembly.ACCEPTED_ONLY);
  }

  /** A ledger whose blocks also carry what {@code assembly} adds. */
  public Ledger(
      KeyValueStore store,
      TxValidation validation,
      Settings settings,
      BlockListener listener,
      BlockAssembly assembly) {
    this.assembly = assembly;
    this.store = store;
    this.validation = validation;
    this.settings = settings;
    this.listener = listener;
    this.utxos = new UtxoSet(store, settings.cacheSize());
    this.pending = PendingBlock.load(store);
    this.coins = new CoinLedger(store, conflicts::add);
    this.lastFormed = store.get(Columns.META, Columns.Meta.LAST_FORMED_BLOCK).orElse(0L);
    store.scan(Columns.PIGGYBACKED_AHEAD, new byte[0], (key, index) -> {
      piggybackedAhead.add(key);
      return true;
    });
  }

  public long lastFormedBlock() {
    return lastFormed;
  }

  public int pendingCount() {
    return pending.size();
  }

  /** Coin transfers acknowledged for the next block. */
  public int pendingCoinCount() {
    return coins.pendingCount();
  }

  /**
   * Checks a coin transfer against its coin and the pending block (docs/protocol.md section 8) and,
   * if it passes, adds it to the group's batch. A rejected transfer changes nothing.
   */
  public TxResult<Bytes32> acceptCoin(VerifiedCoinTransfer transfer, WriteBatch batch) {
    if (positionSpaceExhausted()) {
      return TxResult.rejected(TxRejection.POSITION_SPACE_EXHAUSTED, null);
    }
    return coins.accept(transfer, batch);
  }

  /**
   * Whether the framework would refuse the next child block (PositionSpaceExhausted): nothing
   * accepted now could ever be included, so intake stops rather than acknowledge what no block will
   * carry.
   */
  public boolean positionSpaceExhausted() {
    return !BlockNumbers.isWithinPositionSpace(lastFormed + BlockNumbers.CHILD_BLOCK_INTERVAL);
  }

  public boolean pendingFull() {
    return pending.size() >= settings.maxPaymentsPerBlock();
  }

  /**
   * Validates {@code tx} against the state including earlier transactions of this group and, if
   * valid, applies it to the group's batch. A rejected transaction changes nothing.
   */
  public TxResult<Bytes32> accept(VerifiedTx verified, WriteBatch batch) {
    SignedTransaction tx = verified.tx();
    if (isAlreadyAccepted(tx)) {
      // a client retrying after a lost reply gets the same answer, but only for the same
      // authorization:
      // the accepted body with a forged signature or another chain's domain is refused with its own
      // code
      ValidationResult resend = validation.authorizeResend(verified, this::lookup);
      return resend.isValid()
          ? TxResult.ok(tx.txHash())
          : TxResult.rejected(resend.rejection(), resend.detail());
    }
    if (positionSpaceExhausted()) {
      return TxResult.rejected(TxRejection.POSITION_SPACE_EXHAUSTED, null);
    }
    if (pendingFull()) {
      return TxResult.rejected(TxRejection.BLOCK_FULL, null);
    }
    ValidationResult checked = validation.stateful(verified, this::lookup);
    if (!checked.isValid()) {
      return TxResult.rejected(checked.rejection(), checked.detail());
    }
    for (OutputPosition input : tx.tx().inputs()) {
      long p = input.encode();
      utxos.put(p, utxos.get(p).orElseThrow().spentBy(tx.txHash()), batch);
    }
    pending.add(tx, checked.feeToken(), checked.fee(), batch);
    return TxResult.ok(tx.txHash());
  }

  /** The core's view of an output; an exited output is gone, which spending it reports as spent. */
  private UtxoLookup lookup(OutputPosition position) {
    return utxos
        .get(position.encode())
        .map(r -> switch (r.status()) {
          case UNSPENT -> UtxoLookup.unspent(r.output());
          case EXITING -> UtxoLookup.exiting(r.output());
          case SPENT, EXITED -> UtxoLookup.spent(r.output());
        })
        .orElse(UtxoLookup.unknown());
  }

  private boolean isAlreadyAccepted(SignedTransaction tx) {
    List<OutputPosition> inputs = tx.tx().inputs();
    return !inputs.isEmpty()
        && utxos
            .get(inputs.getFirst().encode())
            .map(r -> tx.txHash().equals(r.spentBy()))
            .orElse(false);
  }

  /**
   * Forgets every change since the last commit: the writer calls this when a round fails half-way,
   * so the in-memory view never holds what the store does not.
   */
  public void discardUncommitted() {
    utxos.rolledBack();
    pending.rolledBack();
    coins.rolledBack();
  }

  /** Commits a group's batch; on failure nothing of the group stays in memory either. */
  public void commitGroup(WriteBatch batch) {
    try {
      store.commit(batch);
    } catch (RuntimeException | Error e) {
      discardUncommitted();
      throw e;
    }
    utxos.committed();
    pending.committed();
    coins.committed();
  }

  /**
   * Forms the next child block from the committed pending transactions plus the fee transaction,
   * and persists it; its outputs become spendable. Empty if nothing is pending (no empty blocks).
   */
  public Optional<BlockRecord> formBlock(long nowMillis) {
    List<PendingBlock.Entry> entries = pending.snapshot();
    boolean coinBlock = nowMillis - lastCoinBlockMillis >= settings.coinBlockPeriodMillis();
    boolean carriesCoins = coinBlock && coins.hasPending();
    if (entries.isEmpty() && !carriesCoins && !assembly.wantsBlock() || positionSpaceExhausted()) {
      return Optional.empty(); // no empty blocks, and none the framework would refuse
    }
    long blkNum = lastFormed + BlockNumbers.CHILD_BLOCK_INTERVAL;
    List<SignedTransaction> extra = assembly.extraTransactions(blkNum);
    List<SignedTransaction> txs = new ArrayList<>(entries.size() + extra.size() + 1);
    entries.forEach(e -> txs.add(e.tx()));
    txs.addAll(extra);
    feeTransaction(blkNum).ifPresent(txs::add);
    Block block = new Block(blkNum, txs);
    MerkleTree tree = block.merkleTree();
    BlockRecord record = new BlockRecord(blkNum, tree.root(), txs.size(), nowMillis);

    WriteBatch batch = new WriteBatch();
    batch.put(Columns.BLOCK, blkNum, record);
    // the accepted payments' signed bytes and locations stay where acceptance wrote them: the
    // block names their range; only the transactions it adds are written here
    pending.formInto(blkNum, entries, batch);
    Set<Bytes32> claimed = new HashSet<>();
    for (int i = 0; i < txs.size(); i++) {
      SignedTransaction tx = txs.get(i);
      if (i >= entries.size()) {
        batch.put(Columns.BLOCK_TX, new Columns.BlockTxKey(blkNum, i), tx.encode());
        batch.put(Columns.TX_LOCATION, tx.txHash(), new TxLocation(blkNum, i));
      }
      List<Output> outputs = tx.tx().outputs();
      for (int o = 0; o < outputs.size(); o++) {
        utxos.created(
            OutputPosition.of(blkNum, i, o).encode(),
            formedOutput(tx.txHash(), o, outputs.get(o), claimed, batch),
            batch);
      }
    }
    extra.forEach(tx -> spendExtraInputs(tx, batch));
    CoinLedger.FormedCoins formedCoins =
        coins.form(blkNum, carriesCoins, assembly.extraCoinTransfers(blkNum), batch);
    batch.put(Columns.META, Columns.Meta.LAST_FORMED_BLOCK, blkNum);
    try {
      store.commit(batch);
    } catch (RuntimeException | Error e) {
      utxos.rolledBack();
      coins.rolledBack();
      throw e;
    }
    utxos.committed();
    piggybackedAhead.removeAll(claimed);
    pending.formedCommitted(entries.size());
    coins.formedCommitted(formedCoins);
    lastFormed = blkNum;
    if (carriesCoins) {
      lastCoinBlockMillis = nowMillis;
    }
    assembly.formed(blkNum);
    listener.formed(record, tree);
    listener.formedCoins(blkNum, formedCoins.tree());
    return Optional.of(record);
  }

  /** The fees the block's transactions paid, as the block assembly claims them. */
  private Optional<SignedTransaction> feeTransaction(long blkNum) {
    Map<Address, BigInteger> fees =
        new TreeMap<>(assembly.feesClaimed(blkNum, Map.copyOf(pending.fees())));
    return FeeTransaction.build(blkNum, settings.feeBeneficiary(), fees)
        .map(fee -> FeeTransaction.signedForm(fee, settings.domain()));
  }

  /**
   * An extra transaction's unspent inputs become spent by it, as an accepted one's would; inputs
   * that are already spent (a double spend) keep their first spender, and unknown ones stay
   * unknown.
   */
  private void spendExtraInputs(SignedTransaction tx, WriteBatch batch) {
    for (OutputPosition input : tx.tx().inputs()) {
      long p = input.encode();
      utxos
          .get(p)
          .filter(r -> r.status() == OutputStatus.UNSPENT)
          .ifPresent(r -> utxos.put(p, r.spentBy(tx.txHash()), batch));
    }
  }

  /**
   * How many followed root-chain blocks keep their hash, for finding a safe point after a reorg.
   */
  static final int CHECKPOINTS_KEPT = 64;

  /**
   * Applies root-chain events up to and including root-chain block {@code followedTo}, whose hash
   * is {@code followedHash}, atomically with the progress marker, so a restart neither skips nor
   * repeats an event's effect.
   *
   * @return events that contradict what was applied before (only a reorg deeper than the
   *     confirmation depth produces them); they change nothing
   */
  public List<String> applyRootChainEvents(
      RootChainEvents events, long followedTo, Bytes32 followedHash) {
    WriteBatch batch = new WriteBatch();
    conflicts.clear();
    inFlightExits.clear();
    piggybackedAheadStaged.clear();
    events.apply(this, batch);
    batch.put(Columns.META, Columns.Meta.LAST_FOLLOWED_L1_BLOCK, followedTo);
    batch.put(Columns.FOLLOWED_CHECKPOINT, followedTo, followedHash);
    pruneCheckpoints(batch);
    commitGroup(batch);
    piggybackedAhead.addAll(piggybackedAheadStaged);
    return List.copyOf(conflicts);
  }

  private void pruneCheckpoints(WriteBatch batch) {
    List<Long> kept = new ArrayList<>();
    store.scan(Columns.FOLLOWED_CHECKPOINT, new byte[0], (l1Block, hash) -> kept.add(l1Block));
    for (int i = 0; i < kept.size() - CHECKPOINTS_KEPT + 1; i++) {
      batch.delete(Columns.FOLLOWED_CHECKPOINT, kept.get(i));
    }
  }

  /**
   * After a reorg replaced applied root-chain blocks: following resumes after {@code safeL1Block},
   * the newest checkpoint still on the canonical chain, and the checkpoints above it are forgotten.
   * Events are then read again, so applying one twice must leave what applying it once left:
   * outputs and coins keep states and named claims, never counts.
   */
  public void rewindFollowing(long safeL1Block) {
    WriteBatch batch = new WriteBatch();
    store.scanFrom(
        Columns.FOLLOWED_CHECKPOINT,
        new byte[0],
        Codec.LONG.encode(safeL1Block + 1),
        (l1Block, hash) -> {
          batch.delete(Columns.FOLLOWED_CHECKPOINT, l1Block);
          return true;
        });
    batch.put(Columns.META, Columns.Meta.LAST_FOLLOWED_L1_BLOCK, safeL1Block);
    commitGroup(batch);
  }

  void credit(DepositRecord deposit, WriteBatch batch) {
    long position = OutputPosition.of(deposit.blkNum(), 0, 0).encode();
    if (utxos.get(position).isPresent()) {
      // applied at least once: the same deposit again is harmless, a different one means the root
      // chain reorganised below the confirmation depth and now disagrees with the credited output
      store
          .get(Columns.DEPOSIT, deposit.blkNum())
          .filter(known -> !known.output().equals(deposit.output()))
          .ifPresent(known -> conflicts.add("deposit block " + deposit.blkNum() + " is now "
              + deposit.output() + " on the root chain but " + known.output() + " was credited"));
      return;
    }
    batch.put(Columns.DEPOSIT, deposit.blkNum(), deposit);
    utxos.put(position, UtxoRecord.unspent(deposit.output()), batch);
  }

  /**
   * InFlightExitStarted: the in-flight transaction's inputs leave the child chain for good, either
   * spent by it (canonical) or paid out through their piggybacks; inputs it spent here stay spent.
   */
  void inFlightExitStarted(ExitGameEvents.InFlightExitStarted e, WriteBatch batch) {
    var tx = TransactionDecoder.decodeTransaction(e.txBytes().toArray());
    if (!tx.isOk()) {
      return; // the game checked the transaction; an undecodable one names no outputs of ours
    }
    inFlightExits.put(e.ifeId(), e.txHash());
    batch.put(Columns.IN_FLIGHT_EXIT, Bytes32.ofUint(e.ifeId()), e.txHash());
    tx.value().inputs().forEach(input -> claimedByExit(input.encode(), batch));
  }

  /**
   * A piggyback: an input was already claimed when its exit started. An output of a transaction in
   * a block is claimed now; one of a transaction not in a block yet (pending here, or unknown) is
   * claimed by the block that includes it, which creates it exited: the exit game holds it by its
   * key from the piggyback on, so its owner may not spend it here either.
   */
  void piggybacked(ExitGameEvents.Piggybacked e, WriteBatch batch) {
    if (!e.output()) {
      return;
    }
    Optional<Bytes32> txHash = Optional.ofNullable(inFlightExits.get(e.ifeId()))
        .or(() -> store.get(Columns.IN_FLIGHT_EXIT, Bytes32.ofUint(e.ifeId())));
    if (txHash.isEmpty()) {
      return;
    }
    Optional<TxLocation> formed = store
        .get(Columns.TX_LOCATION, txHash.get())
        .map(loc -> FormedPayments.resolve(store, loc))
        .filter(loc -> !loc.isPending());
    if (formed.isPresent()) {
      claimedByExit(
          OutputPosition.of(formed.get().blkNum(), (int) formed.get().index(), e.index())
              .encode(),
          batch);
      return;
    }
    Bytes32 key = OutputKey.ofTxHash(txHash.get(), e.index());
    batch.put(Columns.PIGGYBACKED_AHEAD, key, (long) e.index());
    piggybackedAheadStaged.add(key);
  }

  /**
   * A new output of a formed block: exited if it was piggybacked before the block, else unspent.
   */
  private UtxoRecord formedOutput(
      Bytes32 txHash, int index, Output output, Set<Bytes32> claimed, WriteBatch batch) {
    if (piggybackedAhead.isEmpty()) {
      return UtxoRecord.unspent(output);
    }
    Bytes32 key = OutputKey.ofTxHash(txHash, index);
    if (!piggybackedAhead.contains(key)) {
      return UtxoRecord.unspent(output);
    }
    batch.delete(Columns.PIGGYBACKED_AHEAD, key);
    claimed.add(key);
    return UtxoRecord.unspent(output).withStatus(OutputStatus.EXITED);
  }

  /** MassExitStarted: every output the batch claims leaves the child chain. */
  void massExitStarted(ExitGameEvents.MassExitStarted e, WriteBatch batch) {
    e.leaves().forEach(leaf -> claimedByExit(leaf.position(), batch));
  }

  /**
   * An exit game claimed the output: unspent or exiting becomes EXITED (a later challenge of a
   * standard exit of it cannot make it spendable again); spent stays spent, so challenge data
   * stays.
   */
  private void claimedByExit(long position, WriteBatch batch) {
    utxos
        .get(position)
        .filter(r -> r.status() == OutputStatus.UNSPENT || r.status() == OutputStatus.EXITING)
        .ifPresent(r -> utxos.put(position, r.withStatus(OutputStatus.EXITED), batch));
  }

  /**
   * ExitStarted: an unspent output stops being spendable; a spent one stays spent (challengeable).
   */
  void exitStarted(long position, WriteBatch batch) {
    utxos
        .get(position)
        .filter(r -> r.status() == OutputStatus.UNSPENT)
        .ifPresent(r -> utxos.put(position, r.withStatus(OutputStatus.EXITING), batch));
  }

  /** ExitChallenged: an exiting output returns to unspent; a spent one stays spent. */
  void exitChallenged(long position, WriteBatch batch) {
    utxos
        .get(position)
        .filter(r -> r.status() == OutputStatus.EXITING)
        .ifPresent(r -> utxos.put(position, r.withStatus(OutputStatus.UNSPENT), batch));
  }

  void coinDeposited(CashGameEvents.CoinDeposited e, WriteBatch batch) {
    coins.deposited(e, batch);
  }

  void coinExitStarted(CashGameEvents.CoinExitStarted e, WriteBatch batch) {
    coins.exitStarted(e, batch);
  }

  void coinExitCancelled(CashGameEvents.CoinExitCancelled e, WriteBatch batch) {
    coins.exitCancelled(e, batch);
  }

  void coinLeft(long slot, CoinStatus status, WriteBatch batch) {
    coins.left(slot, status, batch);
  }

  /** ExitFinalized: the output left the child chain for good. */
  void exitFinalized(long position, WriteBatch batch) {
    utxos
        .get(position)
        .filter(r -> r.status() != OutputStatus.EXITED)
        .ifPresent(r -> utxos.put(position, r.withStatus(OutputStatus.EXITED), batch));
  }
}
