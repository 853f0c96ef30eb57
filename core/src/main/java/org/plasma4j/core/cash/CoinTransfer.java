package org.plasma4j.core.cash;

import java.util.Arrays;
import java.util.Objects;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The only coin transaction (docs/protocol.md §9.2): coin {@code slot} moves to {@code newOwner};
 * {@code prevBlock} names the block of the coin's previous transfer (or its origin block), which
 * makes a signature valid for one ownership period only. slot and prevBlock are uint64, held in a
 * long and read unsigned.
 */
public record CoinTransfer(long slot, long prevBlock, Address newOwner) {
  public static final int LENGTH = 36;
  public static final String TYPE = "CoinTransfer(uint64 slot,uint64 prevBlock,address newOwner)";
  public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);
  static final byte LEAF_PREFIX = 0x00;

  public CoinTransfer {
    Objects.requireNonNull(newOwner, "newOwner");
  }

  /** slot (8 bytes BE) ‖ prevBlock (8 bytes BE) ‖ newOwner (20 bytes). */
  public byte[] encode() {
    byte[] out = new byte[LENGTH];
    putLong(out, 0, slot);
    putLong(out, 8, prevBlock);
    System.arraycopy(newOwner.value(), 0, out, 16, Address.LENGTH);
    return out;
  }

  /** Parses the 36-byte form; any other length is malformed. */
  public static CoinTransfer decode(byte[] txBytes) {
    if (txBytes.length != LENGTH) {
      throw new MalformedCoinDataException(
          "a coin transfer has " + LENGTH + " bytes, got " + txBytes.length);
    }
    return new CoinTransfer(
        getLong(txBytes, 0),
        getLong(txBytes, 8),
        new Address(Arrays.copyOfRange(txBytes, 16, LENGTH)));
  }

  /** keccak256(txBytes): the transfer's id in challenges. */
  public Bytes32 hash() {
    return new Bytes32(Keccak256.hash(encode()));
  }

  /** keccak256(0x00 ‖ txBytes): the leaf at {@code slot} in its block's coin tree. */
  public Bytes32 leafHash() {
    return new Bytes32(Keccak256.hash(LEAF_PREFIX, encode()));
  }

  /** keccak256(abi.encode(TYPEHASH, slot, prevBlock, newOwner)). */
  public Bytes32 structHash() {
    return new Bytes32(Keccak256.hashConcat(
        TYPEHASH.value(), uint64Word(slot), uint64Word(prevBlock), Abi.word(newOwner)));
  }

  /** The EIP-712 digest the previous owner signs, under the framework's domain. */
  public byte[] digest(Domain domain) {
    return Eip712.typedDigest(domain.separator(), structHash());
  }

  /**
   * The transfer that spends this one: signed by this one's newOwner, pointing back at
   * {@code block}.
   */
  public CoinTransfer next(long block, Address to) {
    return new CoinTransfer(slot, block, to);
  }

  static byte[] uint64Word(long v) {
    byte[] w = new byte[32];
    putLong(w, 24, v);
    return w;
  }

  static void putLong(byte[] out, int at, long v) {
    for (int i = 7; i >= 0; i--, v >>>= 8) {
      out[at + i] = (byte) v;
    }
  }

  static long getLong(byte[] in, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[at + i] & 0xff);
    }
    return v;
  }

  @Override
  public String toString() {
    return "CoinTransfer[slot=" + Long.toUnsignedString(slot) + ", prevBlock="
        + Long.toUnsignedString(prevBlock) + ", newOwner=" + newOwner + "]";
  }
}
