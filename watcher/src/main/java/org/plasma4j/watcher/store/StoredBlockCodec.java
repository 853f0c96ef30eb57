package org.plasma4j.watcher.store;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * A stored block body as bytes: a version byte, the block number, the committed root, then each
 * transaction's length and bytes. A body of 65,536 transactions is written once per block on the
 * one thread that judges blocks, where hex-in-JSON cost about a tenth of the watcher's time; bodies
 * stored as JSON by earlier versions (they begin with {@code '{'}) still read.
 */
final class StoredBlockCodec implements Codec<StoredBlock> {

  private static final byte VERSION = 1;
  private static final int HEADER = 1 + Long.BYTES + 32 + Integer.BYTES;

  private final Codec<StoredBlock> json = Json.codec(StoredBlock.class);

  /** A stored record that is neither a body of this version nor one stored as JSON. */
  static final class Unreadable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public byte[] encode(StoredBlock block) {
    long size = HEADER;
    for (Bytes tx : block.transactions()) {
      size += Integer.BYTES + tx.length();
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("block " + block.blkNum() + " is too large to store");
    }
    Bin.Writer w = new Bin.Writer((int) size)
        .u8(VERSION)
        .i64(block.blkNum())
        .bytes32(block.root())
        .i32(block.transactions().size());
    for (Bytes tx : block.transactions()) {
      w.blob(tx.toArray());
    }
    return w.toBytes();
  }

  @Override
  public StoredBlock decode(byte[] bytes) {
    try {
      return bytes.length > 0 && bytes[0] == '{' ? json.decode(bytes) : decodeBytes(bytes);
    } catch (RuntimeException e) {
      throw new Unreadable(e.getMessage(), e);
    }
  }

  private static StoredBlock decodeBytes(byte[] bytes) {
    Bin.Reader r = new Bin.Reader(bytes);
    if (bytes.length < HEADER || r.u8() != VERSION) {
      throw new IllegalStateException("a stored block is neither JSON nor version " + VERSION);
    }
    long blkNum = r.i64();
    Bytes32 root = r.bytes32();
    int count = r.i32();
    if (count < 0 || count > r.remaining() / Integer.BYTES) {
      throw new IllegalStateException("stored block " + blkNum + " has a bad count " + count);
    }
    List<Bytes> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      try {
        txs.add(Bytes.wrap(r.blob()));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "stored block " + blkNum + " is cut at transaction " + i, e);
      }
    }
    if (r.hasMore()) {
      throw new IllegalStateException("stored block " + blkNum + " has trailing bytes");
    }
    return new StoredBlock(blkNum, root, txs);
  }
}
