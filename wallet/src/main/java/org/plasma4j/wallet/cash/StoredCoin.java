package org.plasma4j.wallet.cash;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;

/**
 * One owned coin as the wallet keeps it on disk.
 *
 * @param kind 0 = ETH, 1 = ERC20, 2 = ERC721 (docs/protocol.md section 9.1)
 * @param value wei / token units, or the ERC721 token id
 * @param originBlock the on-chain origin the history is verified from (deposit or checkpoint)
 * @param coinBlock the block of the coin's latest transfer (to us), or the origin block: the
 *     prevBlock of our next transfer
 * @param syncedTo the last child block the history covers, verified against the coin roots
 * @param history the verified history since the origin, encoded by CoinHistoryCodec
 */
public record StoredCoin(
    long slot,
    Address token,
    int kind,
    BigInteger value,
    long originBlock,
    Address originOwner,
    long coinBlock,
    long syncedTo,
    Bytes history) {

  static final String MAGIC = "P4JC";

  public StoredCoin {
    if (kind < 0 || kind > 2) {
      throw new IllegalArgumentException("coin kind must be 0, 1 or 2, got " + kind);
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException("coin value must not be negative");
    }
    if (syncedTo < coinBlock || coinBlock < originBlock) {
      throw new IllegalArgumentException("need originBlock <= coinBlock <= syncedTo, got "
          + originBlock + ", " + coinBlock + ", " + syncedTo);
    }
  }

  public StoredCoin withHistory(long newCoinBlock, long newSyncedTo, Bytes newHistory) {
    return new StoredCoin(
        slot, token, kind, value, originBlock, originOwner, newCoinBlock, newSyncedTo, newHistory);
  }

  public StoredCoin withOrigin(long block, Address owner, Bytes newHistory) {
    return new StoredCoin(
        slot,
        token,
        kind,
        value,
        block,
        owner,
        Math.max(coinBlock, block),
        Math.max(syncedTo, block),
        newHistory);
  }

  byte[] encode() {
    return BinaryFormat.frame(MAGIC, w -> {
      w.coinHead(slot, token, kind, value, originBlock, originOwner);
      w.u64(coinBlock);
      w.u64(syncedTo);
      w.blob(history);
    });
  }

  static StoredCoin decode(byte[] file) {
    return BinaryFormat.unframe(
        MAGIC,
        file,
        r -> new StoredCoin(
            r.u64(),
            r.address(),
            r.u8(),
            r.uint256(),
            r.u64(),
            r.address(),
            r.u64(),
            r.u64(),
            r.blob()));
  }
}
