package org.plasma4j.watcher.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.Column;
import org.plasma4j.node.storage.DataDirLayout;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.watcher.challenge.SentChallenge;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.sync.L1Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the watcher keeps across restarts: the raw inputs (confirmed root-chain events by L1 range,
 * downloaded block bodies), the L1 checkpoints that detect reorgs, and the event log. Everything
 * else (UTXO view, exit states, findings) is derived again from these on start, so the store holds
 * no state that could disagree with its inputs. The one exception is what the watcher itself sent
 * (its challenges), which no input holds. Column ids are on disk forever.
 */
public final class WatcherStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WatcherStore.class);

  static final Column<Long, Long> META = new Column<>(1, "meta", Codec.LONG, Codec.LONG);
  /*
   * Ids 2 and 3 held checkpoints and batches of per-kind event lists, and meta key 1 their sync
   * height: a store from before the ordered event stream re-follows the root chain from its start.
   */
  /** L1 block number → its hash, at the end of every stored batch. */
  static final Column<Long, Bytes32> CHECKPOINT =
      new Column<>(8, "l1-event-checkpoint", Codec.LONG, Codec.BYTES32);
  /** Keyed by the batch's last L1 block; its events in log order. */
  static final Column<Long, L1Batch> BATCH =
      new Column<>(9, "l1-event-batch", Codec.LONG, Json.codec(L1Batch.class));

  static final Column<Long, StoredBlock> BLOCK =
      new Column<>(4, "child-block", Codec.LONG, new StoredBlockCodec());
  static final Column<Long, ByzantineEvent> EVENT =
      new Column<>(5, "event", Codec.LONG, Json.codec(ByzantineEvent.class));
  static final Column<Long, byte[]> SETTING = new Column<>(6, "setting", Codec.LONG, Codec.RAW);
  /** Keyed by the challenge task's key (UTF-8). */
  static final Column<byte[], SentChallenge> CHALLENGE =
      new Column<>(7, "challenge", Codec.RAW, Json.codec(SentChallenge.class));

  private static final long LAST_SYNCED_L1 = 3;
  /** Setting key of the operator's fee schedule (JSON {token: amount}). */
  public static final long FEE_SCHEDULE = 1;

  /**
   * The layout of a watcher's data directory: raise it when a column changes meaning, and read the
   * older ones.
   */
  /**
   * Layout 2 stores block bodies as bytes ({@link StoredBlockCodec}); it reads the JSON bodies of
   * layout 1, which a release that knows only layout 1 could not do the other way round.
   */
  public static final DataDirLayout LAYOUT = new DataDirLayout("watcher", 2);

  private static final byte[] ALL = new byte[0];

  private final KeyValueStore kv;

  /** @throws DataDirLayout.LayoutMismatch if {@code kv} is another node's or a newer layout */
  public WatcherStore(KeyValueStore kv) {
    LAYOUT.open(kv);
    this.kv = kv;
  }

  /** The last L1 block whose events are stored, or {@code startL1Block - 1}. */
  public long lastSyncedL1(long startL1Block) {
    return kv.get(META, LAST_SYNCED_L1).orElse(startL1Block - 1);
  }

  /** Stores a batch, its end checkpoint and the new sync height atomically. */
  public void appendBatch(L1Batch batch, Bytes32 endHash) {
    kv.commit(new WriteBatch()
        .put(BATCH, batch.toBlock(), batch)
        .put(CHECKPOINT, batch.toBlock(), endHash)
        .put(META, LAST_SYNCED_L1, batch.toBlock()));
  }

  public List<L1Batch> batches() {
    List<L1Batch> out = new ArrayList<>();
    kv.scan(BATCH, ALL, (k, v) -> out.add(v));
    return out;
  }

  /** Checkpoints by L1 block number. */
  public TreeMap<Long, Bytes32> checkpoints() {
    TreeMap<Long, Bytes32> out = new TreeMap<>();
    kv.scan(CHECKPOINT, ALL, (k, v) -> {
      out.put(k, v);
      return true;
    });
    return out;
  }

  /** Forgets every batch and checkpoint after {@code l1Block} (a reorg dropped them). */
  public void rollbackTo(long l1Block) {
    WriteBatch wb = new WriteBatch();
    kv.scan(BATCH, ALL, (k, v) -> {
      if (k > l1Block) {
        wb.delete(BATCH, k);
      }
      return true;
    });
    checkpoints().tailMap(l1Block, false).keySet().forEach(k -> wb.delete(CHECKPOINT, k));
    wb.put(META, LAST_SYNCED_L1, l1Block);
    kv.commit(wb);
  }

  public void putBlock(StoredBlock block) {
    kv.commit(new WriteBatch().put(BLOCK, block.blkNum(), block));
  }

  /**
   * The stored body of {@code blkNum}, if one reads. A body is stored only once it matched its
   * committed root, so a record that no longer decodes was damaged on this machine: it counts as
   * never stored, and the block is fetched again, never judged from it.
   */
  public Optional<StoredBlock> block(long blkNum) {
    try {
      return kv.get(BLOCK, blkNum);
    } catch (StoredBlockCodec.Unreadable e) {
      LOG.warn(
          "the stored body of child block {} does not read ({}); it is fetched again",
          blkNum,
          e.getMessage());
      return Optional.empty();
    }
  }

  public void deleteBlock(long blkNum) {
    kv.commit(new WriteBatch().delete(BLOCK, blkNum));
  }

  public void putEvent(ByzantineEvent event) {
    kv.commit(new WriteBatch().put(EVENT, event.seq(), event));
  }

  public List<ByzantineEvent> events() {
    List<ByzantineEvent> out = new ArrayList<>();
    kv.scan(EVENT, ALL, (k, v) -> out.add(v));
    return out;
  }

  public Optional<SentChallenge> challenge(String key) {
    return kv.get(CHALLENGE, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public void putChallenge(SentChallenge c) {
    kv.commit(new WriteBatch()
        .put(CHALLENGE, c.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), c));
  }

  public Optional<byte[]> setting(long key) {
    return kv.get(SETTING, key);
  }

  public void putSetting(long key, byte[] value) {
    kv.commit(new WriteBatch().put(SETTING, key, value));
  }

  @Override
  public void close() {
    kv.close();
  }
}
