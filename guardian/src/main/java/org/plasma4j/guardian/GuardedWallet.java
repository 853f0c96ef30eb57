package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletException;

/**
 * Sends payments through a wallet and tells the guardian about each, with its in-flight exit data,
 * so that the guardian can exit it in flight if the operator never includes it.
 */
public final class GuardedWallet {

  private final PlasmaWallet wallet;
  private final Consumer<InFlightTx> guardian;
  private final LongSupplier clockMillis;

  /** Sends through {@code wallet}, telling a guardian in this process. */
  public GuardedWallet(PlasmaWallet wallet, Guardian guardian, LongSupplier clockMillis) {
    this(wallet, guardian::recordSent, clockMillis);
  }

  /** Sends through {@code wallet}, telling a guardian in another process through its outbox. */
  public GuardedWallet(PlasmaWallet wallet, SentOutbox outbox, LongSupplier clockMillis) {
    this(wallet, outbox::put, clockMillis);
  }

  private GuardedWallet(
      PlasmaWallet wallet, Consumer<InFlightTx> guardian, LongSupplier clockMillis) {
    this.wallet = wallet;
    this.guardian = guardian;
    this.clockMillis = clockMillis;
  }

  public PlasmaWallet wallet() {
    return wallet;
  }

  /**
   * Pays on the child chain. The guardian records the payment once the operator has accepted it,
   * and also when the answer is lost (the operator may have it): an operator that refused it is the
   * only case the guardian forgets it.
   */
  public Bytes32 send(Address to, Address token, BigInteger amount) {
    return submit(wallet.buildPayment(to, token, amount));
  }

  /** Submits a payment built by the wallet (see {@link #send}). */
  public Bytes32 submit(PlasmaWallet.Payment payment) {
    InFlightTx tx =
        new InFlightTx(wallet.inFlightExitData(payment.signed()), clockMillis.getAsLong());
    try {
      Bytes32 hash = wallet.submit(payment);
      guardian.accept(tx);
      return hash;
    } catch (WalletException.OperatorUnreachable | WalletException.Timeout e) {
      guardian.accept(tx);
      throw e;
    }
  }
}
