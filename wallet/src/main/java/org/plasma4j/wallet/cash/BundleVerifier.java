package org.plasma4j.wallet.cash;

import java.util.List;
import org.plasma4j.core.cash.CoinCheckpointPolicy;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.cash.HistoryVerdict;
import org.plasma4j.core.cash.MalformedCoinDataException;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.types.Address;
import org.plasma4j.wallet.WalletException.CoinRejected;
import org.plasma4j.wallet.cash.CashChain.OnChainCoin;

/**
 * A receiver's checks of a bundle, trusting none of it: the coin exists on chain as the bundle says
 * and is not exiting; its history, from the on-chain origin, verifies against the on-chain coin roots
 * through the transfer's block; and it ends with the bundle's transfer, to the receiver.
 */
final class BundleVerifier {

  /** A bundle whose transfer block the root chain has not committed yet: kept, tried again later. */
  static final class NotYetCommitted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotYetCommitted(String message) {
      super(message);
    }
  }

  private final CashChain chain;
  private final ChainHistoryCheck check;

  BundleVerifier(CashChain chain, ChainHistoryCheck check) {
    this.chain = chain;
    this.check = check;
  }

  /**
   * The coin record to store for {@code receiver}.
   *
   * @throws CoinRejected naming the failed rule (a HistoryRejection, or a bundle-level reason)
   * @throws NotYetCommitted if the transfer's block is not on the root chain yet
   */
  StoredCoin verify(CoinBundle bundle, Address receiver) {
    long slot = bundle.slot();
    OnChainCoin c = onChain(bundle);
    SignedCoinTransfer transfer;
    CoinHistory history;
    try {
      transfer = SignedCoinTransfer.decode(bundle.signedTransfer().toArray());
      history = CoinHistoryCodec.decode(bundle.history().toArray());
    } catch (MalformedCoinDataException e) {
      throw new CoinRejected("MALFORMED", e.getMessage());
    }
    if (history.slot() != slot) {
      throw new CoinRejected("WRONG_SLOT", "the history is of slot " + Long.toUnsignedString(history.slot()));
    }
    CoinOrigin origin = new CoinOrigin(c.originBlock(), c.originOwner());
    history = CoinCheckpointPolicy.prune(history, origin);
    long next = chain.nextChildBlock();
    if (bundle.transferBlock() >= next) {
      throw new NotYetCommitted("block " + bundle.transferBlock() + " is not committed on the root chain yet");
    }
    HistoryVerdict.Valid valid = check.verify(origin, history, bundle.transferBlock(), next);
    List<CoinHistory.Included> moves = history.transfers();
    if (!valid.owner().equals(receiver) || moves.isEmpty()
        || moves.getLast().block() != bundle.transferBlock()
        || !moves.getLast().transfer().equals(transfer)) {
      throw new CoinRejected("NOT_TO_US", "the history does not end with the bundle's transfer to " + receiver
          + " (it ends with owner " + valid.owner() + " since block " + valid.block() + ")");
    }
    return new StoredCoin(slot, c.token(), c.kind(), c.value(), origin.block(), origin.owner(),
        valid.block(), valid.verifiedTo(), CoinWallet.encode(history));
  }

  /** The coin as the cash game holds it, which must be what the bundle says and not be leaving. */
  private OnChainCoin onChain(CoinBundle bundle) {
    long slot = bundle.slot();
    OnChainCoin c = chain.coin(slot).orElseThrow(() -> new CoinRejected("UNKNOWN_COIN",
        "no coin " + Long.toUnsignedString(slot) + " on the root chain"));
    if (!c.token().equals(bundle.token()) || c.kind() != bundle.kind() || !c.value().equals(bundle.value())) {
      throw new CoinRejected("WRONG_COIN", "the bundle describes coin " + Long.toUnsignedString(slot)
          + " as " + bundle.kind() + "/" + bundle.token() + "/" + bundle.value() + ", the chain holds "
          + c.kind() + "/" + c.token() + "/" + c.value());
    }
    if (c.state() != CashChain.DEPOSITED || chain.exitOf(slot).exists()) {
      throw new CoinRejected("COIN_EXITING", "coin " + Long.toUnsignedString(slot) + " is "
          + (c.state() == CashChain.DEPOSITED ? "exiting" : CoinWallet.stateName(c.state())));
    }
    return c;
  }
}
