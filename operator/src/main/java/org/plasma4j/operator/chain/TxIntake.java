package org.plasma4j.operator.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.plasma4j.operator.ledger.TxValidation;
import org.plasma4j.operator.ledger.VerifiedTx;
import org.plasma4j.operator.metrics.OperatorMetrics;

/**
 * The front of the acceptance pipeline: decoding and signature recovery (the expensive, stateless
 * part) run on the calling request thread, and in parallel for a batch, before the single writer
 * sees the transactions. Each transaction's hashes (tx hash, EIP-712 digest, Merkle leaf) are
 * computed here once and carried with it. Results come back in input order.
 */
public final class TxIntake {

  private static final int PARALLEL_THRESHOLD = 16;

  private final TxValidation validation;
  private final LedgerWriter writer;
  private final OperatorMetrics metrics;

  public TxIntake(TxValidation validation, LedgerWriter writer) {
    this(validation, writer, new OperatorMetrics(new Metrics()));
  }

  /** An intake that counts each batch's outcomes in {@code metrics}. */
  public TxIntake(TxValidation validation, LedgerWriter writer, OperatorMetrics metrics) {
    this.validation = validation;
    this.writer = writer;
    this.metrics = metrics;
  }

  public CompletableFuture<List<TxResult<Bytes32>>> submit(List<byte[]> signedTxs) {
    IntStream indexes = IntStream.range(0, signedTxs.size());
    if (signedTxs.size() >= PARALLEL_THRESHOLD) {
      indexes = indexes.parallel();
    }
    @SuppressWarnings("unchecked")
    TxResult<VerifiedTx>[] prepared = new TxResult[signedTxs.size()];
    indexes.forEach(i -> prepared[i] = prepare(signedTxs.get(i)));

    List<VerifiedTx> valid = new ArrayList<>(prepared.length);
    for (TxResult<VerifiedTx> p : prepared) {
      if (p.isOk()) {
        valid.add(p.value());
      }
    }
    if (valid.isEmpty()) {
      return CompletableFuture.completedFuture(counted(merge(prepared, List.of())));
    }
    // the answers are put together off the writer thread, which would otherwise run this
    // continuation when it completes the future
    return writer.submit(valid).thenApplyAsync(accepted -> counted(merge(prepared, accepted)));
  }

  /** {@code count} payments refused before decoding: their hex or their parameters. */
  public void refusedParams(int count) {
    metrics.invalidParams(count);
  }

  private List<TxResult<Bytes32>> counted(List<TxResult<Bytes32>> results) {
    metrics.intake(results);
    return results;
  }

  private TxResult<VerifiedTx> prepare(byte[] bytes) {
    var decoded = TransactionDecoder.decodeSigned(bytes);
    if (!decoded.isOk()) {
      return TxResult.rejected(decoded.rejection(), decoded.detail());
    }
    TxResult<VerifiedTx> verified = validation.stateless(decoded.value());
    if (verified.isOk()) {
      decoded.value().leafHash(); // hashed here, in parallel, so forming the block does not
    }
    return verified;
  }

  /** Puts the writer's answers back in the places of the transactions that reached it. */
  private static List<TxResult<Bytes32>> merge(
      TxResult<VerifiedTx>[] prepared, List<TxResult<Bytes32>> accepted) {
    List<TxResult<Bytes32>> out = new ArrayList<>(prepared.length);
    int next = 0;
    for (TxResult<VerifiedTx> p : prepared) {
      out.add(p.isOk() ? accepted.get(next++) : TxResult.rejected(p.rejection(), p.detail()));
    }
    return out;
  }
}
