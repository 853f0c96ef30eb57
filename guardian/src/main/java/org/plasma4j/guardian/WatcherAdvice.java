package org.plasma4j.guardian;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WatcherView} over a watcher's queries, embedded ({@code WatcherNode}) or remote
 * ({@link WatcherRpcClient}). An advised exit or in-flight transaction that does not even decode is
 * skipped and logged, not trusted and not fatal.
 */
public final class WatcherAdvice implements WatcherView {

  private static final Logger LOG = LoggerFactory.getLogger(WatcherAdvice.class);

  private final WatcherQueries watcher;

  public WatcherAdvice(WatcherQueries watcher) {
    this.watcher = watcher;
  }

  @Override
  public List<ByzantineEvent> events() {
    return watcher.openEvents().stream()
        .map(e -> new ByzantineEvent(e.type(), e.key(), e.details(), e.reportedAtMillis()))
        .toList();
  }

  @Override
  public Advice advice(Address owner) {
    ExitAdvice advice = watcher.exitAdvice(owner);
    return new Advice(advice.firstBadBlock(), outputs(owner, advice), piggybackable(advice));
  }

  private static List<OwnedOutput> outputs(Address owner, ExitAdvice advice) {
    List<OwnedOutput> out = new ArrayList<>();
    for (ExitAdvice.StandardExit e : advice.standardExits()) {
      try {
        StandardExitData data = new StandardExitData(
            OutputPosition.decode(e.position()), e.txBytes(), e.proof(), e.blockTimestamp());
        out.add(new OwnedOutput(owner, e.token(), e.amount(), data));
      } catch (IllegalArgumentException | NullPointerException bad) {
        LOG.warn("skipping malformed exit advice for {}: {}", e.position(), bad.getMessage());
      }
    }
    return out;
  }

  private static List<Piggybackable> piggybackable(ExitAdvice advice) {
    List<Piggybackable> out = new ArrayList<>();
    for (ExitAdvice.Piggyback p : advice.inFlightExits()) {
      TxResult<Transaction> tx = p.txBytes() == null
          ? null
          : TransactionDecoder.decodeTransaction(p.txBytes().toArray());
      if (tx != null && tx.isOk()) {
        out.add(new Piggybackable(
            tx.value(), p.canonical(), indices(p.inputs()), indices(p.outputs())));
      } else {
        LOG.warn("skipping in-flight exit {} whose transaction does not decode", p.ifeId());
      }
    }
    return out;
  }

  private static java.util.Set<Integer> indices(List<Integer> advised) {
    return advised == null ? java.util.Set.of() : java.util.Set.copyOf(advised);
  }
}
