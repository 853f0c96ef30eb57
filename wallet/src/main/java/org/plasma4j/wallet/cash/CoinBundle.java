package org.plasma4j.wallet.cash;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;

/**
 * What a sender hands a receiver with a coin: the coin, the origin its history starts from, that
 * history through the block of the transfer, and the transfer itself. The receiver trusts none of
 * it: it verifies the history from the on-chain origin against the on-chain coin roots.
 *
 * @param signedTransfer the transfer to the receiver, in the 101-byte signed wire form
 * @param transferBlock the child block the transfer is included in
 * @param history the history from the origin through {@code transferBlock}, by CoinHistoryCodec
 */
public record CoinBundle(
    long slot,
    Address token,
    int kind,
    BigInteger value,
    long originBlock,
    Address originOwner,
    Bytes signedTransfer,
    long transferBlock,
    Bytes history) {

  static final String MAGIC = "P4JB";

  public byte[] encode() {
    return BinaryFormat.frame(MAGIC, w -> {
      w.coinHead(slot, token, kind, value, originBlock, originOwner);
      w.blob(signedTransfer);
      w.u64(transferBlock);
      w.blob(history);
    });
  }

  /** @throws IllegalArgumentException if the file is not a well-formed bundle */
  public static CoinBundle decode(byte[] file) {
    return BinaryFormat.unframe(
        MAGIC,
        file,
        r -> new CoinBundle(
            r.u64(),
            r.address(),
            r.u8(),
            r.uint256(),
            r.u64(),
            r.address(),
            r.blob(),
            r.u64(),
            r.blob()));
  }

  /** The file name a bundle is delivered under: one per coin and transfer block. */
  public String fileName() {
    return "coin-" + Long.toUnsignedString(slot) + "-" + transferBlock + ".bundle";
  }
}
