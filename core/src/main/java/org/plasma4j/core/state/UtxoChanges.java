package org.plasma4j.core.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.OutputPosition;

/**
 * The effect of applying a valid transaction at (blkNum, txIndex): the positions it spends and the
 * outputs it creates, keyed by their new positions. The operator writes these to its store.
 */
public record UtxoChanges(List<OutputPosition> spent, Map<OutputPosition, Output> created) {
  public UtxoChanges {
    spent = List.copyOf(spent);
    created = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(created));
  }

  public static UtxoChanges of(Transaction tx, long blkNum, int txIndex) {
    Map<OutputPosition, Output> created = new LinkedHashMap<>();
    for (int i = 0; i < tx.outputs().size(); i++) {
      created.put(OutputPosition.of(blkNum, txIndex, i), tx.outputs().get(i));
    }
    return new UtxoChanges(tx.inputs(), created);
  }
}
