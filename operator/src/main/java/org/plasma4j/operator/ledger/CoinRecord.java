package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.storage.Bin;
import org.plasma4j.operator.storage.Codec;

/**
 * A coin as the operator sees it: what was deposited (kept to notice a deep reorg that changed the
 * deposit), who owns it now and {@code block}, the block of its last transfer (its origin block
 * before any). A transfer must name {@code block} as its prevBlock. {@code pendingExits} counts the exits
 * of the coin pending on the root chain: owners exit side by side, so one exit cancelled leaves the coin
 * exiting while another is pending, as the cash game's own count does.
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
    long l1Block,
    int pendingExits) {

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
                  .i64(c.l1Block)
                  .i32(c.pendingExits),
          r -> {
            long slot = r.i64();
            Address token = r.address();
            int kind = r.u8();
            BigInteger value = r.uint();
            Address originOwner = r.address();
            long originBlock = r.i64();
            Address owner = r.address();
            long block = r.i64();
            CoinStatus status = CoinStatus.of(r.u8());
            long l1Block = r.i64();
            // a record stored before the count was kept: an exiting coin had one exit pending as far as known
            int pending = r.hasMore() ? r.i32() : status == CoinStatus.EXITING ? 1 : 0;
            return new CoinRecord(slot, token, kind, value, originOwner, originBlock, owner, block, status, l1Block, pending);
          });

  /** A freshly deposited coin: its origin owner holds it as of its origin block. */
  public static CoinRecord deposited(
      long slot, Address token, int kind, BigInteger value, Address owner, long originBlock, long l1Block) {
    return new CoinRecord(
        slot, token, kind, value, owner, originBlock, owner, originBlock, CoinStatus.DEPOSITED, l1Block, 0);
  }

  /** Whether {@code other} describes the same deposit (ignoring where it has moved since). */
  public boolean sameDeposit(CoinRecord other) {
    return token.equals(other.token) && kind == other.kind && value.equals(other.value)
        && originOwner.equals(other.originOwner) && originBlock == other.originBlock;
  }

  public CoinRecord transferred(Address newOwner, long blkNum) {
    return new CoinRecord(slot, token, kind, value, originOwner, originBlock, newOwner, blkNum, status, l1Block,
        pendingExits);
  }

  public CoinRecord withStatus(CoinStatus next) {
    return new CoinRecord(slot, token, kind, value, originOwner, originBlock, owner, block, next, l1Block,
        pendingExits);
  }

  /** One more exit pending: a coin still on the child chain is exiting now. */
  public CoinRecord exitStarted() {
    return new CoinRecord(slot, token, kind, value, originOwner, originBlock, owner, block,
        status.isGone() ? status : CoinStatus.EXITING, l1Block, pendingExits + 1);
  }

  /**
   * One pending exit failed. The coin takes transfers again only when no other exit is pending, as
   * before the exits started; one that left the child chain stays gone.
   */
  public CoinRecord exitCancelled() {
    int left = Math.max(0, pendingExits - 1);
    CoinStatus next = status == CoinStatus.EXITING && left == 0 ? CoinStatus.DEPOSITED : status;
    return new CoinRecord(slot, token, kind, value, originOwner, originBlock, owner, block, next, l1Block, left);
  }
}
