package org.plasma4j.operator.ledger;

import java.nio.ByteBuffer;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.Column;
import org.plasma4j.operator.cash.CoinRecord;

/**
 * Every column of the operator's store. Ids are on disk forever: never renumber or reuse one; a
 * retired column's id stays listed here as retired.
 */
public final class Columns {

  private Columns() {}

  public static final Codec<Bytes32> HASH = Codec.BYTES32;

  /**
   * Keys made of a 20-byte owner then a big-endian position, so one owner's outputs are adjacent.
   */
  public record OwnerKey(Address owner, long position) {
    public static final Codec<OwnerKey> CODEC = new Codec<>() {
      @Override
      public byte[] encode(OwnerKey k) {
        return ByteBuffer.allocate(28).put(k.owner.value()).putLong(k.position).array();
      }

      @Override
      public OwnerKey decode(byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        byte[] owner = new byte[20];
        in.get(owner);
        return new OwnerKey(new Address(owner), in.getLong());
      }
    };
  }

  /**
   * Keys of a block's transactions: big-endian block number then index, so a block scans in order.
   */
  public record BlockTxKey(long blkNum, int txIndex) {
    public static final Codec<BlockTxKey> CODEC = new Codec<>() {
      @Override
      public byte[] encode(BlockTxKey k) {
        return ByteBuffer.allocate(12).putLong(k.blkNum).putInt(k.txIndex).array();
      }

      @Override
      public BlockTxKey decode(byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        return new BlockTxKey(in.getLong(), in.getInt());
      }
    };

    public static byte[] prefix(long blkNum) {
      return ByteBuffer.allocate(8).putLong(blkNum).array();
    }
  }

  /**
   * Keys of a block's coin transfers: big-endian block number then slot, so a block scans in order.
   */
  public record BlockSlotKey(long blkNum, long slot) {
    public static final Codec<BlockSlotKey> CODEC = new Codec<>() {
      @Override
      public byte[] encode(BlockSlotKey k) {
        return ByteBuffer.allocate(16).putLong(k.blkNum).putLong(k.slot).array();
      }

      @Override
      public BlockSlotKey decode(byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        return new BlockSlotKey(in.getLong(), in.getLong());
      }
    };

    public static byte[] prefix(long blkNum) {
      return BlockTxKey.prefix(blkNum);
    }
  }

  public static final Column<Long, UtxoRecord> UTXO =
      new Column<>(1, "utxo", Codec.LONG, UtxoRecord.CODEC);
  public static final Column<OwnerKey, byte[]> OWNER_INDEX =
      new Column<>(2, "owner-index", OwnerKey.CODEC, Codec.RAW);
  /**
   * Every accepted payment by sequence number, written once when it is acknowledged and kept when a
   * block carries it ({@link #PAYMENT_RANGE}); those from {@link Meta#FIRST_UNFORMED_SEQ} on are
   * the pending block.
   */
  public static final Column<Long, PendingRecord> PENDING_TX =
      new Column<>(3, "pending-tx", Codec.LONG, PendingRecord.CODEC);
  /**
   * Where each transaction is. An accepted payment keeps its pending location (its sequence number)
   * once formed; {@link #PAYMENT_RANGE_END} tells which block it went into.
   */
  public static final Column<Bytes32, TxLocation> TX_LOCATION =
      new Column<>(4, "tx-location", HASH, TxLocation.CODEC);

  public static final Column<Long, BlockRecord> BLOCK =
      new Column<>(5, "block", Codec.LONG, BlockRecord.CODEC);
  /**
   * Signed transactions of a block that are not accepted payments of {@link #PAYMENT_RANGE} (the
   * fee transaction and what the block assembly adds); every transaction of blocks formed before
   * payments stayed in {@link #PENDING_TX}.
   */
  public static final Column<BlockTxKey, byte[]> BLOCK_TX =
      new Column<>(6, "block-tx", BlockTxKey.CODEC, Codec.RAW);

  public static final Column<Long, DepositRecord> DEPOSIT =
      new Column<>(7, "deposit", Codec.LONG, DepositRecord.CODEC);
  /** Written only by the block submitter, so it never races the ledger's writer. */
  public static final Column<Long, SubmittedRecord> SUBMITTED =
      new Column<>(8, "submitted", Codec.LONG, SubmittedRecord.CODEC);

  public static final Column<Long, SubmissionAttempt> SUBMISSION =
      new Column<>(9, "submission-attempt", Codec.LONG, SubmissionAttempt.CODEC);
  /**
   * Hash of each root-chain block the follower stopped at (the last ones only), written with the
   * events it applied, so a later poll can tell whether a reorg replaced what was applied.
   */
  public static final Column<Long, Bytes32> FOLLOWED_CHECKPOINT =
      new Column<>(11, "followed-checkpoint", Codec.LONG, HASH);
  /** In-flight exits seen on the root chain: ifeId (as a uint256) → hash of the in-flight tx. */
  public static final Column<Bytes32, Bytes32> IN_FLIGHT_EXIT =
      new Column<>(12, "in-flight-exit", HASH, HASH);
  /** Plasma Cash coins the operator credited: slot → owner, current block and state. */
  public static final Column<Long, CoinRecord> COIN =
      new Column<>(13, "coin", Codec.LONG, CoinRecord.CODEC);
  /**
   * Acknowledged coin transfers of the pending block (101-byte signed form), at most one per slot.
   */
  public static final Column<Long, byte[]> PENDING_COIN =
      new Column<>(14, "pending-coin", Codec.LONG, Codec.RAW);
  /** Coin transfers of formed blocks (101-byte signed form). */
  public static final Column<BlockSlotKey, byte[]> BLOCK_COIN =
      new Column<>(15, "block-coin", BlockSlotKey.CODEC, Codec.RAW);
  /** The coin root of each formed block that carries coin transfers (absent means zero). */
  public static final Column<Long, Bytes32> BLOCK_COIN_ROOT =
      new Column<>(16, "block-coin-root", Codec.LONG, HASH);
  /**
   * Outputs piggybacked while their in-flight transaction was in no block: output key
   * (lib/OutputKey.sol) → output index. The block that includes the transaction creates them
   * exited.
   */
  public static final Column<Bytes32, Long> PIGGYBACKED_AHEAD =
      new Column<>(17, "piggybacked-ahead", HASH, Codec.LONG);
  /** The accepted payments each formed block carries first (absent: none, or an older block). */
  public static final Column<Long, PaymentRange> PAYMENT_RANGE =
      new Column<>(18, "payment-range", Codec.LONG, PaymentRange.CODEC);
  /**
   * The same ranges keyed by their last sequence number, so the first key at or after an accepted
   * payment's sequence number finds the block that carries it.
   */
  public static final Column<Long, PaymentRange> PAYMENT_RANGE_END =
      new Column<>(19, "payment-range-end", Codec.LONG, PaymentRange.CODEC);
  /** Single values: see {@link Meta}. */
  public static final Column<Long, Long> META = new Column<>(10, "meta", Codec.LONG, Codec.LONG);

  /** Keys of {@link #META}; numeric so that they are as stable as column ids. */
  public static final class Meta {
    private Meta() {}

    public static final long LAST_FORMED_BLOCK = 1;
    /** The last root-chain block whose events are applied (deposits and exits). */
    public static final long LAST_FOLLOWED_L1_BLOCK = 2;
    /** Operator-account nonce of the submission of block 1000 (see BlockSubmitter). */
    public static final long NONCE_BASE = 3;
    /** The highest block known to be on the root chain (written with its SUBMITTED record). */
    public static final long LAST_SUBMITTED_BLOCK = 4;
    /** The sequence number of the first accepted payment that no formed block carries yet. */
    public static final long FIRST_UNFORMED_SEQ = 5;
  }
}
