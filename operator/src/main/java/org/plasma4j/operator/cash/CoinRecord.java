package org.plasma4j.operator.cash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * A coin as the operator sees it: what was deposited (kept to notice a deep reorg that changed the
 * deposit), who owns it now and {@code block}, the block of its last transfer (its origin block
 * before any). A transfer must name {@code block} as its prevBlock. {@code exits} are the exits of
 * the coin pending on the root chain, one per claimant: owners exit side by side, so one exit
 * cancelled leaves the coin exiting while another is pending, as in the cash game. They are kept by
 * claimant, not counted, because a deep reorg makes the follower read the same events again: a
 * start or cancel read twice must leave what it left the first time. {@code unnamedExits} are exits
 * a record stored before the claimants were kept counted without naming them.
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
    List<PendingCoinExit> exits,
    int unnamedExits) {

  /**
   * Stands where a record stored before the claimants were kept has its count of exits (never
   * negative).
   */
  private static final int NAMED_EXITS = -1;

  public CoinRecord {
    exits = List.copyOf(exits);
  }

  public static final Codec<CoinRecord> CODEC = Bin.codec(
      (c, w) -> {
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
            .i32(NAMED_EXITS)
            .i32(c.exits.size());
        c.exits.forEach(e -> w.address(e.claimant()).i64(e.claimId()).i64(e.l1Block()));
        w.i32(c.unnamedExits);
      },
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
        List<PendingCoinExit> exits = new ArrayList<>();
        int unnamed;
        int marker = r.hasMore() ? r.i32() : status == CoinStatus.EXITING ? 1 : 0;
        if (marker == NAMED_EXITS) {
          int n = r.i32();
          for (int i = 0; i < n; i++) {
            exits.add(new PendingCoinExit(r.address(), r.i64(), r.i64()));
          }
          unnamed = r.i32();
        } else {
          // stored before the claimants were kept: a bare count (or, older still, none, when an
          // exiting coin had one exit pending as far as known); its exits stay, unnamed
          unnamed = marker;
        }
        return new CoinRecord(
            slot,
            token,
            kind,
            value,
            originOwner,
            originBlock,
            owner,
            block,
            status,
            l1Block,
            exits,
            unnamed);
      });

  /** A freshly deposited coin: its origin owner holds it as of its origin block. */
  public static CoinRecord deposited(
      long slot,
      Address token,
      int kind,
      BigInteger value,
      Address owner,
      long originBlock,
      long l1Block) {
    return new CoinRecord(
        slot,
        token,
        kind,
        value,
        owner,
        originBlock,
        owner,
        originBlock,
        CoinStatus.DEPOSITED,
        l1Block,
        List.of(),
        0);
  }

  /** How many exits of the coin are pending on the root chain. */
  public int pendingExits() {
    return exits.size() + unnamedExits;
  }

  /** Whether {@code other} describes the same deposit (ignoring where it has moved since). */
  public boolean sameDeposit(CoinRecord other) {
    return token.equals(other.token)
        && kind == other.kind
        && value.equals(other.value)
        && originOwner.equals(other.originOwner)
        && originBlock == other.originBlock;
  }

  public CoinRecord transferred(Address newOwner, long blkNum) {
    return new CoinRecord(
        slot,
        token,
        kind,
        value,
        originOwner,
        originBlock,
        newOwner,
        blkNum,
        status,
        l1Block,
        exits,
        unnamedExits);
  }

  public CoinRecord withStatus(CoinStatus next) {
    return new CoinRecord(
        slot,
        token,
        kind,
        value,
        originOwner,
        originBlock,
        owner,
        block,
        next,
        l1Block,
        exits,
        unnamedExits);
  }

  /**
   * {@code exit} is pending: it takes its claimant's place (the game holds one exit per claimant,
   * so an older one of the same claimant is over), and a coin still on the child chain is exiting
   * now. Read again, it changes nothing.
   */
  public CoinRecord exitStarted(PendingCoinExit exit) {
    List<PendingCoinExit> next = new ArrayList<>(exits);
    next.removeIf(e -> e.claimant().equals(exit.claimant()));
    next.add(exit);
    return new CoinRecord(
        slot,
        token,
        kind,
        value,
        originOwner,
        originBlock,
        owner,
        block,
        status.isGone() ? status : CoinStatus.EXITING,
        l1Block,
        next,
        unnamedExits);
  }

  /**
   * {@code claimant}'s pending exit failed in root-chain block {@code cancelledAt}. The coin takes
   * transfers again only when no other exit is pending, as before the exits started; one that left
   * the child chain stays gone. An exit started in that same block is not the one cancelled: the
   * port gives no order between a block's starts and cancels, and an exit is never cancelled in the
   * block that starts it (a challenge takes a commitment first; closing waits for the exit period),
   * while a cancel and a new start of the same claimant can share a block. A claimant with no exit
   * named here retires one unnamed exit. Read again, it changes nothing.
   */
  public CoinRecord exitCancelled(Address claimant, long cancelledAt) {
    List<PendingCoinExit> next = new ArrayList<>(exits);
    int unnamed = unnamedExits;
    boolean named = next.stream().anyMatch(e -> e.claimant().equals(claimant));
    if (named) {
      next.removeIf(e -> e.claimant().equals(claimant) && e.l1Block() != cancelledAt);
    } else if (unnamed > 0) {
      unnamed--;
    }
    boolean none = next.isEmpty() && unnamed == 0;
    CoinStatus status2 = status == CoinStatus.EXITING && none ? CoinStatus.DEPOSITED : status;
    return new CoinRecord(
        slot,
        token,
        kind,
        value,
        originOwner,
        originBlock,
        owner,
        block,
        status2,
        l1Block,
        next,
        unnamed);
  }
}
