package org.plasma4j.operator.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.tx.SpendEvidence;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.operator.ledger.Columns.BlockTxKey;

/**
 * Read-only views for the RPC methods. They read committed data from the store, never the writer's
 * in-memory state, so they are thread-safe and never show an unacknowledged transaction.
 */
public final class LedgerQueries {

  /** A formed block with its body and, once the contract has it, its submission record. */
  public record BlockView(
      BlockRecord header, List<byte[]> signedTxs, Optional<SubmittedRecord> submitted) {}

  /** A known transaction: where it is and its signed bytes. */
  public record TxView(Bytes32 txHash, TxLocation location, byte[] signedTx) {}

  /** An unspent output of an owner. */
  public record Utxo(OutputPosition position, UtxoRecord record) {}

  /** What startStandardExit needs. */
  public record ExitData(
      OutputPosition position, Bytes txBytes, Bytes proof, long blockTimestamp) {}

  /** What challengeStandardExit needs: the spend of {@code position} and its signature. */
  public record ChallengeData(
      OutputPosition position, Bytes spendingTxBytes, int inputIndex, Signature signature) {}

  /** The most outputs plasma_getUtxos returns for one owner. */
  public static final int MAX_UTXOS = 10_000;

  private final KeyValueStore store;
  private final ProofCache proofs;
  private final LongPredicate hidden;

  public LedgerQueries(KeyValueStore store, ProofCache proofs) {
    this(store, proofs, blkNum -> false);
  }

  /**
   * Views that serve the blocks {@code hidden} names as if they did not exist (see
   * {@code service.QueryFilter}). Their transactions and outputs are hidden too.
   */
  public LedgerQueries(KeyValueStore store, ProofCache proofs, LongPredicate hidden) {
    this.store = store;
    this.proofs = proofs;
    this.hidden = hidden;
  }

  public long lastFormedBlock() {
    return store.get(Columns.META, Columns.Meta.LAST_FORMED_BLOCK).orElse(0L);
  }

  public Optional<BlockView> block(long blkNum) {
    if (hidden.test(blkNum)) {
      return Optional.empty();
    }
    return store
        .get(Columns.BLOCK, blkNum)
        .map(h -> new BlockView(h, blockTxs(blkNum), store.get(Columns.SUBMITTED, blkNum)));
  }

  private List<byte[]> blockTxs(long blkNum) {
    List<byte[]> txs = new ArrayList<>();
    visitBlockTxs(blkNum, 0, txs::add);
    return txs;
  }

  /**
   * Visits the block's signed transactions in order from index {@code offset} until the visitor
   * returns false: first the accepted payments it carries (kept where acceptance stored them), then
   * what forming added.
   */
  private void visitBlockTxs(long blkNum, int offset, Predicate<byte[]> visitor) {
    Optional<PaymentRange> payments = store.get(Columns.PAYMENT_RANGE, blkNum);
    int count = payments.map(PaymentRange::count).orElse(0);
    boolean[] more = {true};
    if (offset < count) {
      long last = payments.get().lastSeq();
      store.scanFrom(
          Columns.PENDING_TX,
          new byte[0],
          Codec.LONG.encode(payments.get().firstSeq() + offset),
          (seq, rec) -> {
            if (seq > last) {
              return false;
            }
            more[0] = visitor.test(rec.signedTx());
            return more[0];
          });
    }
    if (more[0]) {
      store.scanFrom(
          Columns.BLOCK_TX,
          BlockTxKey.prefix(blkNum),
          BlockTxKey.CODEC.encode(new BlockTxKey(blkNum, Math.max(offset, count))),
          (k, v) -> visitor.test(v));
    }
  }

  /** The signed bytes of the transaction at {@code index} of formed block {@code blkNum}. */
  private Optional<byte[]> blockTx(long blkNum, int index) {
    Optional<PaymentRange> payments =
        store.get(Columns.PAYMENT_RANGE, blkNum).filter(r -> index < r.count());
    return payments.isPresent()
        ? store
            .get(Columns.PENDING_TX, payments.get().firstSeq() + index)
            .map(PendingRecord::signedTx)
        : store.get(Columns.BLOCK_TX, new BlockTxKey(blkNum, index));
  }

  /**
   * Part of a formed block: its header and at most {@code limit} signed transactions from index
   * {@code offset} on, read only while their bytes stay within {@code maxTxBytes} ({@code complete}
   * false if the page stopped there).
   */
  public record BlockPage(
      BlockRecord header,
      int offset,
      List<byte[]> signedTxs,
      boolean complete,
      Optional<SubmittedRecord> submitted) {}

  public Optional<BlockPage> blockPage(long blkNum, int offset, int limit, long maxTxBytes) {
    return blockPage(blkNum, offset, limit, maxTxBytes, 0);
  }

  /**
   * As {@link #blockPage(long, int, int, long)}, each transaction counted {@code perTxBytes} more
   * than its length against {@code maxBytes}: what an answer spends on each besides its bytes.
   */
  public Optional<BlockPage> blockPage(
      long blkNum, int offset, int limit, long maxBytes, int perTxBytes) {
    if (hidden.test(blkNum)) {
      return Optional.empty();
    }
    return store.get(Columns.BLOCK, blkNum).map(h -> {
      List<byte[]> txs = new ArrayList<>();
      long[] bytes = {0};
      boolean[] complete = {true};
      visitBlockTxs(blkNum, offset, v -> {
        if (txs.size() >= limit) {
          return false;
        }
        bytes[0] += v.length + perTxBytes;
        if (bytes[0] > maxBytes) {
          complete[0] = false;
          return false;
        }
        txs.add(v);
        return true;
      });
      return new BlockPage(h, offset, txs, complete[0], store.get(Columns.SUBMITTED, blkNum));
    });
  }

  /**
   * A page of a formed block's Merkle leaves from index {@code offset}; {@code submitted} once it
   * is on the root chain. {@code fits} false: the page would hold more than the caller's maximum,
   * so nothing was read and {@code leaves} is empty.
   */
  public record BlockLeaves(
      BlockRecord header, int offset, List<Bytes32> leaves, boolean fits, boolean submitted) {}

  /**
   * At most {@code limit} leaves of formed block {@code blkNum} from index {@code offset}, none if
   * more than {@code maxLeaves} would be in the page. The root and count come from the block's
   * header. A recent block's leaves come from its cached tree, whose forming already hashed them;
   * any other block's page reads and hashes only the page's transactions and builds no tree, so a
   * page costs work in proportion to its length and does not push a tree out of the cache.
   */
  public Optional<BlockLeaves> blockLeaves(long blkNum, int offset, int limit, int maxLeaves) {
    if (hidden.test(blkNum)) {
      return Optional.empty();
    }
    return store.get(Columns.BLOCK, blkNum).map(h -> {
      int from = Math.min(offset, h.txCount());
      int to = (int) Math.min((long) from + limit, h.txCount());
      boolean submitted = store.get(Columns.SUBMITTED, blkNum).isPresent();
      if (to - from > maxLeaves) {
        return new BlockLeaves(h, offset, List.of(), false, submitted);
      }
      return new BlockLeaves(h, offset, leaves(blkNum, from, to), true, submitted);
    });
  }

  private List<Bytes32> leaves(long blkNum, int from, int to) {
    List<Bytes32> out = new ArrayList<>(to - from);
    Optional<MerkleTree> cached = proofs.cachedTree(blkNum);
    if (cached.isPresent()) {
      for (int i = from; i < to; i++) {
        out.add(cached.get().leaf(i));
      }
    } else if (from < to) {
      visitBlockTxs(blkNum, from, signed -> {
        out.add(MerkleTree.leafHash32(txBytesOf(signed)));
        return out.size() < to - from;
      });
    }
    return out;
  }

  public Optional<TxView> transaction(Bytes32 txHash) {
    return store.get(Columns.TX_LOCATION, txHash).flatMap(stored -> {
      TxLocation loc = FormedPayments.resolve(store, stored);
      if (!loc.isPending() && hidden.test(loc.blkNum())) {
        return Optional.empty();
      }
      return signedTxAt(stored).map(bytes -> new TxView(txHash, loc, bytes));
    });
  }

  /** An accepted payment's bytes stay under its sequence number, formed or not. */
  private Optional<byte[]> signedTxAt(TxLocation stored) {
    return stored.isPending()
        ? store.get(Columns.PENDING_TX, stored.index()).map(PendingRecord::signedTx)
        : store.get(Columns.BLOCK_TX, new BlockTxKey(stored.blkNum(), (int) stored.index()));
  }

  public List<Utxo> utxos(Address owner) {
    return utxos(owner, -1, MAX_UTXOS);
  }

  /**
   * The owner's spendable outputs in position order, after position {@code after} (-1: from the
   * first), at most {@code limit} (≤ {@link #MAX_UTXOS}): a page, continued from its last position.
   */
  public List<Utxo> utxos(Address owner, long after, int limit) {
    int max = Math.min(limit, MAX_UTXOS);
    List<Utxo> out = new ArrayList<>();
    if (max <= 0 || after == Long.MAX_VALUE) {
      return out;
    }
    store.scanFrom(
        Columns.OWNER_INDEX,
        owner.value(),
        Columns.OwnerKey.CODEC.encode(new Columns.OwnerKey(owner, after + 1)),
        (key, v) -> {
          store
              .get(Columns.UTXO, key.position())
              .filter(r -> r.status() == OutputStatus.UNSPENT)
              .filter(r -> !hidden.test(OutputPosition.decode(key.position()).blkNum()))
              .ifPresent(r -> out.add(new Utxo(OutputPosition.decode(key.position()), r)));
          return out.size() < max;
        });
    return out;
  }

  public TxResult<ExitData> exitData(OutputPosition position) {
    if (position.isDeposit()) {
      return store
          .get(Columns.DEPOSIT, position.blkNum())
          .filter(d -> position.txIndex() == 0 && position.outputIndex() == 0)
          .map(d -> depositExit(position, d))
          .orElseGet(() -> notFound("no deposit at " + position));
    }
    Optional<BlockRecord> header =
        store.get(Columns.BLOCK, position.blkNum()).filter(h -> !hidden.test(h.blkNum()));
    if (header.isEmpty() || position.txIndex() >= header.get().txCount()) {
      return notFound("no formed transaction at " + position);
    }
    Optional<SubmittedRecord> submitted = store.get(Columns.SUBMITTED, position.blkNum());
    if (submitted.isEmpty()) {
      return notFound("block " + position.blkNum() + " is not on the root chain yet");
    }
    byte[] txBytes = txBytesOf(blockTx(position.blkNum(), position.txIndex()).orElseThrow());
    // the exit game reads the leaf's txBytes only: signatures and domain are no part of an exit,
    // so an envelope no intake would accept (only a hostile block assembly stores one) still
    // leaves its outputs exitable, while txBytes the exit game refuses have none
    TxResult<Transaction> decoded = TransactionDecoder.decodeTransaction(txBytes);
    if (!decoded.isOk()) {
      return notFound("the transaction at " + position + " is malformed (" + decoded.rejection()
          + "): it has no output to exit");
    }
    if (position.outputIndex() >= decoded.value().outputs().size()) {
      return notFound("transaction has no output " + position.outputIndex());
    }
    Bytes32 formedRoot = header.get().root();
    MerkleTree tree = proofs.get(position.blkNum(), blkNum -> buildTree(blkNum, formedRoot));
    return TxResult.ok(new ExitData(
        position,
        Bytes.wrap(txBytes),
        tree.proof(position.txIndex()),
        submitted.get().timestamp()));
  }

  private static TxResult<ExitData> depositExit(OutputPosition position, DepositRecord d) {
    Transaction tx = d.transaction();
    byte[] txBytes = tx.encode();
    Bytes proof = MerkleTree.build(List.of(txBytes)).proof(0);
    return TxResult.ok(new ExitData(position, Bytes.wrap(txBytes), proof, d.timestamp()));
  }

  /**
   * The block's tree from its stored transactions, checked against {@code recorded}, the root
   * forming recorded: a tree that disagrees (a damaged store) would serve proofs that fail on L1,
   * so it is refused and, failing its build, never cached.
   */
  private MerkleTree buildTree(long blkNum, Bytes32 recorded) {
    List<byte[]> leaves = new ArrayList<>();
    for (byte[] signed : blockTxs(blkNum)) {
      leaves.add(txBytesOf(signed));
    }
    MerkleTree tree = MerkleTree.build(leaves);
    if (!tree.root().equals(recorded)) {
      throw new IllegalStateException("block " + blkNum + "'s stored transactions hash to "
          + tree.root() + ", not to the root " + recorded + " it was formed with");
    }
    return tree;
  }

  /**
   * A stored signed transaction's unsigned txBytes, its first RLP field, sliced without decoding
   * the rest: acceptance or forming checked the whole encoding, and decoding it again would cost
   * two to three times the leaf's hash.
   */
  private static byte[] txBytesOf(byte[] signed) {
    return RlpReader.of(signed).readList().readRaw();
  }

  public TxResult<ChallengeData> challengeData(OutputPosition position) {
    Optional<Bytes32> spender = store.get(Columns.UTXO, position.encode()).map(UtxoRecord::spentBy);
    if (spender.isEmpty()) {
      return notFound("output " + position + " is not spent on the child chain");
    }
    boolean spentInHidden = store
        .get(Columns.TX_LOCATION, spender.get())
        .map(stored -> FormedPayments.resolve(store, stored))
        .map(loc -> !loc.isPending() && hidden.test(loc.blkNum()))
        .orElse(false);
    if (spentInHidden) {
      return notFound("output " + position + " is not spent in a served block");
    }
    byte[] signed = transaction(spender.get())
        .map(TxView::signedTx)
        .orElseThrow(() -> new IllegalStateException("spending tx missing for " + position));
    // read as challengeStandardExit reads it: the txBytes and the input's own signature, whatever
    // the rest of the envelope holds, so a spend a hostile block assembly stored with a flawed
    // envelope still challenges an exit of its input
    return SpendEvidence.of(signed, position)
        .map(e ->
            TxResult.ok(new ChallengeData(position, e.txBytes(), e.inputIndex(), e.signature())))
        .orElseGet(
            () -> notFound(
                "the spend of " + position
                    + " has undecodable txBytes or no canonical signature of the input: no challenge data"));
  }

  private static <T> TxResult<T> notFound(String detail) {
    return TxResult.rejected(TxRejection.NOT_FOUND, detail);
  }
}
