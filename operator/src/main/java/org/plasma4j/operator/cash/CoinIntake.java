package org.plasma4j.operator.cash;

import java.util.concurrent.CompletableFuture;
import org.plasma4j.core.cash.MalformedCoinDataException;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.plasma4j.operator.metrics.OperatorMetrics;

/**
 * The front of coin-transfer acceptance: decoding and signer recovery under the framework's domain
 * run on the request thread; the single writer then checks the transfer against its coin and
 * acknowledges it once it is durable.
 */
public final class CoinIntake {

  private final Domain domain;
  private final LedgerWriter writer;
  private final OperatorMetrics metrics;

  public CoinIntake(Domain domain, LedgerWriter writer) {
    this(domain, writer, new OperatorMetrics(new Metrics()));
  }

  /** An intake that counts each transfer's outcome in {@code metrics}. */
  public CoinIntake(Domain domain, LedgerWriter writer, OperatorMetrics metrics) {
    this.domain = domain;
    this.writer = writer;
    this.metrics = metrics;
  }

  public CompletableFuture<TxResult<Bytes32>> submit(byte[] signedTransfer) {
    SignedCoinTransfer transfer;
    try {
      transfer = SignedCoinTransfer.decode(signedTransfer);
    } catch (MalformedCoinDataException e) {
      return CompletableFuture.completedFuture(
          counted(TxResult.rejected(TxRejection.MALFORMED_COIN_TRANSFER, e.getMessage())));
    }
    return writer
        .submitCoin(new VerifiedCoinTransfer(transfer, transfer.signer(domain)))
        .thenApply(this::counted);
  }

  /** A transfer refused before decoding: its hex or its parameters. */
  public void refusedParams() {
    metrics.invalidParams(1);
  }

  private TxResult<Bytes32> counted(TxResult<Bytes32> result) {
    metrics.coinIntake(result);
    return result;
  }
}
