package org.plasma4j.wallet.cash;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.CoinCheckpointPolicy;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.cash.HistoryTooLongException;
import org.plasma4j.core.cash.HistoryVerdict;
import org.plasma4j.core.cash.MalformedCoinDataException;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.WalletException.CoinRejected;
import org.plasma4j.wallet.cash.CashChain.OnChainCoin;

/**
 * A receiver's checks of a bundle, trusting none of it: the coin exists on chain as the bundle
 * says; its history, from the on-chain origin, extended with the operator's proofs through the last
 * committed child block, verifies against the on-chain coin roots; the bundle's transfer to the
 * receiver is in it and is still the coin's latest; and no exit, and no checkpoint that history
 * does not hold, is pending on chain. Verifying only through the transfer's block would miss what
 * came after it: a double spend the operator included later, checkpointed by an accomplice, or the
 * receiver's own later spend of the coin.
 */
final class BundleVerifier {

  /**
   * A bundle that cannot be judged yet: its transfer block is not committed on the root chain
   * ({@code NOT_YET_COMMITTED}), or the operator does not serve the proofs of the blocks since
   * ({@code HISTORY_UNAVAILABLE}). Kept, tried again later.
   */
  static final class Deferred extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    Deferred(String reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private final CashChain chain;
  private final CoinOperator operator;
  private final ChainHistoryCheck check;

  BundleVerifier(CashChain chain, CoinOperator operator, ChainHistoryCheck check) {
    this.chain = chain;
    this.operator = operator;
    this.check = check;
  }

  /**
   * The coin record to store for {@code receiver}.
   *
   * @throws CoinRejected naming the failed rule (a HistoryRejection, or a bundle-level reason)
   * @throws Deferred if the bundle cannot be judged yet
   */
  StoredCoin verify(CoinBundle bundle, Address receiver) {
    long slot = bundle.slot();
    OnChainCoin c = onChain(bundle);
    long next = chain.nextChildBlock();
    long last = next - BlockNumbers.CHILD_BLOCK_INTERVAL;
    if (bundle.transferBlock() >= next) {
      throw new Deferred(
          "NOT_YET_COMMITTED",
          "block " + bundle.transferBlock() + " is not committed on the root chain yet",
          null);
    }
    SignedCoinTransfer transfer;
    CoinHistory history;
    try {
      transfer = SignedCoinTransfer.decode(bundle.signedTransfer().toArray());
      history = CoinHistoryCodec.decode(bundle.history().toArray(), last);
    } catch (HistoryTooLongException e) {
      throw new CoinRejected("HISTORY_TOO_LONG", e.getMessage());
    } catch (MalformedCoinDataException e) {
      throw new CoinRejected("MALFORMED", e.getMessage());
    }
    if (history.slot() != slot) {
      throw new CoinRejected(
          "WRONG_SLOT", "the history is of slot " + Long.toUnsignedString(history.slot()));
    }
    CoinOrigin origin = new CoinOrigin(c.originBlock(), c.originOwner());
    history =
        CoinCheckpointPolicy.prune(history, origin).appendAll(since(slot, history, origin, last));
    HistoryVerdict.Valid valid =
        check.verify(origin, history, Math.max(last, origin.block()), next);
    requireLatestTransferToReceiver(bundle, transfer, history, valid, receiver);
    Optional<CoinRejected> claims =
        ClaimSupport.refusal(slot, origin, history, pendingClaims(slot));
    if (claims.isPresent()) {
      throw claims.get();
    }
    return new StoredCoin(
        slot,
        c.token(),
        c.kind(),
        c.value(),
        origin.block(),
        origin.owner(),
        valid.block(),
        valid.verifiedTo(),
        CoinWallet.encode(history));
  }

  /** Every claim pending on the coin, by anyone; a view that may miss some judges nothing yet. */
  private List<CashChain.Claim> pendingClaims(long slot) {
    try {
      return chain.pendingClaims(slot);
    } catch (WalletException.ClaimsUnknown e) {
      throw new Deferred("CLAIMS_UNKNOWN", e.getMessage(), e);
    }
  }

  /** The operator's entries for the committed blocks after the bundle's history ends. */
  private List<CoinHistory.Entry> since(
      long slot, CoinHistory history, CoinOrigin origin, long last) {
    long from =
        BlockNumbers.nextChildBlock(Math.max(history.lastBlock(origin.block()), origin.block()));
    try {
      return ChainHistoryCheck.fetch(operator, slot, from, last);
    } catch (WalletException.OperatorUnreachable
        | WalletException.OperatorError
        | WalletException.Timeout e) {
      throw new Deferred(
          "HISTORY_UNAVAILABLE",
          "the operator does not serve coin " + Long.toUnsignedString(slot) + "'s proofs of blocks "
              + from + " to " + last + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * The bundle's transfer is in the verified history at its block, to the receiver, and nothing
   * came after it.
   */
  private static void requireLatestTransferToReceiver(
      CoinBundle bundle,
      SignedCoinTransfer transfer,
      CoinHistory history,
      HistoryVerdict.Valid valid,
      Address receiver) {
    List<CoinHistory.Included> moves = history.transfers();
    boolean held = moves.stream()
        .anyMatch(m -> m.block() == bundle.transferBlock()
            && m.transfer().equals(transfer)
            && m.transfer().transfer().newOwner().equals(receiver));
    if (!held) {
      throw new CoinRejected(
          "NOT_TO_US",
          "the verified history holds no transfer of the bundle to " + receiver
              + " at block " + bundle.transferBlock() + " (the coin belongs to " + valid.owner()
              + " since block "
              + valid.block() + ")");
    }
    if (valid.block() != bundle.transferBlock()) {
      throw new CoinRejected(
          "MOVED_ON",
          "the coin moved on after the bundle's transfer at block " + bundle.transferBlock()
              + ": it belongs to " + valid.owner() + " since block " + valid.block());
    }
  }

  /** The coin as the cash game holds it, which must be what the bundle says and not be leaving. */
  private OnChainCoin onChain(CoinBundle bundle) {
    long slot = bundle.slot();
    OnChainCoin c = chain
        .coin(slot)
        .orElseThrow(() -> new CoinRejected(
            "UNKNOWN_COIN", "no coin " + Long.toUnsignedString(slot) + " on the root chain"));
    if (!c.token().equals(bundle.token())
        || c.kind() != bundle.kind()
        || !c.value().equals(bundle.value())) {
      throw new CoinRejected(
          "WRONG_COIN",
          "the bundle describes coin " + Long.toUnsignedString(slot)
              + " as " + bundle.kind() + "/" + bundle.token() + "/" + bundle.value()
              + ", the chain holds "
              + c.kind() + "/" + c.token() + "/" + c.value());
    }
    // an exit pending by anyone marks the coin exiting; which claims are pending is read after the
    // history
    if (c.state() != CashChain.DEPOSITED) {
      throw new CoinRejected(
          "COIN_EXITING",
          "coin " + Long.toUnsignedString(slot) + " is " + CoinWallet.stateName(c.state()));
    }
    return c;
  }
}
