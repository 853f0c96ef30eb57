package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.storage.Bin;
import org.plasma4j.operator.storage.Codec;

/**
 * A coin as the operator sees it: what was deposited (kept to notice a deep reorg that changed the
 * deposit), who owns it now and {@code block}, the block of its last transfer (its origin block
 * before any). A transfer must name {@code block} as its prevBlock.
 */
public record CoinRecord(
    long slot,
    Address token,
    int kind,
    BigInteger value,
    Address originOwner,
    long originBlock,
    Address owner,
    long block,
    CoinStatus status,
    long l1Block) {

  public static final Codec<CoinRecord> CODEC =
      Bin.codec(
          (c, w) ->
              w.i64(c.slot)
                  .address(c.token)
                  .u8(c.kind)
                  .uint(c.value)
                  .address(c.originOwner)
                  .i64(c.originBlock)
                  .address(c.owner)
                  .i64(c.block)
                  .u8(c.status.code())
                  .i64(c.l1Block),
          r ->
              new CoinRecord(
                  r.i64(), r.address(), r.u8(), r.uint(), r.address(), r.i64(), r.address(), r.i64(),
                  CoinStatus.of(r.u8()), r.i64()));

  /** A freshly deposited coin: its origin owner holds it as of its origin block. */
  public static CoinRecord deposited(
      long slot, Address token, int kind, BigInteger value, Address owner, long originBlock, long l1Block) {
    return new CoinRecord(
        slot, token, kind, value, owner, originBlock, owner, originBlock, CoinStatus.DEPOSITED, l1Block);
  }

  /** Whether {@code other} describes the same deposit (ignoring where it has moved since). */
  public boolean sameDeposit(CoinRecord other) {
    return token.equals(other.token) && kind == other.kind && value.equals(other.value)
        && originOwner.equals(other.originOwner) && originBlock == other.originBlock;
  }

  public CoinRecord transferred(Address newOwner, long blkNum) {
    return new CoinRecord(slot, token, kind, value, originOwner, originBlock, newOwner, blkNum, status, l1Block);
  }

  public CoinRecord withStatus(CoinStatus next) {
    return new CoinRecord(slot, token, kind, value, originOwner, originBlock, owner, block, next, l1Block);
  }
}
