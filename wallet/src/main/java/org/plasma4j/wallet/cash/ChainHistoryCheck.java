package org.plasma4j.wallet.cash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryVerifier;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.cash.HistoryVerdict;
import org.plasma4j.core.cash.MalformedCoinDataException;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.wallet.WalletException.CoinRejected;

/**
 * Verification of a coin history against the root chain: the coin roots of the blocks it covers
 * read in one go, then the core's verifier; a rejection becomes {@link CoinRejected} naming its
 * rule. Also turns the operator's proof entries into history entries, refusing malformed ones.
 */
final class ChainHistoryCheck {

  private final Supplier<Domain> domain;
  private final CashChain chain;

  ChainHistoryCheck(Supplier<Domain> domain, CashChain chain) {
    this.domain = domain;
    this.chain = chain;
  }

  /**
   * Verifies {@code history} from {@code origin} through {@code toBlock}, every block below
   * {@code nextChildBlock} committed.
   */
  HistoryVerdict.Valid verify(
      CoinOrigin origin, CoinHistory history, long toBlock, long nextChildBlock) {
    ChainCoinRoots roots = ChainCoinRoots.read(chain, origin.firstChildBlock(), nextChildBlock);
    HistoryVerdict verdict =
        new CoinHistoryVerifier(domain.get(), roots).verify(origin, history, toBlock);
    return switch (verdict) {
      case HistoryVerdict.Valid v -> v;
      case HistoryVerdict.Rejected r ->
        throw new CoinRejected(
            r.reason().name(), "slot " + Long.toUnsignedString(history.slot()) + ": " + r);
    };
  }

  /**
   * The operator's entries for the child blocks {@code fromBlock} through {@code toBlock}, one
   * plasma_getCoinProofs call per {@link CoinOperator#MAX_PROOF_RANGE} blocks; unchecked until
   * {@link #verify}.
   */
  static List<CoinHistory.Entry> fetch(
      CoinOperator operator, long slot, long fromBlock, long toBlock) {
    List<CoinHistory.Entry> fresh = new ArrayList<>();
    long step = CoinOperator.MAX_PROOF_RANGE * BlockNumbers.CHILD_BLOCK_INTERVAL;
    for (long start = fromBlock; start <= toBlock; start += step) {
      long end = Math.min(toBlock, start + step - BlockNumbers.CHILD_BLOCK_INTERVAL);
      operator.getCoinProofs(slot, start, end).forEach(e -> fresh.add(entry(e)));
    }
    return fresh;
  }

  /** One plasma_getCoinProofs entry as a history entry; unchecked until {@link #verify}. */
  static CoinHistory.Entry entry(CoinOperator.ProofEntry e) {
    try {
      return switch (e.kind()) {
        case "included" ->
          new CoinHistory.Included(
              e.blkNum(), SignedCoinTransfer.decode(need(e.tx(), e).toArray()), need(e.proof(), e));
        case "excluded" -> new CoinHistory.Excluded(e.blkNum(), need(e.proof(), e));
        case "empty" -> new CoinHistory.Empty(e.blkNum());
        default ->
          throw new CoinRejected(
              "MALFORMED", "unknown proof entry kind '" + e.kind() + "' at block " + e.blkNum());
      };
    } catch (MalformedCoinDataException ex) {
      throw new CoinRejected("MALFORMED", "block " + e.blkNum() + ": " + ex.getMessage());
    }
  }

  private static Bytes need(Optional<Bytes> value, CoinOperator.ProofEntry e) {
    return value.orElseThrow(() -> new CoinRejected(
        "MALFORMED",
        "the operator's " + e.kind() + " entry for block " + e.blkNum() + " lacks its data"));
  }
}
